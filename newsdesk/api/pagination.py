"""Keyset pagination: a page is "the next N items after this one" in a fixed order.

Unlike ?page=N (an OFFSET), a cursor names the last item seen, so a client walking the
pages sees every item exactly once even while new ones are published in between, and a
deep page costs the same as the first: the database starts from an index position.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from newsdesk.lib import parse

MAX_ID = parse.MAX_ID
MAX_TEXT = 300


class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class Ordering:
    """Items in order of `field` (a datetime or a text), ties broken by id the same way."""

    field: str
    descending: bool
    is_datetime: bool

    def order_by(self, *, reverse: bool = False) -> tuple[str, str]:
        sign = "-" if self.descending != reverse else ""
        return f"{sign}{self.field}", f"{sign}pk"

    def placed(self, items: QuerySet) -> QuerySet:
        """Only items that have a place in the order (a page never published has no time)."""
        return items.filter(**{f"{self.field}__isnull": False})

    def beyond(self, value: Any, pk: int, *, reverse: bool = False) -> Q:
        """Items strictly after (value, pk) in this order (before it, if reverse)."""
        op = "lt" if self.descending != reverse else "gt"
        return Q(**{f"{self.field}__{op}": value}) | Q(**{self.field: value, f"pk__{op}": pk})


@dataclass(frozen=True)
class Cursor:
    backwards: bool
    value: Any
    pk: int

    def encode(self) -> str:
        value = self.value.isoformat() if isinstance(self.value, datetime) else self.value
        raw = json.dumps([int(self.backwards), value, self.pk], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(raw: str, ordering: Ordering) -> Cursor:
    try:
        padded = raw + "=" * (-len(raw) % 4)
        backwards, value, pk = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (binascii.Error, UnicodeError, ValueError, TypeError) as error:
        raise BadCursor("The cursor is not one this API gave out.") from error
    if backwards not in (0, 1) or not isinstance(pk, int) or not 0 < pk <= MAX_ID:
        raise BadCursor("The cursor is not one this API gave out.")
    if not isinstance(value, str):
        raise BadCursor("The cursor is not one this API gave out.")
    try:
        # The parsers every address goes through: a far date or offset, or a NUL byte
        # (which PostgreSQL refuses), is a bad cursor, not a server error.
        if ordering.is_datetime:
            value = parse.moment(value)
        else:
            value = parse.text(value, max_length=MAX_TEXT)
    except parse.Invalid as error:
        raise BadCursor("The cursor is not one this API gave out.") from error
    return Cursor(bool(backwards), value, pk)


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next: Cursor | None
    previous: Cursor | None


def paginate(items: QuerySet, ordering: Ordering, cursor: Cursor | None, size: int) -> Page:
    """One page of `items`: `size` of them, plus one more row read to know if there are more."""
    if cursor is not None and cursor.backwards:
        return _page_before(items, ordering, cursor, size)
    query = ordering.placed(items).order_by(*ordering.order_by())
    if cursor is not None:
        query = query.filter(ordering.beyond(cursor.value, cursor.pk))
    rows = list(query[: size + 1])
    page = rows[:size]
    return Page(
        items=page,
        next=_key(page[-1], ordering, backwards=False) if len(rows) > size else None,
        previous=_key(page[0], ordering, backwards=True) if cursor and page else None,
    )


def _page_before(items: QuerySet, ordering: Ordering, cursor: Cursor, size: int) -> Page:
    query = (
        ordering.placed(items)
        .order_by(*ordering.order_by(reverse=True))
        .filter(ordering.beyond(cursor.value, cursor.pk, reverse=True))
    )
    rows = list(query[: size + 1])
    page = rows[:size][::-1]
    return Page(
        items=page,
        next=_key(page[-1], ordering, backwards=False) if page else None,
        previous=_key(page[0], ordering, backwards=True) if len(rows) > size else None,
    )


def _key(item: Any, ordering: Ordering, *, backwards: bool) -> Cursor:
    return Cursor(backwards, getattr(item, ordering.field), item.pk)
