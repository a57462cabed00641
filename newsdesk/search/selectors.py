"""What site search reads: live articles of one language, filtered, and the photo
galleries and films that match, from Wagtail's search index (SQLite FTS5 or PostgreSQL
full text, kept current on publish), ranked by our backend's own query (decision 0010)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.gallery.models import FilmPage, MediaPage, PhotoGalleryPage
from newsdesk.topics.models import ArticleTopic, TopicPage

from .backends.common import Ranking

# Photo galleries and films shown above the articles that match, of each kind.
MEDIA_LIMIT = 4


@dataclass(frozen=True)
class Filters:
    locale_id: int
    language: str = "en"
    kind: str = ""
    section: SectionPage | None = None
    topic: TopicPage | None = None
    since: date | None = None
    until: date | None = None
    by_date: bool = False


def section_by_slug(slug: str, locale_id: int) -> SectionPage | None:
    return SectionPage.objects.live().filter(slug=slug, locale_id=locale_id).first()


def topic_by_slug(slug: str, locale_id: int) -> TopicPage | None:
    return TopicPage.objects.live().filter(slug=slug, locale_id=locale_id).first()


def sections(locale_id: int) -> list[SectionPage]:
    return list(SectionPage.objects.live().filter(locale_id=locale_id).order_by("path"))


class Results:
    """The articles that match, found one page at a time: paginate() slices it, and each
    slice is one ranking query (the engine stops after the page) and one card query."""

    def __init__(self, terms: list[str], articles: QuerySet, language: str, by_date: bool):
        self.terms, self.articles, self.language, self.by_date = terms, articles, language, by_date

    def __getitem__(self, window: slice) -> list[ArticlePage]:
        ranking = Ranking(
            self.terms, self.articles, self.language, window.start, window.stop, self.by_date
        )
        return _in_order(ArticlePage.objects.cards(), backend().rank(ranking))


def backend() -> Any:
    return get_search_backend()


def search_articles(terms: list[str], filters: Filters) -> Results:
    articles = ArticlePage.objects.live().filter(locale=filters.locale_id)
    if filters.kind:
        articles = articles.filter(kind=filters.kind)
    if filters.section is not None:
        articles = articles.child_of(filters.section)
    if filters.topic is not None:
        on_topic = ArticleTopic.objects.filter(topic=filters.topic, article_id=OuterRef("pk"))
        articles = articles.filter(Exists(on_topic))
    if filters.since is not None:
        articles = articles.filter(published_at__gte=_midnight(filters.since))
    if filters.until is not None:
        articles = articles.filter(published_at__lt=_midnight(filters.until + timedelta(days=1)))
    return Results(terms, articles, filters.language, filters.by_date)


def search_media(terms: list[str], locale_id: int, language: str) -> list[MediaPage]:
    """The best-matching photo galleries, then films, of a language."""
    found: list[MediaPage] = []
    for model in (PhotoGalleryPage, FilmPage):
        pages = model.objects.live().filter(locale=locale_id)
        ids = backend().rank(Ranking(terms, pages, language, 0, MEDIA_LIMIT, few=True))
        found += _in_order(model.objects.cards(), ids)
    return found


def suggestion(terms: list[str], filters: Filters) -> str | None:
    """Other words to search for, when some of `terms` were never indexed and the words
    most like them find something under the same filters."""
    suggested = backend().suggest(terms, filters.language)
    if suggested == terms or not search_articles(suggested, filters)[0:1]:
        return None
    return " ".join(suggested)


def _in_order(pages: QuerySet, ids: list[int]) -> list[Any]:
    by_id = pages.in_bulk(ids) if ids else {}
    return [by_id[pk] for pk in ids if pk in by_id]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())
