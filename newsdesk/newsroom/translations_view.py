"""The newsroom's "Translations" view: which stories exist in which language.

One row per story of the chosen language (articles by default; topics, galleries and
other pages by kind), newest first, with, for every other language, its translation
(published or draft, with a link to edit it) or a link to start one. `missing=<code>`
keeps only the stories not yet translated into that language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from wagtail.models import Locale, Page

from newsdesk.articles.models import ArticlePage
from newsdesk.gallery.models import FilmPage, PhotoGalleryPage
from newsdesk.topics.models import TopicPage

PER_PAGE = 50
KINDS: dict[str, type[Page]] = {
    "articles": ArticlePage,
    "topics": TopicPage,
    "galleries": PhotoGalleryPage,
    "films": FilmPage,
    "pages": Page,
}


@dataclass(frozen=True)
class Cell:
    language_code: str
    page: Page | None
    translate_url: str  # "" when there is a translation


@dataclass(frozen=True)
class Row:
    page: Page
    cells: list[Cell]


def may_translate(request: HttpRequest) -> bool:
    return request.user.has_perm("simple_translation.submit_translation")


def translations(request: HttpRequest) -> HttpResponse:
    if not may_translate(request):
        raise PermissionDenied
    codes = [code for code, _name in settings.LANGUAGES]
    source = _choice(request, "language", codes, settings.LANGUAGE_CODE)
    kind = _choice(request, "kind", list(KINDS), "articles")
    missing = _choice(request, "missing", [c for c in codes if c != source], "")
    pages = _stories(KINDS[kind], source, missing)
    paginator = Paginator(pages, PER_PAGE)
    page_number = request.GET.get("p", "1")
    listed = paginator.get_page(int(page_number) if page_number.isdigit() else 1)
    others = [code for code in codes if code != source]
    return render(
        request,
        "newsroom/translations.html",
        {
            "rows": _rows(list(listed.object_list), others),
            "listed": listed,
            "languages": codes,
            "others": others,
            "source": source,
            "kind": kind,
            "kinds": list(KINDS),
            "missing": missing,
            "counts": _counts(KINDS[kind], source, others),
        },
    )


def _choice(request: HttpRequest, name: str, allowed: list[str], default: str) -> str:
    value = request.GET.get(name, default)
    return value if value in allowed else default


def _stories(model: type[Page], source: str, missing: str) -> QuerySet:
    pages = model.objects.filter(locale__language_code=source, depth__gt=2)
    if model is Page:
        pages = pages.exclude(content_type__model__in=["articlepage"])
    if missing:
        done = Page.objects.filter(locale__language_code=missing).values("translation_key")
        pages = pages.exclude(translation_key__in=done)
    order = ("-published_at", "-pk") if model is ArticlePage else ("path",)
    return pages.select_related("locale").order_by(*order)


def _rows(pages: list[Page], others: list[str]) -> list[Row]:
    found = Page.objects.filter(
        translation_key__in=[page.translation_key for page in pages],
        locale__language_code__in=others,
    ).select_related("locale")
    by_key = {(p.translation_key, p.locale.language_code): p for p in found}
    return [
        Row(
            page,
            [
                Cell(
                    code,
                    by_key.get((page.translation_key, code)),
                    ""
                    if (page.translation_key, code) in by_key
                    else reverse("simple_translation:submit_page_translation", args=[page.pk]),
                )
                for code in others
            ],
        )
        for page in pages
    ]


def _counts(model: type[Page], source: str, others: list[str]) -> list[tuple[str, int, int]]:
    """Per other language: how many of the source's stories it has, and how many not."""
    total = model.objects.filter(locale__language_code=source, depth__gt=2).count()
    keys = model.objects.filter(locale__language_code=source).values("translation_key")
    counts = []
    for code in others:
        done = Page.objects.filter(
            locale=Locale.objects.filter(language_code=code).first(), translation_key__in=keys
        ).count()
        counts.append((code, done, total - done))
    return counts
