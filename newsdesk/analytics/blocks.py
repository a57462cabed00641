"""The Most Viewed block of the home page (registered into home's list in apps.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdesk.home.blocks import HomeBlock

from .selectors import most_viewed

if TYPE_CHECKING:
    from newsdesk.home.models import HomePage


class MostViewedBlock(HomeBlock):
    name = "most-viewed"
    template = "home/blocks/most_viewed.html"

    def context(self, page: HomePage) -> dict[str, Any] | None:
        lists = most_viewed(page.locale_id)
        return {"lists": lists} if any(found.entries for found in lists) else None
