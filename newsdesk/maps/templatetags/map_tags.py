"""Maps inside other pages' templates: the map page's body, an article's and a topic's events.

Articles and topics never import the maps app: their templates load these tags. Each part
is kept as a fragment until an event changes (tag `map:events`, invalidated by the maps
app on every change to events, categories or areas)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from newsdesk.core import fragments, params
from newsdesk.maps import views
from newsdesk.maps.models import MapPage
from newsdesk.maps.query import QUERY

register = template.Library()

# The default view of the map page covers "the last 30 days": kept this long at most.
EXPLORER_SECONDS = 300
SMALL_MAP_EVENTS = 200
SMALL_LIST_EVENTS = 5


@register.simple_tag(takes_context=True)
def map_explorer(context: dict[str, Any], page: MapPage) -> SafeString:
    """Filters, map and list of the map page."""
    request = context["request"]

    def render() -> str:
        fragments.expires(timezone.now() + timedelta(seconds=EXPLORER_SECONDS))
        explorer = views.explorer(page, request)
        return render_to_string("maps/explorer.html", {"explorer": explorer, "page": page}, request)

    if params.of(request, QUERY).given:  # a filtered view is rendered for its reader
        return mark_safe(render())
    return fragments.cached(request, fragments.key_for(page, "map-explorer"), render)


@register.simple_tag(takes_context=True)
def article_events(context: dict[str, Any], article: Any) -> SafeString:
    """A small map of the events an article reports, when it has any."""
    request = context.get("request")

    def render() -> str:
        events = list(views.public_events().filter(articles=article)[:SMALL_MAP_EVENTS])
        if not events:
            return ""
        context = {**small_map(request, article, events, "article"), "article": article}
        return render_to_string("maps/article_events.html", context, request)

    return fragments.cached(request, fragments.key_for(article, "article-map"), render)


@register.simple_tag(takes_context=True)
def topic_events(context: dict[str, Any], topic: Any) -> SafeString:
    """The events filed under an In Focus topic: a small map and the latest of them."""
    request = context.get("request")

    def render() -> str:
        events = list(views.public_events().filter(topics=topic)[:SMALL_MAP_EVENTS])
        if not events:
            return ""
        return render_to_string(
            "maps/topic_events.html", small_map(request, topic, events, "topic"), request
        )

    return fragments.cached(request, fragments.key_for(topic, "topic-map"), render)


@register.filter
def without(pages: Any, page: Any) -> list[Any]:
    """`pages` less `page` (an article's own map does not link back to it)."""
    return [item for item in pages if page is None or item.pk != page.pk]


def small_map(request: Any, page: Any, events: list[Any], mode: str) -> dict[str, Any]:
    return {
        "mode": mode,
        "events": events[:SMALL_LIST_EVENTS],
        "config": views.map_config(None, request, [], mode=mode, events=events),
        "map_page": views.map_page_for(page.locale_id),
    }
