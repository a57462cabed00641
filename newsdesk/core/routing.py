"""Finding the page for an address with as few queries as possible.

Wagtail walks the page tree one path segment at a time (a query for the child and
another for its specific type, per segment), after looking up the active locale and the
site's root page in it, and then looks for view restrictions on every ancestor. On a
news site that is most of the work of serving an article, so here:

- the site's root page in each language is remembered in each process (sites.py);
- the root page finds a page by its whole address in one lookup (DirectRouteMixin),
  remembering which page answered an address, in the process and in the shared cache;
  the page itself is kept like a fragment (see fragments.py) until it is published,
  withdrawn, moved or deleted;
- pages skip the restriction queries while no page of the site is restricted
  (RestrictionAwareMixin).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Page, PageViewRestriction

from . import fragments

ROUTE_KEY = "newsdesk:route:v1:{}:{}"
ROUTE_SECONDS = 60 * 60 * 24
# Addresses remembered in this process's memory before the shared cache is asked.
ROUTES_IN_PROCESS = 50_000
RESTRICTIONS_KEY = "newsdesk:restrictions:v2"
RESTRICTIONS_TAG = "restrictions"

# A remembered answer needs no invalidation: it is checked against the page it names.
_routes: dict[str, tuple[int, type[Page]]] = {}


class DirectRouteMixin:
    """For the root page of a site: resolve /section/article/ with one lookup.

    The page whose url_path matches the whole address is looked up directly (by its
    indexed slug, inside this page's subtree), and which page it was is remembered: the
    next request for the address loads that page by key and checks that it still has
    the address, so a moved or deleted page is never served from a stale memory.
    Anything else, such as a page that routes sub-paths itself, takes Wagtail's route.
    """

    path: str
    depth: int
    url_path: str

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = self._remembered(url_path) or self._look_up(url_path, path_components)
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)  # type: ignore[misc]

    def _remembered(self, url_path: str) -> Page | None:
        key = ROUTE_KEY.format(self.path, url_path)
        known = _routes.get(key)
        if known is None:
            known = cache.get(key)
            if known is None:
                return None
            _remember_route(key, known)
        pk, model = known
        page = fragments.kept(f"newsdesk:page:v1:{pk}", partial(_load, model, pk))
        return page if page is not None and page.url_path == url_path else None

    def _look_up(self, url_path: str, path_components: list[str]) -> Page | None:
        page = (
            Page.objects.filter(
                slug=path_components[-1],
                depth=self.depth + len(path_components),
                path__startswith=self.path,
                url_path=url_path,
            )
            .specific()
            .first()
        )
        if page is None:
            return None
        key = ROUTE_KEY.format(self.path, url_path)
        cache.set(key, (page.pk, type(page)), ROUTE_SECONDS)
        _remember_route(key, (page.pk, type(page)))
        # Kept as _remembered() would load it: the next request needs no query.
        return fragments.kept(f"newsdesk:page:v1:{page.pk}", partial(_found, page))


def _remember_route(key: str, known: tuple[int, type[Page]]) -> None:
    if key not in _routes and len(_routes) >= ROUTES_IN_PROCESS:
        _routes.clear()
    _routes[key] = known


def _found(page: Page) -> Page:
    fragments.shows(f"page:{page.pk}")
    return page


def _load(model: type[Page], pk: int) -> Page | None:
    """The live state of a page, kept until it is published, withdrawn, moved or deleted."""
    fragments.shows(f"page:{pk}")
    try:
        return model.objects.get(pk=pk)
    except model.DoesNotExist:
        return None


class RestrictionAwareMixin:
    """For every public page class: no restriction queries while none exist.

    Wagtail checks the page and all its ancestors for view restrictions (private or
    password-protected pages) on every request: two queries. News sites rarely restrict
    pages, so whether any restriction exists at all is remembered in each process until
    one is added or removed (see invalidation.py)."""

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        if not any_restrictions():
            return _no_restrictions()
        return super().get_view_restrictions()  # type: ignore[misc]


def _no_restrictions() -> QuerySet[PageViewRestriction]:
    """An empty queryset that is already evaluated: Wagtail's serve hook iterates it on
    every request, and iterating a fresh none() still compiles its SQL (7 % of a page view).
    Anything made from it (order_by, filter) is a new, ordinary empty queryset."""
    empty = PageViewRestriction.objects.none()
    empty._result_cache = []
    return empty


def any_restrictions() -> bool:
    return fragments.remembered(RESTRICTIONS_KEY, _any_restrictions)


def _any_restrictions() -> bool:
    fragments.shows(RESTRICTIONS_TAG)
    return PageViewRestriction.objects.exists()
