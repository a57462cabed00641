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


def top_articles(
    window: Window, locale_id: int, limit: int = 50, now: datetime | None = None
) -> list[Entry]:
    """For the report: the most viewed live articles of a window, counted now."""
    ranked = get_store().top(window, locale_id, now or timezone.now(), limit=limit * 2)
    ids = [page_id for page_id, _views in ranked]
    live = {a.pk: a for a in ArticlePage.objects.visible().filter(pk__in=ids).only(*LINK_FIELDS)}
    return [Entry(live[pk], views) for pk, views in ranked if pk in live][:limit]
