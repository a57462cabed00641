"""What the sitemaps read: each language's pages by ranges of their id, never by OFFSET, and
no model objects.

A sitemap of a million articles is a few hundred thousand rows read per file; building
Page objects and asking each for its URL would cost more than the query. The rows here
are tuples, and addresses.py turns url_paths into addresses with the site's root paths.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import F, Max, QuerySet
from django.utils import timezone
from wagtail.models import Locale, Page

from newsdesk.articles.models import ArticlePage
from newsdesk.core import fragments, invalidation, visibility
from newsdesk.core.invalidation import Change

# One sitemap file per range of this many article ids: at most this many URLs a file
# (ids are unique), well under the protocol's 50,000, so each file is quick to build.
ID_SPAN = 10_000
# Google News reads articles of the last two days, at most 1,000 of them.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1_000

RANGES_CACHE_KEY = "newsdesk:sitemaps:ranges:v3:{}"
RANGES_CACHE_SECONDS = 60 * 60
LOCALES_CACHE_KEY = "newsdesk:sitemaps:locales:v2:{}"
# Both are kept under this tag's version: a page withdrawn or deleted may have been the
# last of its range or language, so they are read again (declared below, invalidated by
# core.invalidation now and after the commit). Publishing only adds: see article_published.
RANGES_TAG = "sitemaps:ranges"


def _gone(page: Page, change: invalidation.Change) -> set[str]:
    return {RANGES_TAG} if change in (Change.UNPUBLISHED, Change.DELETED) else set()


# Only these kept values show the tag; the sitemaps themselves show `addresses`.
invalidation.declare(Page, _gone, outside=False)


def _key(template: str) -> str:
    return template.format(fragments.current_versions([RANGES_TAG])[RANGES_TAG])


ArticleRow = tuple[str, datetime | None, datetime, str | None, str]  # see articles_in_range


def article_ranges(locale_id: int) -> list[tuple[int, datetime | None]]:
    """(range number, newest publication in it) for every range of ids with a live article
    in the locale `locale_id`.

    Finding them reads every live article (about 0.1 s a 100,000 on SQLite), so the answer
    (for every language at once) is kept in the cache and kept current as articles are
    published (see article_published).
    """
    known = _known_ranges()
    return sorted((span, last) for (locale, span), last in known.items() if locale == locale_id)


def languages_with_articles() -> set[int]:
    """The locales with at least one range of live articles."""
    return {locale for locale, _span in _known_ranges()}


def _known_ranges() -> dict[tuple[int, int], datetime | None]:
    key = _key(RANGES_CACHE_KEY)
    known: dict[tuple[int, int], datetime | None] | None = cache.get(key)
    if known is None:
        known = {(locale, span): lastmod for locale, span, lastmod in _query_ranges()}
        cache.set(key, known, RANGES_CACHE_SECONDS)
    return known


def _query_ranges() -> list[tuple[int, int, datetime | None]]:
    # The page table alone (live, type, language, id, time), not joined to the article table.
    article_type = ContentType.objects.get_for_model(ArticlePage)
    return list(
        visibility.visible(Page.objects.filter(content_type=article_type))
        .annotate(span=F("id") / ID_SPAN)
        .values("locale_id", "span")
        .annotate(lastmod=Max("last_published_at"))
        .order_by("locale_id", "span")
        .values_list("locale_id", "span", "lastmod")
    )


def article_published(page_id: int, locale_id: int, when: datetime) -> None:
    """Moves the range's lastmod forward (or adds the range) without reading the table."""
    key = _key(RANGES_CACHE_KEY)
    known: dict[tuple[int, int], datetime | None] | None = cache.get(key)
    if known is None:
        return
    span = (locale_id, page_id // ID_SPAN)
    before = known.get(span)
    known[span] = when if before is None else max(before, when)
    cache.set(key, known, RANGES_CACHE_SECONDS)


def articles_in_range(locale_id: int, number: int) -> list[ArticleRow]:
    """(url_path, last update, published, hero picture file, translation key) of a
    range's articles in one language. The update is the last substantive one
    (core.publication): a minor correction is not news to a search engine."""
    low = number * ID_SPAN
    return list(
        visibility.visible(ArticlePage.objects.all(), locale_id)
        .filter(page_ptr_id__gte=low, page_ptr_id__lt=low + ID_SPAN)
        .order_by("page_ptr_id")
        .values_list(
            "url_path", "updated_at", "published_at", "hero_image__file", "translation_key"
        )
    )


def range_keys(locale_id: int, number: int) -> QuerySet:
    """The translation keys of a range's articles in one language, as a subquery (10,000
    would be too many parameters for one SQLite statement)."""
    low = number * ID_SPAN
    return ArticlePage.objects.filter(
        locale_id=locale_id, page_ptr_id__gte=low, page_ptr_id__lt=low + ID_SPAN
    ).values("translation_key")


def translations(keys: list[str] | QuerySet) -> dict[str, list[tuple[str, str]]]:
    """{translation key: [(language, url_path), ...]} for keys with more than one live page.

    Translations of a page share its translation key; a page with none is left out. A site
    that publishes in one language only (the usual case) is told by one indexed look-up,
    sparing 10,000 key look-ups a file.
    """
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    if not _several_languages_live():
        return {}
    found: dict[str, list[tuple[str, str]]] = {}
    rows = (
        visibility.visible(Page.objects.filter(translation_key__in=keys))
        .order_by()
        .values_list("translation_key", "locale_id", "url_path")
    )
    for key, locale_id, url_path in rows:
        found.setdefault(str(key), []).append((languages[locale_id], url_path))
    return {key: versions for key, versions in found.items() if len(versions) > 1}


def _several_languages_live() -> bool:
    return len(locales_in_use()) > 1


def locales_in_use() -> set[int]:
    """The locales with live pages below the home pages. Page.locale has no index of its
    own, so this reads the page table: cached, and kept current on publish."""
    key = _key(LOCALES_CACHE_KEY)
    known: set[int] | None = cache.get(key)
    if known is None:
        below_home = visibility.visible(Page.objects.filter(depth__gt=2)).order_by()
        known = set(below_home.values_list("locale_id", flat=True).distinct())
        cache.set(key, known, RANGES_CACHE_SECONDS)
    return known


def page_published(locale_id: int) -> None:
    key = _key(LOCALES_CACHE_KEY)
    known: set[int] | None = cache.get(key)
    if known is not None and locale_id not in known:
        cache.set(key, known | {locale_id}, RANGES_CACHE_SECONDS)


def recent_articles(
    locale_id: int, now: datetime | None = None
) -> list[tuple[str, datetime, str, str]]:
    """(url_path, published, title, language) of the articles in one language published in
    the news window."""
    since = (now or timezone.now()) - NEWS_WINDOW
    return list(
        visibility.visible(ArticlePage.objects.all(), locale_id)
        .filter(published_at__gte=since)
        .order_by("-published_at", "-page_ptr_id")
        .values_list("url_path", "published_at", "title", "locale__language_code")[:NEWS_LIMIT]
    )


def other_pages(locale_id: int) -> list[tuple[str, datetime | None, str]]:
    """(url_path, last published, translation key) of every live page in one language that
    is not an article: its home page, sections, In Focus and its topics. There are few."""
    return list(
        visibility.visible(Page.objects.filter(depth__gt=1), locale_id)
        .not_type(ArticlePage)
        .order_by("path")
        .values_list("url_path", "last_published_at", "translation_key")
    )
