"""The map block of the home page: a small map of the latest events and a few of them.

It carries the title editors give the map page (e.g. "Map of Latest Developments in Syria
and Iraq") and links to it; without a live map page in the home page's language, or
without recent events, the block stays hidden."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from newsdesk.core import fragments
from newsdesk.home.blocks import HomeBlock

from . import views

if TYPE_CHECKING:
    from newsdesk.home.models import HomePage

RECENT = timedelta(days=7)
MAP_EVENTS = 200
LISTED_EVENTS = 4
# The block shows "the last 7 days": kept this long at most, then the window moves on.
KEPT_SECONDS = 600


class MapBlock(HomeBlock):
    name = "map"
    template = "home/blocks/map.html"

    def context(self, page: HomePage) -> dict[str, Any] | None:
        map_page = views.map_page_for(page.locale_id)
        if map_page is None:
            return None
        fragments.shows(f"page:{map_page.pk}")
        now = timezone.now()
        fragments.expires(now + timedelta(seconds=KEPT_SECONDS))
        events = list(
            views.public_events(page.locale_id).filter(occurred_at__gte=now - RECENT)[:MAP_EVENTS]
        )
        if not events:
            return None
        return {
            "title": map_page.title,
            "map_page": map_page,
            "events": events[:LISTED_EVENTS],
            "config": views.map_config(None, None, [], mode="home", events=events),
        }
