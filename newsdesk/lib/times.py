"""Times for machines: one format for every `<time datetime>`, feed, sitemap and JSON-LD."""

from __future__ import annotations

from datetime import date, datetime


def machine_time(value: datetime | date | None) -> str:
    """ISO 8601 to the second, with its offset (`2026-12-06T15:44:55+00:00`).

    HTML's `<time datetime>` allows at most three digits of a second's fraction, and no
    reader needs microseconds: they are left out everywhere."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()
