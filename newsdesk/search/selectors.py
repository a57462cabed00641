"""What site search reads: the articles and In Focus topics of one language, filtered,
and the photo galleries and films that match, from Wagtail's search index (SQLite FTS5 or
PostgreSQL full text, kept current on publish), ranked by our backend's own query
(decision 0010)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.core import fragments, navigation, visibility
from newsdesk.gallery.models import FilmPage, MediaPage, PhotoGalleryPage
from newsdesk.topics.models import ArticleTopic, TopicPage

from .backends.common import RANKINGS_TAG, Ranking, word_tag

# Photo galleries and films shown above the articles that match, of each kind.
MEDIA_LIMIT = 4
# The `kind` that asks for In Focus topics rather than articles of a kind.
TOPIC_KIND = "topic"


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
    return visibility.visible(SectionPage.objects.filter(slug=slug), locale_id).first()


def topic_by_slug(slug: str, locale_id: int) -> TopicPage | None:
    return visibility.visible(TopicPage.objects.filter(slug=slug), locale_id).first()


def sections(locale_id: int) -> list[tuple[str, str]]:
    """(slug, title) of each live section of a language, for the section filter; kept
    until the site's navigation changes."""
    return fragments.kept(f"newsdesk:search:sections:v1:{locale_id}", partial(_sections, locale_id))


def _sections(locale_id: int) -> list[tuple[str, str]]:
    fragments.shows(navigation.TAG)
    live = visibility.visible(SectionPage.objects.all(), locale_id).order_by("path")
    return list(live.values_list("slug", "title"))


class Results:
    """The pages that match (articles, and In Focus topics unless the filters are the
    articles' own), found one page at a time: paginate() slices it, and each slice is the
    ids of one page of a kept ranking (kept_ranking()); cards() loads their pages."""

    def __init__(self, terms: list[str], filters: Filters):
        self.terms, self.filters = terms, filters

    def __getitem__(self, window: slice) -> list[int]:
        return kept_ranking(
            self.key(f"{window.start}-{window.stop}"),
            partial(_ranking, self.terms, self.filters, window),
        )

    def key(self, part: str) -> str:
        """A name for something made from these results alone (e.g. a rendered page)."""
        return _digest(_filters_key(self.filters), self.filters.language, *self.terms, part)

    @staticmethod
    def cards(ids: list[int]) -> list[ArticlePage | TopicPage]:
        """The pages of `ids`, in that order, with what a search hit shows."""
        # Checked again here, not only when the index changes: a page withdrawn a moment
        # ago may still be in a kept ranking until its index task has run.
        return _in_order_of_kinds(
            (ArticlePage.objects.visible().cards(), visibility.visible(TopicPage.objects.all())),
            ids,
        )


def backend() -> Any:
    return get_search_backend()


def kept_ranking(key: str, ranking: Callable[[], Ranking]) -> list[int]:
    """The ids of one page of a ranking, kept until a page holding one of its words
    changes (see search.backends.common). `key` names the ranking (the words, which pages
    may match, the window); `ranking` makes it, only when it is not kept."""
    return fragments.kept(f"newsdesk:search:v1:{_digest(key)}", lambda: _rank(ranking()))


def _digest(*parts: str) -> str:
    return hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()


def _rank(ranking: Ranking) -> list[int]:
    words = backend().query_words(ranking.terms, ranking.language)
    fragments.shows(RANKINGS_TAG, *(word_tag(word) for word in words))
    return backend().rank(ranking)


def _filters_key(filters: Filters) -> str:
    section = filters.section.pk if filters.section else ""
    topic = filters.topic.pk if filters.topic else ""
    return (
        ":".join(
            str(part)
            for part in (
                filters.locale_id,
                filters.kind,
                section,
                topic,
                filters.since,
                filters.until,
            )
        )
        + f":{filters.by_date}"
    )


def search(terms: list[str], filters: Filters) -> Results:
    return Results(terms, filters)


def _ranking(terms: list[str], filters: Filters, window: slice) -> Ranking:
    """Articles and topics ranked together; only topics when the kind asks for them, only
    articles when a filter is one that only articles have."""
    topics = visibility.visible(TopicPage.objects.all(), filters.locale_id)
    if filters.kind == TOPIC_KIND:
        # Topics have no date of their own: their list is in relevance order.
        return Ranking(terms, topics, filters.language, window.start, window.stop, few=True)
    also = () if narrowed_to_articles(filters) else (topics,)
    articles = _articles(filters)
    return Ranking(
        terms, articles, filters.language, window.start, window.stop, filters.by_date, also=also
    )


def narrowed_to_articles(filters: Filters) -> bool:
    """Filters that only articles have: topics, galleries and films are then left out."""
    return bool(filters.kind or filters.section or filters.topic or filters.since or filters.until)


def _articles(filters: Filters) -> QuerySet:
    articles = ArticlePage.objects.visible().filter(locale=filters.locale_id)
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
    return articles


def search_media(terms: list[str], locale_id: int, language: str) -> list[MediaPage]:
    """The best-matching photo galleries, then films, of a language."""
    found: list[MediaPage] = []
    for model in (PhotoGalleryPage, FilmPage):
        pages = visibility.visible(model.objects.all(), locale_id)
        ranking = partial(Ranking, terms, pages, language, 0, MEDIA_LIMIT, few=True)
        ids = kept_ranking(_digest(str(locale_id), model._meta.label, language, *terms), ranking)
        found += _in_order(visibility.visible(model.objects.cards()), ids)
    return found


def suggestion(terms: list[str], filters: Filters) -> str | None:
    """Other words to search for, when some of `terms` were never indexed and the words
    most like them find something under the same filters."""
    suggested = backend().suggest(terms, filters.language)
    if suggested == terms or not search(suggested, filters)[0:1]:
        return None
    return " ".join(suggested)


def _in_order(pages: QuerySet, ids: list[int]) -> list[Any]:
    by_id = pages.in_bulk(ids) if ids else {}
    return [by_id[pk] for pk in ids if pk in by_id]


def _in_order_of_kinds(kinds: tuple[QuerySet, ...], ids: list[int]) -> list[Any]:
    """The pages of `ids`, in that order, each from the first queryset that holds it; a
    kind is asked only for the ids the kinds before it did not hold."""
    found: dict[int, Any] = {}
    for pages in kinds:
        missing = [pk for pk in ids if pk not in found]
        if missing:
            found.update(pages.in_bulk(missing))
    return [found[pk] for pk in ids if pk in found]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())
