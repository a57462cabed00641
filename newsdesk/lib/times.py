"""Times for machines: one format for every `<time datetime>`, feed, sitemap and JSON-LD.

`machine_time` writes ISO 8601 (HTML, JSON Feed, sitemaps, JSON-LD); the RSS and Atom
writers format dates themselves (RFC 822, RFC 3339) and are handed `to_the_second` values,
so every format carries the same instant to the same precision."""

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


def to_the_second(value: datetime) -> datetime:
    """The same instant without its fraction of a second, for writers that format it."""
    return value.replace(microsecond=0)
