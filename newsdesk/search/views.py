"""/search?q=: full-text search over the live articles and In Focus topics of the page's
language, with the photo galleries and films that match."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from types import MappingProxyType
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from newsdesk.articles.listings import LATEST
from newsdesk.articles.models import ArticlePage
from newsdesk.core import fragments, navigation, params, sites
from newsdesk.core.pagination import paginate
from newsdesk.gallery import selectors as gallery_selectors
from newsdesk.topics import selectors as topic_selectors
from newsdesk.topics.models import TopicPage

from . import selectors, text
from .forms import KIND_CHOICES, QUERY, SORT_CHOICES, SearchForm
from .highlight import highlight

# Given new versions by every publication of what search finds.
PUBLICATIONS = (LATEST, gallery_selectors.LATEST, topic_selectors.LISTED)


@dataclass(frozen=True)
class Hit:
    page: ArticlePage | TopicPage
    title: str
    snippet: str

    @property
    def is_topic(self) -> bool:
        return isinstance(self.page, TopicPage)

    @classmethod
    def of(cls, page: ArticlePage | TopicPage, terms: list[str]) -> Hit:
        text = page.description if isinstance(page, TopicPage) else page.lead
        return cls(page, highlight(page.title, terms), highlight(text, terms))


@params.reads(QUERY)
def search(request: HttpRequest) -> HttpResponse:
    # Any publication may change the results; the filter lists the sections.
    fragments.shows(*PUBLICATIONS, navigation.TAG, list_wide=True)
    locale = sites.active_locale()
    params = _form_params(request)
    data = _valid_data(params)
    context: dict[str, Any] = {"title": _("Search"), "form_params": params}
    page = partial(_page, request, context, locale)
    if data is None:
        context["form"] = _form(request)  # shows the errors and what was typed
        return page(status=400)
    query = " ".join(data["q"].split())
    context["query"] = query
    if not query:
        return page()
    terms = text.terms(query)
    if not terms:
        # Only punctuation or symbols: nothing that the index holds could match.
        context["unsearchable"] = True
        return page()
    filters = _filters(data, locale, context)
    if filters is None:
        return page(status=400)
    found = selectors.search(terms, filters)
    results = paginate(request, found)
    context["results"] = results
    media = results.number == 1 and not selectors.narrowed_to_articles(filters)
    context["found"] = fragments.get_or_render(
        # The ids in the name: a ranking made again may list other pages.
        f"newsdesk:search:found:v1:{found.key(f'{media}:{results.object_list}')}",
        partial(_render_found, request, found, results.object_list, media),
    )
    if results.number == 1 and not results.object_list:
        context["suggestion"] = suggestion = fragments.kept(
            f"newsdesk:search:suggestion:v1:{found.key('suggestion')}",
            partial(_suggestion, terms, filters),
        )
        context["suggestion_query"] = suggestion and _with_query(request, suggestion)
    context["page_query"] = _without_page(request)
    return page()


def _page(
    request: HttpRequest, context: dict[str, Any], locale: sites.ActiveLocale, status: int = 200
) -> HttpResponse:
    context["search_form"] = _search_form(request, context, locale)
    return render(request, "search/search.html", context, status=status)


def _search_form(request: HttpRequest, context: dict[str, Any], locale: sites.ActiveLocale) -> str:
    """The form as the reader filled it in. Labels, option lists and a dozen translations
    cost more than the rest of a search page, so a valid form is kept as HTML per language
    and values (its section list shows the navigation's tag)."""
    render = partial(_render_form, request, context, locale)
    if "form" in context or context.get("filter_error"):
        return render()
    key = hashlib.blake2b(f"{locale.language_code}|{context['form_params']!r}".encode())
    return fragments.get_or_render(f"newsdesk:search:form:v1:{key.hexdigest()[:32]}", render)


def _render_form(request: HttpRequest, context: dict[str, Any], locale: sites.ActiveLocale) -> str:
    form = context.get("form") or _form(request)
    options = _filter_options(form, selectors.sections(locale.pk))
    return render_to_string("search/form.html", {**context, "form": form, **options}, request)


def _form(request: HttpRequest) -> SearchForm:
    return SearchForm(params.of(request, QUERY).querydict())


def _form_params(request: HttpRequest) -> tuple[tuple[str, str | None], ...]:
    """The form's fields as the request fills them in (the last of repeated values, as a
    form reads them); None for those left empty."""
    query = params.of(request, QUERY)
    return tuple((name, query[name] or None) for name in SearchForm.base_fields)


@lru_cache(maxsize=1024)
def _valid_data(params: tuple[tuple[str, str | None], ...]) -> Mapping[str, Any] | None:
    """The cleaned values of the form filled in with `params`, or None when it is invalid.
    Validation depends on nothing else, so each input is validated once per process: a
    form instance deep-copies all its fields, a tenth of a search page."""
    form = SearchForm(dict(params))
    return MappingProxyType(form.cleaned_data) if form.is_valid() else None


def _suggestion(terms: list[str], filters: selectors.Filters) -> str | None:
    """Kept until anything is published: any new word may be closer to what was typed."""
    fragments.shows(*PUBLICATIONS, list_wide=True)
    return selectors.suggestion(terms, filters)


def _render_found(
    request: HttpRequest, found: selectors.Results, ids: list[int], media: bool
) -> str:
    """One page of hits (and, on the first, the galleries and films that match) as HTML,
    kept while the ranking and every page it shows are unchanged."""
    # Each hit links to its page: a new address below a moved section must reach it.
    fragments.shows(*(f"page:{pk}" for pk in ids))
    language = found.filters.language
    context = {
        "hits": [Hit.of(page, found.terms) for page in found.cards(ids)],
        "media": media and selectors.search_media(found.terms, found.filters.locale_id, language),
    }
    if not (context["hits"] or context["media"]):
        return ""
    return render_to_string("search/found.html", context, request)


def _filters(
    data: Mapping[str, Any], locale: sites.ActiveLocale, context: dict
) -> selectors.Filters | None:
    """The validated filters, or None (and an error in the context) for an unknown name."""
    section = topic = None
    if data["section"]:
        section = selectors.section_by_slug(data["section"], locale.pk)
        if section is None:
            context["filter_error"] = _("There is no such section.")
            return None
    if data["topic"]:
        topic = selectors.topic_by_slug(data["topic"], locale.pk)
        if topic is None:
            context["filter_error"] = _("There is no such topic.")
            return None
    return selectors.Filters(
        locale_id=locale.pk,
        language=locale.language_code,
        kind=data["kind"],
        section=section,
        topic=topic,
        since=data["since"],
        until=data["until"],
        by_date=data["sort"] == "date",
    )


def _filter_options(form: SearchForm, sections: list[tuple[str, str]]) -> dict[str, str]:
    """The <option>s of the form's lists, the reader's choices selected (made here: a
    template loop over them costs more than the rest of the form)."""
    return {
        "kind_options": _options(KIND_CHOICES, form["kind"].value()),
        "section_options": _options([("", _("All sections")), *sections], form["section"].value()),
        "sort_options": _options(SORT_CHOICES, form["sort"].value()),
    }


def _options(choices: Iterable[tuple[str, Any]], selected: Any) -> str:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == selected else "", label) for value, label in choices),
    )


def _with_query(request: HttpRequest, query: str) -> str:
    # Only the parameters search reads: the page is kept for every reader of this address.
    return params.of(request, QUERY).urlencode(page=None, q=query)


def _without_page(request: HttpRequest) -> str:
    return params.of(request, QUERY).urlencode(page=None)
