"""/search?q=: full-text search over the live articles of the page's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale

from newsdesk.articles.listings import LATEST
from newsdesk.articles.models import ArticlePage
from newsdesk.core import fragments, navigation
from newsdesk.core.pagination import paginate
from newsdesk.gallery import selectors as gallery_selectors

from . import selectors
from .forms import SearchForm
from .highlight import highlight


@dataclass(frozen=True)
class Hit:
    article: ArticlePage
    title: str
    snippet: str


def search(request: HttpRequest) -> HttpResponse:
    # Any publication may change the results; the filter lists the sections.
    fragments.shows(LATEST, gallery_selectors.LATEST, navigation.TAG)
    form = SearchForm(request.GET)
    locale_id = Locale.get_active().pk
    context: dict[str, Any] = {
        "form": form,
        "sections": selectors.sections(locale_id),
        "title": _("Search"),
    }
    if not form.is_valid():
        return render(request, "search/search.html", context, status=400)
    query = " ".join(form.cleaned_data["q"].split())
    context["query"] = query
    if not query:
        return render(request, "search/search.html", context)
    filters = _filters(form.cleaned_data, locale_id, context)
    if filters is None:
        return render(request, "search/search.html", context, status=400)
    try:
        results = paginate(request, selectors.search_articles(query, filters))
    except DatabaseError:
        # A query the full-text engine cannot parse (stray quotes, operators): say so.
        context["unsearchable"] = True
        return render(request, "search/search.html", context)
    context["results"] = results
    if results.number == 1 and not _narrowed_to_articles(filters):
        context["media"] = selectors.search_media(query, locale_id)
    context["hits"] = [
        Hit(a, highlight(a.title, query), highlight(a.lead, query)) for a in results.object_list
    ]
    context["page_query"] = _without_page(request)
    return render(request, "search/search.html", context)


def _filters(data: dict, locale_id: int, context: dict) -> selectors.Filters | None:
    """The validated filters, or None (and an error in the context) for an unknown name."""
    section = topic = None
    if data["section"]:
        section = selectors.section_by_slug(data["section"], locale_id)
        if section is None:
            context["filter_error"] = _("There is no such section.")
            return None
    if data["topic"]:
        topic = selectors.topic_by_slug(data["topic"], locale_id)
        if topic is None:
            context["filter_error"] = _("There is no such topic.")
            return None
    return selectors.Filters(
        locale_id=locale_id,
        kind=data["kind"],
        section=section,
        topic=topic,
        since=data["since"],
        until=data["until"],
        by_date=data["sort"] == "date",
    )


def _narrowed_to_articles(filters: selectors.Filters) -> bool:
    """Filters that only articles have: galleries and films are then left out."""
    return bool(filters.kind or filters.section or filters.topic or filters.since or filters.until)


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
