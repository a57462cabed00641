"""Parsers for what readers send in addresses: query parameters and parts of the path.

Each function takes the text as it came and returns a value that is safe to compute
with and to hand to any database, or raises `Invalid` saying why not. The rules are the
same on every surface (pages, feeds, the APIs):

- numbers are ASCII digits only (`str.isdigit()` also accepts "²" and "①", which `int()`
  refuses), within a stated range;
- dates and date-times are ISO 8601, in years MIN_YEAR to MAX_YEAR, so that adding a
  day, a period or a time-zone offset can never leave the range Python and the databases
  can represent; offsets are those that exist on Earth, within ±14:00;
- text (slugs, queries, cursors) has a bounded length and no control characters: NUL
  is refused by PostgreSQL, and no address or search needs the others.

This module depends on nothing but Python, so every layer can use it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta

MIN_YEAR = 1900
MAX_YEAR = 2999
MAX_OFFSET = timedelta(hours=14)
EARLIEST = datetime(MIN_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(MAX_YEAR, 12, 31, 23, 59, 59, tzinfo=UTC)
SLUG_MAX = 255
# Ids of rows: what a PostgreSQL bigint holds.
MAX_ID = 2**63 - 1
CURSOR_MAX = 600
# The longest ISO 8601 date-time worth reading: 2026-12-06T10:15:30.123456+05:30.
_MOMENT_MAX = 40
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CURSOR = re.compile(r"[A-Za-z0-9_-]+")
# A slug: no white space, slashes or control characters (C0, DEL, C1).
_SLUG = re.compile(r"^[^\s/\x00-\x1f\x7f-\x9f]+$")


class Invalid(ValueError):
    """The text is not a value of the kind asked for; the message says why, in English."""


class OutOfRange(Invalid):
    """A well-formed value outside what exists (a page past the last one, a far year)."""


def integer(text: str, *, low: int, high: int) -> int:
    """A whole number written in ASCII digits, from `low` to `high`."""
    if not (text.isascii() and text.isdigit()):
        raise Invalid(f"expected a whole number from {low} to {high}")
    # Too many digits to be in range: not even converted (int() of 5,000 digits raises).
    if len(text) > len(str(high)) + 4 or not low <= int(text) <= high:
        raise OutOfRange(f"expected a whole number from {low} to {high}")
    return int(text)


def calendar_date(text: str) -> date:
    """A day written YYYY-MM-DD, in years MIN_YEAR to MAX_YEAR."""
    if not (text.isascii() and _ISO_DATE.fullmatch(text)):
        raise Invalid("expected a date as YYYY-MM-DD")
    try:
        day = date.fromisoformat(text)
    except ValueError as error:
        raise Invalid("that date does not exist") from error
    return _in_years(day)


def moment(text: str) -> datetime:
    """An ISO 8601 date-time (or a date, meaning its midnight), as an aware datetime.

    Without an offset it is UTC. Offsets beyond ±14:00 exist nowhere and are refused."""
    # fromisoformat() also reads week dates and the basic format: only YYYY-MM-DD here.
    if not text.isascii() or len(text) > _MOMENT_MAX or not _ISO_DATE.match(text):
        raise Invalid("expected an ISO 8601 date or date-time")
    try:
        found = datetime.fromisoformat(text)
    except ValueError as error:
        raise Invalid("expected an ISO 8601 date or date-time") from error
    offset = found.utcoffset()
    if offset is None:
        found = found.replace(tzinfo=UTC)
    elif abs(offset) > MAX_OFFSET:
        raise Invalid("time-zone offsets run from -14:00 to +14:00")
    _in_years(found.date())
    return found


def clamped(value: datetime) -> datetime:
    """`value` in UTC, moved inside EARLIEST..LATEST: for a bound of a filter, where a
    far past or a far future means "from the beginning" or "up to the end"."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if value.year <= MIN_YEAR:
        return max(value, EARLIEST) if value.year == MIN_YEAR else EARLIEST
    if value.year >= MAX_YEAR:
        return min(value, LATEST) if value.year == MAX_YEAR else LATEST
    return value.astimezone(UTC)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def text(value: str, *, max_length: int) -> str:
    """Any text without control characters, at most `max_length` characters."""
    if len(value) > max_length:
        raise Invalid(f"at most {max_length} characters")
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in value):
        raise Invalid("control characters are not allowed")
    return value


def slug(value: str, *, max_length: int = SLUG_MAX) -> str:
    """The slug of a page, tag, author, category or topic (any script): not empty, no
    spaces, slashes or control characters, at most `max_length` characters."""
    if not _SLUG.match(value):
        raise Invalid("expected a slug: no spaces, slashes or control characters")
    return text(value, max_length=max_length)


def slugs(value: str, *, most: int) -> tuple[str, ...]:
    """Comma-separated slugs, without repeats, in the order given; at most `most`."""
    found = tuple(dict.fromkeys(slug(part.strip()) for part in value.split(",") if part.strip()))
    if len(found) > most:
        raise Invalid(f"at most {most} values")
    return found


def choice(value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise Invalid("expected one of " + ", ".join(choices))
    return value


def cursor(value: str) -> str:
    """A cursor as the APIs give them out: URL-safe base64, of bounded length."""
    if len(value) > CURSOR_MAX or not (value.isascii() and _CURSOR.fullmatch(value)):
        raise Invalid("not a cursor this API gave out")
    return value


def bbox(value: str) -> tuple[float, float, float, float]:
    """west,south,east,north in degrees: four finite numbers, on Earth, south <= north."""
    parts = value.split(",")
    if len(parts) != 4 or not value.isascii():
        raise Invalid("expected four numbers: west,south,east,north")
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError as error:
        raise Invalid("expected four numbers: west,south,east,north") from error
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise Invalid("expected four numbers: west,south,east,north")
    if not all(-180 <= v <= 180 for v in (west, east)):
        raise Invalid("longitudes must be between -180 and 180")
    if not all(-90 <= v <= 90 for v in (south, north)):
        raise Invalid("latitudes must be between -90 and 90")
    if south > north:
        raise Invalid("south must not be greater than north")
    return west, south, east, north


def _in_years(day: date) -> date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise OutOfRange(f"years run from {MIN_YEAR} to {MAX_YEAR}")
    return day
