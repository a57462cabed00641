"""Map test data: categories, events and areas of control, with sensible defaults."""

from __future__ import annotations

import itertools
import json
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from newsdesk.maps.models import ControlArea, Event, EventCategory, EventSource

_serial = itertools.count(1)
_ages = itertools.count(1)  # seconds past the hour of the next event: restarted per test


def restart_ages() -> None:
    """Each test's events are an hour and one, two... seconds old, in the order made; a
    run-wide count would in time push a late test's events out of the day's filter."""
    global _ages
    _ages = itertools.count(1)


def make_category(slug: str = "airstrike", **fields: Any) -> EventCategory:
    fields.setdefault("name_en", slug.replace("-", " ").title())
    fields.setdefault("color", "#c0392b")
    fields.setdefault("icon", slug if slug in ("airstrike", "clashes", "shelling") else "other")
    category, _created = EventCategory.objects.get_or_create(slug=slug, defaults=fields)
    return category


def make_event(
    category: EventCategory | None = None,
    *,
    sources: list[tuple[str, str]] | None = None,
    **fields: Any,
) -> Event:
    """A verified event at Aleppo an hour ago, unless told otherwise."""
    n = next(_serial)
    fields.setdefault("title", f"Event number {n}")
    fields.setdefault("description", f"What happened in event {n}.")
    fields.setdefault("occurred_at", timezone.now() - timedelta(hours=1, seconds=next(_ages)))
    fields.setdefault("latitude", 36.2)
    fields.setdefault("longitude", 37.15)
    fields.setdefault("place_name", "Aleppo")
    fields.setdefault("country", "SY")
    fields.setdefault("status", Event.Status.VERIFIED)
    event = Event.objects.create(category=category or make_category(), **fields)
    for position, (url, label) in enumerate(sources or []):
        EventSource.objects.create(event=event, url=url, label=label, sort_order=position)
    return event


def square(west: float, south: float, east: float, north: float) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [
            [[west, south], [east, south], [east, north], [west, north], [west, south]]
        ],
    }


def make_area(
    party: str = "Party A",
    *,
    valid_from: datetime | None = None,
    valid_until: datetime | None = None,
    geometry: dict[str, Any] | None = None,
    **fields: Any,
) -> ControlArea:
    fields.setdefault("color", "#2980b9")
    return ControlArea.objects.create(
        party=party,
        valid_from=valid_from or timezone.now() - timedelta(days=30),
        valid_until=valid_until,
        geometry=json.dumps(geometry or square(36.0, 35.0, 38.0, 37.0)),
        **fields,
    )
