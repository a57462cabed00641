"""What site search reads: live articles of one language, filtered, and the photo
galleries and films that match, through Wagtail's search backend (SQLite FTS5 or
PostgreSQL full text, kept current on publish)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from wagtail.search.queryset import SearchableQuerySetMixin

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.gallery.models import FilmPage, MediaPage, PhotoGalleryPage
from newsdesk.topics.models import ArticleTopic, TopicPage

# A topic filter is a list of article ids for the backend; the newest this many count.
TOPIC_FILTER_LIMIT = 5_000
# Photo galleries and films shown above the articles that match, of each kind.
MEDIA_LIMIT = 4


@dataclass(frozen=True)
class Filters:
    locale_id: int
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


def search_articles(query: str, filters: Filters) -> SearchableQuerySetMixin:
    articles = ArticlePage.objects.live().filter(locale=filters.locale_id)
    if filters.kind:
        articles = articles.filter(kind=filters.kind)
    if filters.section is not None:
        articles = articles.child_of(filters.section)
    if filters.topic is not None:
        ids = ArticleTopic.objects.filter(topic=filters.topic).order_by("-article_id")
        articles = articles.filter(
            pk__in=list(ids.values_list("article_id", flat=True)[:TOPIC_FILTER_LIMIT])
        )
    if filters.since is not None:
        articles = articles.filter(published_at__gte=_midnight(filters.since))
    if filters.until is not None:
        articles = articles.filter(published_at__lt=_midnight(filters.until + timedelta(days=1)))
    articles = articles.cards()
    if filters.by_date:
        # Only fields the backend indexes can order its results: not cards()' page_ptr_id.
        articles = articles.order_by("-published_at")
    return articles.search(query, order_by_relevance=not filters.by_date)


def search_media(query: str, locale_id: int) -> list[MediaPage]:
    """The best-matching photo galleries, then films, of a language."""
    found: list[MediaPage] = []
    for model in (PhotoGalleryPage, FilmPage):
        pages = model.objects.live().filter(locale=locale_id).cards()
        found += list(pages.search(query)[:MEDIA_LIMIT])
    return found


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())
