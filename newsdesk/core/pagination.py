"""Pagination for long lists: ?page= is read by the page parameter of params.py.

It does not count the list: counting a section of 50,000 articles costs more than showing
its newest twenty. One row more than the page holds tells whether an older page exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from . import params
from .params import MAX_PAGE

__all__ = ["MAX_PAGE", "PAGE_SIZE", "ListPage", "page_number", "paginate"]

PAGE_SIZE = 20


class Sliceable(Protocol):
    """A QuerySet, or anything else that fetches a window of a list when sliced."""

    def __getitem__(self, window: slice, /) -> Iterable[Any]: ...


@dataclass(frozen=True)
class ListPage:
    object_list: list[Any]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(request: HttpRequest) -> int:
    """The page a request asks for: a malformed number is a 400, 0 or one past MAX_PAGE
    a 404 (params.PAGE)."""
    number: int = params.of(request, params.LIST)["page"]
    return number


def paginate(request: HttpRequest, items: Sliceable, per_page: int | None = None) -> ListPage:
    """The requested page of `items`.

    A missing page number is page 1; an empty page past the first is a 404, because that
    page does not exist.
    """
    size = per_page or PAGE_SIZE
    number = page_number(request)
    start = (number - 1) * size
    rows = list(items[start : start + size + 1])
    if not rows and number > 1:
        raise Http404(_("There is no page %(number)s of this list.") % {"number": number})
    return ListPage(object_list=rows[:size], number=number, has_next=len(rows) > size)
