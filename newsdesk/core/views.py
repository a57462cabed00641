"""Serving Wagtail pages: routed from the cached root page (see routing.py)."""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
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


def authenticate_with_password(
    request: HttpRequest, page_view_restriction_id: int, page_id: int
) -> HttpResponse:
    """Wagtail's form for a password-protected page, counted like a login (decision 0014).

    Wagtail compares the page password itself, without Django's authenticate(), so axes
    never hears of it: this asks axes first and tells it of each wrong password through
    Django's own `user_login_failed` signal, which axes counts by the page and the address.
    """
    credentials = {"username": f"page-password:{page_id}"}
    if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
        return locked_out(request)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST" and response.status_code == 200:
        # Wagtail shows the form again: the password was wrong.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return locked_out(request)
    return response


@never_cache
def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """What axes answers once an account or address is locked out (AXES_LOCKOUT_CALLABLE):
    the site's own page, in the reader's language, with 429 Too Many Requests."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "locked_out.html", {"minutes": minutes}, status=429)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its valid token (CSRF_FAILURE_VIEW): the site's 403 page in the
    reader's language; Django's own would be English, outside the site's design."""
    return render(request, "403.html", status=403)
