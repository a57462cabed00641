"""What the sitemaps read: pages by ranges of their id, never by OFFSET, and no model objects.

A sitemap of a million articles is a few hundred thousand rows read per file; building
Page objects and asking each for its URL would cost more than the query. The rows here
are tuples, and addresses.py turns url_paths into addresses with the site's root paths.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import F, Max
from django.utils import timezone
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage

# One sitemap file per range of this many article ids: at most this many URLs a file
# (ids are unique), well under the protocol's 50,000, so each file is quick to build.
ID_SPAN = 10_000
# Google News reads articles of the last two days, at most 1,000 of them.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1_000

ArticleRow = tuple[str, datetime | None, datetime, str | None]


def article_ranges() -> list[tuple[int, datetime | None]]:
    """(range number, newest update in it) for every range of ids that has a live article."""
    rows = (
        ArticlePage.objects.live()
        .annotate(span=F("page_ptr_id") / ID_SPAN)
        .values("span")
        .annotate(lastmod=Max("last_published_at"))
        .order_by("span")
        .values_list("span", "lastmod")
    )
    return list(rows)


def articles_in_range(number: int) -> list[ArticleRow]:
    """(url_path, last published, published, hero picture file) of a range's articles."""
    low = number * ID_SPAN
    return list(
        ArticlePage.objects.live()
        .filter(page_ptr_id__gte=low, page_ptr_id__lt=low + ID_SPAN)
        .order_by("page_ptr_id")
        .values_list("url_path", "last_published_at", "published_at", "hero_image__file")
    )


def recent_articles(now: datetime | None = None) -> list[tuple[str, datetime, str, str]]:
    """(url_path, published, title, language) of the articles published in the news window."""
    since = (now or timezone.now()) - NEWS_WINDOW
    return list(
        ArticlePage.objects.live()
        .filter(published_at__gte=since)
        .order_by("-published_at", "-page_ptr_id")
        .values_list("url_path", "published_at", "title", "locale__language_code")[:NEWS_LIMIT]
    )


def other_pages() -> list[tuple[str, datetime | None]]:
    """(url_path, last published) of every live page that is not an article: the home
    pages, sections, In Focus and its topics. There are few of these."""
    return list(
        Page.objects.live()
        .filter(depth__gt=1)
        .not_type(ArticlePage)
        .order_by("path")
        .values_list("url_path", "last_published_at")
    )
