"""Listings that are not pages in the tree: tags, authors and date archives."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Locale

from newsdesk.core import fragments, params
from newsdesk.core.pagination import page_number, paginate
from newsdesk.people.models import Person

from . import notes, selectors
from .listings import archive_name, article_list
from .models import ArticlePage, ArticleQuerySet, tag_translation_tag, tag_versions_tag

FIRST_ARCHIVE_YEAR = 1990


def _articles_in_active_locale() -> ArticleQuerySet:
    return ArticlePage.objects.visible().in_locale(Locale.get_active().pk).cards()


@params.reads(params.LIST)
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    fragments.shows(f"tag:{tag.pk}")  # the heading: its name
    articles = article_list(
        request, f"tag:{tag.pk}", lambda: _articles_in_active_locale().tagged(tag.pk)
    )
    context = {
        "tag": tag,
        "article_list": articles,
        "title": tag.name,
        # The switcher and hreflang go to the tag's version in each language (0024).
        "language_versions": _tag_addresses(tag),
    }
    return render(request, "articles/tag.html", context)


def _tag_addresses(tag: Tag) -> dict[str, str]:
    """The address of `tag`'s page in this language, and of its version's page in each
    language where editors linked one (articles.TagTranslation)."""
    shown = tag_versions_tag(tag.pk)

    def find() -> selectors.TagLanguages:
        fragments.shows(shown)
        found = selectors.tag_languages(tag)
        fragments.shows(*(tag_translation_tag(pk) for pk in found.translation_ids))
        return found

    # Remembered apart from the page (no query when kept); the page shows what it read.
    found = fragments.remembered(f"newsdesk:tag-languages:v1:{tag.pk}", find)
    fragments.shows(shown, *(tag_translation_tag(pk) for pk in found.translation_ids))
    own = translation.get_language() or settings.LANGUAGE_CODE
    slugs = {**found.slugs, own: tag.slug}
    addresses = {}
    for code, _name in settings.LANGUAGES:
        if code in slugs:
            with translation.override(code):
                addresses[code] = reverse("tag", kwargs={"slug": slugs[code]})
    return addresses


@params.reads(params.LIST)
def author_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
    fragments.shows(f"person:{person.pk}")  # the header: name, picture, biography
    articles = article_list(
        request, f"author:{person.pk}", lambda: _articles_in_active_locale().by(person.pk)
    )
    return render(
        request,
        "articles/author.html",
        {"person": person, "article_list": articles, "title": person.name},
    )


@params.reads(params.LIST)
def archive(
    request: HttpRequest, year: int, month: int | None = None, day: int | None = None
) -> HttpResponse:
    start, end = _archive_period(year, month, day)
    articles = article_list(
        request,
        archive_name(year, month, day),
        lambda: _articles_in_active_locale().filter(published_at__gte=start, published_at__lt=end),
    )
    return render(
        request,
        "articles/archive.html",
        {
            "article_list": articles,
            "period_start": start,
            "year": year,
            "month": month,
            "day": day,
            # Dates, so that the template names each month in the reader's language; none
            # after this one (a link to a month to come would lead to an empty page).
            "months": [date(year, m, 1) for m in range(1, 13) if date(year, m, 1) <= _this_month()],
            "neighbours": _neighbour_months(year, month) if month and not day else None,
        },
    )


@params.reads(params.LIST)
def corrections(request: HttpRequest) -> HttpResponse:
    """Every correction and clarification of the language's visible articles, newest first."""
    locale_id = Locale.get_active().pk
    key = f"corrections:{translation.get_language()}:{page_number(request)}"

    def render_list() -> str:
        fragments.shows(notes.CORRECTIONS_TAG)
        listed = paginate(request, selectors.corrections(locale_id))
        # Each links to its article: a renamed, moved or withdrawn one changes the list.
        fragments.shows(*{f"page:{note.article_id}" for note in listed.object_list})
        return render_to_string("articles/corrections_list.html", {"notes": listed}, request)

    listing = fragments.cached(request, key, render_list)
    return render(
        request, "articles/corrections.html", {"listing": listing, "title": _("Corrections")}
    )


def _neighbour_months(year: int, month: int) -> tuple[date | None, date | None]:
    """The months before and after an archive month, from the archive's first year to this
    month."""
    first = date(year, month, 1)
    before = (first - timedelta(days=1)).replace(day=1)
    after = first + timedelta(days=calendar.monthrange(year, month)[1])
    return (
        before if before.year >= FIRST_ARCHIVE_YEAR else None,
        after if after <= _this_month() else None,
    )


def _this_month() -> date:
    return timezone.localdate().replace(day=1)


def _archive_period(year: int, month: int | None, day: int | None) -> tuple[datetime, datetime]:
    """The [start, end) datetimes of an archive address; an impossible date is a 404."""
    this_year = timezone.now().year
    if not FIRST_ARCHIVE_YEAR <= year <= this_year + 1:
        raise Http404(_("There is no archive for that year."))
    try:
        if day is not None and month is not None:
            first = date(year, month, day)
            after = first + timedelta(days=1)
        elif month is not None:
            first = date(year, month, 1)
            after = first + timedelta(days=calendar.monthrange(year, month)[1])
        else:
            first, after = date(year, 1, 1), date(year + 1, 1, 1)
    except ValueError as error:
        raise Http404(_("That date does not exist.")) from error
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=tz),
        datetime.combine(after, time.min, tzinfo=tz),
    )
