"""Serving Wagtail pages: routed from the cached root page (see routing.py)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from wagtail import views as wagtail_views
from wagtail.models import Site

from . import fragments, sites


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, routed from the cached root page of the site."""
    if not hasattr(request, "_wagtail_route_for_request"):
        # Wagtail's serve reads the route from here when it is set (see
        # Page.route_for_request); Wagtail's own lookup is what this replaces.
        request._wagtail_route_for_request = _route(request, path)  # type: ignore[attr-defined]
    return wagtail_views.serve(request, path)


def _route(request: HttpRequest, path: str) -> Any:
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = sites.root_page_for(site)
    try:
        route = root.route(request, [part for part in path.split("/") if part])
    except Http404:
        return None
    # The page shows itself: a whole-page copy (pagecache.py) goes when it changes.
    fragments.shows(f"page:{route[0].pk}")
    return route
