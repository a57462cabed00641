"""The newsroom's Most Viewed report: top articles per window (paginated, or found by a
title search), one article's views per day as a chart, what the ingest pipeline filtered
out, and a CSV export."""

from __future__ import annotations

import csv

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from newsdesk.articles.models import ArticlePage
from newsdesk.core import params
from newsdesk.lib import parse

from . import selectors
from .chart import views_per_day_svg
from .stores import get_store
from .windows import Window

PERMISSION = "analytics.view_report"
CHART_DAYS = 30
SEARCH_MAX = 200


def can_see_report(request: HttpRequest) -> bool:
    return bool(request.user.has_perm(PERMISSION))


def _window(request: HttpRequest) -> Window:
    try:
        return Window(request.GET.get("window", Window.DAY.value))
    except ValueError:
        return Window.DAY


def _locale(request: HttpRequest) -> Locale:
    code = request.GET.get("language")
    locale = Locale.objects.filter(language_code=code).first() if code else None
    return locale or Locale.get_default()


def _article(request: HttpRequest) -> ArticlePage | None:
    raw = request.GET.get("article", "")
    return ArticlePage.objects.filter(pk=int(raw)).first() if raw.isdigit() else None


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("p", "")
    if not raw:
        return 1
    try:
        return params.page_number(raw)
    except parse.Invalid as error:
        raise BadRequest(_("The page number must be a whole number from 1.")) from error


def _search(request: HttpRequest) -> str:
    try:
        words = parse.text(request.GET.get("q", ""), max_length=SEARCH_MAX)
    except parse.Invalid as error:
        raise BadRequest(_("The search is too long or holds control characters.")) from error
    return " ".join(words.split())


def report(request: HttpRequest) -> HttpResponse:
    if not can_see_report(request):
        raise PermissionDenied
    window, locale, now = _window(request), _locale(request), timezone.now()
    number, words = _page_number(request), _search(request)
    # This worker's buffered counts first, so the editor sees them too.
    get_store().flush()
    if request.GET.get("format") == "csv":
        return _csv(selectors.top_articles(window, locale.pk, now=now), window, locale)
    if words:
        page = selectors.search_page(window, locale.pk, words, number, now=now)
    else:
        page = selectors.ranked_page(window, locale.pk, number, now=now)
    if number > 1 and not page.entries:
        raise Http404
    entries = page.entries
    article = _article(request) or (entries[0].article if entries else None)
    chart = None
    if article is not None:
        days = selectors.views_per_day(article, CHART_DAYS, now=now)
        chart = views_per_day_svg(days, _("Views per day of “%s”") % article.title)
    return render(
        request,
        "analytics/admin/report.html",
        {
            "window": window,
            "windows": list(Window),
            "locale": locale,
            "locales": Locale.objects.order_by("language_code"),
            "entries": entries,
            "page": page,
            "words": words,
            "article": article,
            "chart": chart,
            "dropped": selectors.dropped(CHART_DAYS, now=now),
            "chart_days": CHART_DAYS,
        },
    )


def _csv(entries: list[selectors.Entry], window: Window, locale: Locale) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"most-viewed-{locale.language_code}-{window.value}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["rank", "article_id", "title", "url", "views", "window", "language"])
    for rank, entry in enumerate(entries, start=1):
        writer.writerow(
            [
                rank,
                entry.article.pk,
                entry.article.title,
                entry.article.url,
                entry.views,
                window.value,
                locale.language_code,
            ]
        )
    return response
