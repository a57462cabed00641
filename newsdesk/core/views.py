"""Serving Wagtail pages: routed from the cached root page (see routing.py)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from wagtail import views as wagtail_views
from wagtail.models import Site

from . import fragments, params, sites


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's page view, routed from the cached root page of the site, once the query
    parameters the page reads are known to be good (a bad one is a 400)."""
    route = route_for(request, path)
    if route is not None:
        params.of(request, params.spec_of(route[0]))
    return wagtail_views.serve(request, path)


def page_query_spec(request: HttpRequest, path: str) -> params.QuerySpec:
    """What the page at `path` reads from the query string: its kind declares it. Asked by
    the page cache before the view runs; the route found is the one the view then uses."""
    sites.attach(request)
    route = route_for(request, path)
    return params.spec_of(route[0]) if route is not None else params.NOTHING


serve.query_spec_for = page_query_spec  # type: ignore[attr-defined]


def route_for(request: HttpRequest, path: str) -> Any:
    """The page (and its arguments) that answers `path`, found once per request."""
    if not hasattr(request, "_wagtail_route_for_request"):
        # Wagtail's serve reads the route from here when it is set (see
        # Page.route_for_request); Wagtail's own lookup is what this replaces.
        request._wagtail_route_for_request = _route(request, path)  # type: ignore[attr-defined]
    return request._wagtail_route_for_request  # type: ignore[attr-defined]


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
