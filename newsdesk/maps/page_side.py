"""Connects the reader's side of the map to the rest of the site (imported by apps.ready).

- The home page gets the map block (home never imports maps).
- A map page asked for with filters that do not validate answers 400, with the form's
  messages on the page (Wagtail's `before_serve_page` hook; the page renders as usual).
- Publishing, unpublishing, moving or deleting a map page makes the home block and the
  "full map" links find the page anew.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from django.http import HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

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


def _forget_map_page(**kwargs: Any) -> None:
    views.forget_map_pages()


for _signal in (page_published, page_unpublished, post_delete):
    _signal.connect(
        _forget_map_page, sender=MapPage, weak=False, dispatch_uid=f"map-page-{id(_signal)}"
    )


def _forget_map_page_if_below(instance: Page, **kwargs: Any) -> None:
    # A new address for a map page or a page above it (its home): the links change.
    if MapPage.objects.descendant_of(instance, inclusive=True).exists():
        views.forget_map_pages()


post_page_move.connect(_forget_map_page_if_below, weak=False, dispatch_uid="map-page-move")
page_slug_changed.connect(_forget_map_page_if_below, weak=False, dispatch_uid="map-page-slug")
