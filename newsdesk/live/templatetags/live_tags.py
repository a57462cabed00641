from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from newsdesk.core import fragments, sites
from newsdesk.maps.models import EVENTS_TAG, Event
from newsdesk.maps.views import map_page_for

from .. import selectors
from ..models import LiveEntry

register = template.Library()


@dataclass(frozen=True)
class EntryEvent:
    title: str
    place: str
    map_url: str


@register.simple_tag
def entry_event(entry: LiveEntry) -> EntryEvent | None:
    """The map event an entry names, while readers may see it (verified)."""
    if entry.event_id is None:
        return None
    fragments.shows(EVENTS_TAG)
    event = entry.event
    if event is None or event.status != Event.Status.VERIFIED:
        return None
    found = map_page_for(entry.live_page.locale_id)
    return EntryEvent(event.title, event.place_name, found.url if found else "")


@register.simple_tag(takes_context=True)
def live_strip(context: template.Context) -> SafeString:
    """The home page's strip of running live coverage in its language (nothing when none
    runs), kept until coverage starts, ends or a live page changes."""
    request = context.get("request")
    language = translation.get_language()

    def render() -> str:
        pages = selectors.running(sites.active_locale().pk)
        if not pages:
            return ""
        return render_to_string("live/strip.html", {"live_pages": pages}, request)

    return fragments.cached(request, f"live-strip:{language}", render)
