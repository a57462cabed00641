"""Reads of map data for the API and for the pages that show events (the map, blocks)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage
from newsdesk.core import fragments, visibility
from newsdesk.topics import selectors as topic_selectors

from .models import (
    EVENTS_TAG,
    ControlArea,
    Event,
    EventArticle,
    EventCategory,
    EventSource,
    EventTopic,
)

DEFAULT_LIMIT = 500
MAX_LIMIT = 1000


@dataclass(frozen=True)
class BBox:
    """West, south, east, north in degrees; west > east crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    def q(self) -> Q:
        latitudes = Q(latitude__gte=self.south, latitude__lte=self.north)
        if self.west <= self.east:
            return latitudes & Q(longitude__gte=self.west, longitude__lte=self.east)
        return latitudes & (Q(longitude__gte=self.west) | Q(longitude__lte=self.east))


@dataclass(frozen=True)
class EventFilter:
    since: datetime | None = None
    until: datetime | None = None
    # until given as a date: everything before the next midnight (exclusive bound).
    until_exclusive: bool = False
    categories: tuple[str, ...] = ()
    bbox: BBox | None = None
    topic: str = ""
    lang: str = ""
    limit: int = DEFAULT_LIMIT
    # Keyset: the (occurred_at, id) of the last event of the previous page.
    after: tuple[datetime, int] | None = None


def public_events(f: EventFilter) -> list[Event]:
    """Verified events matching `f`, newest first, with what a marker shows prefetched.

    The number of queries is fixed (events with categories, sources, linked live articles),
    whatever the number of events."""
    fragments.shows(EVENTS_TAG)
    events = (
        Event.objects.public()
        .select_related("category")
        .prefetch_related(
            "sources",
            Prefetch(
                "article_links",
                queryset=EventArticle.objects.filter(article__in=ArticlePage.objects.visible())
                .select_related("article")
                .order_by("sort_order"),
                to_attr="live_article_links",
            ),
        )
    )
    found = list(filtered(events, f).order_by("-occurred_at", "-id")[: f.limit])
    # Markers link to these articles: a new address (slug, move) must reach the map.
    fragments.shows(
        *{f"page:{link.article_id}" for event in found for link in event.live_article_links}
    )
    return found


@dataclass
class EventRow:
    """What the API serves of one event: plain values, no model instances."""

    values: dict[str, Any]
    category: EventCategory
    sources: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    articles: list[Page] = field(default_factory=list)


def public_event_rows(f: EventFilter) -> list[EventRow]:
    """Like public_events(), as plain rows: the API serves up to 1,000 events a request,
    and model instances with prefetched relations cost most of its time (measured: 450 ms
    for 500 events on SQLite, see docs/benchmarks.md). Five queries, whatever the count."""
    fragments.shows(EVENTS_TAG)
    found = filtered(Event.objects.public(), f).order_by("-occurred_at", "-id")[: f.limit]
    values = list(found.values(*ROW_FIELDS))
    if not values:
        return []
    categories = {c.pk: c for c in EventCategory.objects.all()}
    rows = {v["id"]: EventRow(v, categories[v["category_id"]]) for v in values}
    sources = EventSource.objects.filter(event_id__in=rows).order_by("event_id", "sort_order")
    for event_id, label, url in sources.values_list("event_id", "label", "url"):
        rows[event_id].sources.append((label, url))
    links = list(
        EventArticle.objects.filter(event_id__in=rows, article__in=ArticlePage.objects.visible())
        .order_by("event_id", "sort_order")
        .values_list("event_id", "article_id")
    )
    if links:
        fragments.shows(*{f"page:{article_id}" for _event, article_id in links})
        pages = Page.objects.in_bulk({article_id for _event, article_id in links})
        for event_id, article_id in links:
            rows[event_id].articles.append(pages[article_id])
    return list(rows.values())


ROW_FIELDS = (
    "id",
    "title",
    "description",
    "occurred_at",
    "precision",
    "latitude",
    "longitude",
    "place_name",
    "country",
    "category_id",
)


def filtered(events: Any, f: EventFilter) -> Any:
    if f.since is not None:
        events = events.filter(occurred_at__gte=f.since)
    if f.until is not None:
        lookup = "occurred_at__lt" if f.until_exclusive else "occurred_at__lte"
        events = events.filter(**{lookup: f.until})
    if f.categories:
        events = events.filter(category__slug__in=f.categories)
    if f.bbox is not None:
        events = events.filter(f.bbox.q())
    if f.topic:
        linked = EventTopic.objects.filter(topic__slug=f.topic).values("event_id")
        events = events.filter(pk__in=linked)
    if f.lang:
        events = events.filter(locale__language_code=f.lang)
    if f.after is not None:
        moment, pk = f.after
        events = events.filter(Q(occurred_at__lt=moment) | Q(occurred_at=moment, id__lt=pk))
    return events


def categories() -> list[EventCategory]:
    """Every category, in legend order."""
    fragments.shows(EVENTS_TAG)
    return list(EventCategory.objects.order_by("sort_order", "name_en"))


def unknown_categories(slugs: Sequence[str]) -> list[str]:
    known = set(EventCategory.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    return [slug for slug in slugs if slug not in known]


def is_public_topic(slug: str) -> bool:
    """Whether a published In Focus topic has this slug: drafts are unknown to readers."""
    return visibility.visible(topic_selectors.topics().filter(slug=slug)).exists()


def areas_at(moment: datetime) -> list[ControlArea]:
    fragments.shows(EVENTS_TAG)
    return list(ControlArea.objects.valid_at(moment).order_by("valid_from", "party", "id"))


def area_change_dates() -> list[datetime]:
    """Every moment at which the areas shown change: starts and ends of validity."""
    fragments.shows(EVENTS_TAG)
    starts = ControlArea.objects.values_list("valid_from", flat=True)
    ends = ControlArea.objects.exclude(valid_until=None).values_list("valid_until", flat=True)
    moments = {m for m in starts if m is not None} | {m for m in ends if m is not None}
    return sorted(moments)
