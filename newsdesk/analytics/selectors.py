"""What the site and the newsroom read: the Most Viewed lists and the report's numbers.

A list costs the same whatever the number of articles or views: the ranking of each
window (page ids and counts, a few more than shown) is reused from the cache for
LIST_SECONDS, and the ids are checked against the live pages in one query whenever the
lists are rendered. Rendered lists are kept as HTML (newsdesk.core.fragments) for at
most LIST_SECONDS and are forgotten at once when a listed article is withdrawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import Promise

from newsdesk.articles.models import ArticlePage
from newsdesk.core import fragments

from .pipeline import Reason
from .stores import get_store
from .windows import Window, days_back

LIST_LENGTH = 5
# More candidates than shown, so that unpublished ones can be left out and still fill a list.
CANDIDATES = 20
LINK_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "slug",
    "title",
    "locale_id",
    "content_type_id",
    "live",
    "kind",
    "kicker",
)


@dataclass(frozen=True)
class Entry:
    article: ArticlePage
    views: int


@dataclass(frozen=True)
class MostViewed:
    window: Window
    entries: list[Entry]

    @property
    def label(self) -> Promise:
        return self.window.label


def _key(locale_id: int, section_id: int | None, window: Window) -> str:
    return f"analytics:top:v2:{locale_id}:{section_id or '-'}:{window.value}"


def rankings(
    locale_id: int, section_id: int | None = None, now: datetime | None = None
) -> dict[Window, list[tuple[int, int]]]:
    """(page id, views) per window, most viewed first; from the cache when it has them."""
    clock = timezone.now()
    now = now or clock
    keys = {window: _key(locale_id, section_id, window) for window in Window}
    found = _still_fresh(cache.get_many(list(keys.values())), clock)
    missing = {window: key for window, key in keys.items() if key not in found}
    if missing:
        store = get_store()
        fresh = {
            key: store.top(window, locale_id, now, section_id=section_id, limit=CANDIDATES)
            for window, key in missing.items()
        }
        stamped = {key: (clock.timestamp(), pairs) for key, pairs in fresh.items()}
        cache.set_many(stamped, settings.NEWSDESK_ANALYTICS["LIST_SECONDS"])
        found.update(fresh)
    return {window: [(pk, views) for pk, views in found[key]] for window, key in keys.items()}


def _still_fresh(found: dict[str, Any], now: datetime) -> dict[str, Any]:
    # Ages are judged by our clock, not only by the cache's expiry: a page kept until
    # the lists are LIST_SECONDS old must find them renewed when it is rendered again.
    oldest = now.timestamp() - settings.NEWSDESK_ANALYTICS["LIST_SECONDS"]
    return {key: pairs for key, (stamp, pairs) in found.items() if stamp > oldest}


def forget_rankings(locale_id: int, section_id: int | None = None) -> None:
    cache.delete_many([_key(locale_id, section_id, window) for window in Window])
    fragments.invalidate(_lists_tag(locale_id))


def _lists_tag(locale_id: int) -> str:
    return f"most-viewed:{locale_id}"


def most_viewed(
    locale_id: int,
    section_id: int | None = None,
    limit: int = LIST_LENGTH,
    now: datetime | None = None,
) -> list[MostViewed]:
    """The three lists, Day, Week and Month, of live articles: one query for all three."""
    ranked = rankings(locale_id, section_id, now)
    ids = {page_id for pairs in ranked.values() for page_id, _views in pairs}
    live = (
        {a.pk: a for a in ArticlePage.objects.visible().filter(pk__in=ids).only(*LINK_FIELDS)}
        if ids
        else {}
    )
    lists = [
        MostViewed(
            window,
            [Entry(live[pk], views) for pk, views in ranked[window] if pk in live][:limit],
        )
        for window in Window
    ]
    # Rendered lists are kept (newsdesk.core.fragments) until the counts are read again,
    # or at once when a ranked article is withdrawn, changed, or becomes visible again.
    shown = {f"page:{pk}" for pk in ids}
    fragments.shows(_lists_tag(locale_id), *shown)
    fragments.expires(
        timezone.now() + timedelta(seconds=settings.NEWSDESK_ANALYTICS["LIST_SECONDS"])
    )
    return lists


# The newsroom's report -----------------------------------------------------------------


def views_per_day(
    article: ArticlePage, days: int = 30, now: datetime | None = None
) -> list[tuple[date, int]]:
    """Oldest day first."""
    wanted = list(reversed(days_back(now or timezone.now(), days)))
    counts = get_store().daily(article.pk, article.locale_id, wanted)
    return [(day, counts[day]) for day in wanted]


def dropped(days: int = 30, now: datetime | None = None) -> list[tuple[Reason, int]]:
    """Events left out in the last `days` days, by reason, every reason listed."""
    counts = get_store().drops(days_back(now or timezone.now(), days))
    return [(reason, counts.get(reason.value, 0)) for reason in Reason]


REPORT_PAGE = 50


def top_articles(
    window: Window, locale_id: int, limit: int = REPORT_PAGE, now: datetime | None = None
) -> list[Entry]:
    """For the report: the most viewed live articles of a window, counted now."""
    return ranked_page(window, locale_id, 1, per_page=limit, now=now).entries


@dataclass(frozen=True)
class ReportPage:
    """One page of the report's ranking or of its search: entries with their rank (None
    for a search hit), and whether a next page exists."""

    entries: list[Entry]
    ranks: list[int | None]
    number: int
    has_next: bool

    @property
    def rows(self) -> list[tuple[int | None, Entry]]:
        return list(zip(self.ranks, self.entries, strict=True))


def ranked_page(
    window: Window,
    locale_id: int,
    number: int,
    per_page: int = REPORT_PAGE,
    now: datetime | None = None,
) -> ReportPage:
    """Page `number` of the window's ranking of the articles readers may see.

    The store ranks pages that readers may no longer see (withdrawn, moved to the
    future) too: it is asked for twice what the page needs, and for more only when too
    many of those were left out, so a page costs a store read and a query, rarely more."""
    now = now or timezone.now()
    wanted = number * per_page + 1  # one more than the page: is there a next one?
    asked = wanted * 2
    while True:
        ranked = get_store().top(window, locale_id, now, limit=asked)
        ids = [page_id for page_id, _views in ranked]
        live = {
            a.pk: a for a in ArticlePage.objects.visible().filter(pk__in=ids).only(*LINK_FIELDS)
        }
        visible = [Entry(live[pk], views) for pk, views in ranked if pk in live]
        if len(visible) >= wanted or len(ranked) < asked:
            break
        asked *= 2
    start = (number - 1) * per_page
    entries = visible[start : start + per_page]
    return ReportPage(
        entries=entries,
        ranks=list(range(start + 1, start + 1 + len(entries))),
        number=number,
        has_next=len(visible) > start + per_page,
    )


def search_page(
    window: Window,
    locale_id: int,
    words: str,
    number: int,
    per_page: int = REPORT_PAGE,
    now: datetime | None = None,
) -> ReportPage:
    """Page `number` of the articles readers may see whose title contains `words`, newest
    first, each with its views in the window: an article found however far down the
    ranking it is (one query for the page, one store read)."""
    start = (number - 1) * per_page
    found = list(
        ArticlePage.objects.visible()
        .filter(locale_id=locale_id, title__icontains=words)
        .order_by("-first_published_at", "-pk")
        .only(*LINK_FIELDS)[start : start + per_page + 1]
    )
    articles = found[:per_page]
    views = get_store().views_of(window, locale_id, now or timezone.now(), [a.pk for a in articles])
    return ReportPage(
        entries=[Entry(a, views.get(a.pk, 0)) for a in articles],
        ranks=[None] * len(articles),
        number=number,
        has_next=len(found) > per_page,
    )
