"""The Gallery block of the home page: the latest photo galleries and films.

Registered into the home page's block list from this app (apps.py) so that the
dependency stays one-way: gallery depends on home, never the reverse."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from newsdesk.home.blocks import HomeBlock

from . import selectors

if TYPE_CHECKING:
    from newsdesk.home.models import HomePage


class GalleryBlock(HomeBlock):
    name = "gallery"
    template = "home/blocks/gallery.html"

    def context(self, page: HomePage) -> dict[str, Any] | None:
        galleries = selectors.latest_galleries(page.locale_id, 3)
        films = selectors.latest_films(page.locale_id, 2)
        if not galleries and not films:
            return None
        return {"title": _("Gallery"), "galleries": galleries, "films": films}
