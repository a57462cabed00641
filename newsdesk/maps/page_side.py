"""Connects the reader's side of the map to the rest of the site (imported by apps.ready).

- The home page gets the map block (home never imports maps).
- A map page asked for with filters that do not validate answers 400, with the form's
  messages on the page (Wagtail's `before_serve_page` hook; the page renders as usual).

(Which "full map" links a map page's change makes stale is declared by `MapPage`, and
invalidated by core.invalidation.)
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from wagtail import hooks

from newsdesk.home.blocks import register

from . import views
from .blocks import MapBlock
from .models import MapPage

register(MapBlock(), after="in-focus")


@hooks.register("before_serve_page")
def answer_bad_filters_with_400(
    page: Any, request: HttpRequest, serve_args: Any, serve_kwargs: Any
) -> HttpResponse | None:
    if not isinstance(page, MapPage) or views.filters_are_valid(page, request):
        return None
    response: HttpResponse = page.serve(request, *serve_args, **serve_kwargs)
    response.status_code = 400
    return response
