"""Find the page for an address in two queries instead of two per path segment."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail.models import Page


class DirectRouteMixin:
    """For the root page of a site: resolve /section/article/ with one lookup.

    Wagtail walks the tree one segment at a time, each step costing a query for the
    child and another for its specific type. Here the page whose url_path matches the
    whole address is looked up directly (by its indexed slug, inside this page's subtree).
    Anything else, such as a page that routes sub-paths itself, takes Wagtail's own route.
    """

    path: str
    depth: int
    url_path: str

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        if path_components:
            page = (
                Page.objects.filter(
                    slug=path_components[-1],
                    depth=self.depth + len(path_components),
                    path__startswith=self.path,
                    url_path=f"{self.url_path}{'/'.join(path_components)}/",
                )
                .specific()
                .first()
            )
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)  # type: ignore[misc]
