"""Pagination that never turns a bad ?page= into a server error."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

PAGE_SIZE = 20


def paginate(request: HttpRequest, items: QuerySet, per_page: int | None = None) -> Page:
    """The requested page of `items`.

    A missing or non-numeric page is page 1 (links from old sites and typos should
    still land somewhere useful); a number past the end is a 404, because that page
    does not exist.
    """
    raw = request.GET.get("page", "1")
    number = int(raw) if raw.isdigit() and len(raw) < 7 else 1
    paginator = Paginator(items, per_page or PAGE_SIZE, allow_empty_first_page=True)
    if number < 1:
        number = 1
    if number > paginator.num_pages:
        raise Http404(_("There is no page %(number)s of this list.") % {"number": number})
    return paginator.page(number)
