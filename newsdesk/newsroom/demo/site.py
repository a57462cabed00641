"""Builds the whole demo site once: structure, articles, editors' picks."""

from __future__ import annotations

import io
import random
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.home.models import HomePage
from newsdesk.maps.demo import build_map

from .builder import ArticleBuilder, Log
from .curation import curate
from .gallery import build_gallery
from .info_pages import build_info_pages
from .live_coverage import cover_live
from .local import build_languages
from .newsroom_day import correct_articles
from .readership import seed_views
from .structure import build_structure
from .tag_links import link_tags


@dataclass(frozen=True)
class Summary:
    articles: int
    seconds: float


def has_content() -> bool:
    return HomePage.objects.exists()


def build_demo_site(articles: int, seed: int, log: Log) -> Summary:
    """Everything in one transaction: an interrupted build leaves nothing behind, so the
    next run starts over instead of keeping half a site."""
    started = time.monotonic()
    # Each part draws from its own stream, so a change in one (say, more articles)
    # leaves the others as they were for the same seed.
    streams = {
        part: random.Random(f"{seed}:{part}")
        for part in ("site", "articles", "picks", "views", "gallery", "map", "live")
    }
    now = timezone.now()
    with transaction.atomic():
        newsroom = build_structure(streams["site"], settings.WAGTAIL_SITE_NAME)
        log(f"Built the home page, sections, {len(newsroom.topics)} topics and the authors.")
        ArticleBuilder(newsroom, streams["articles"], now).build(articles, log)
        curate(newsroom.home, newsroom.topics, streams["picks"], now)
        build_gallery(newsroom.home, newsroom.topics, streams["gallery"])
        build_info_pages(newsroom.home)
        log("Built the Gallery: photo essays and films.")
        build_languages(newsroom, articles, seed, now, log)
        log(f"Linked {link_tags()} tags to their versions in the other languages.")
        build_map(streams["map"], now, log)
        correct_articles(now)
        cover_live(streams["live"], now)
    # After the transaction: the counts go through the view store, which writes on its own.
    seed_views(streams["views"], now, log)
    refresh_planner_statistics()
    index_for_search(articles, log)
    return Summary(articles=articles, seconds=time.monotonic() - started)


# A small demo is indexed at once, so that site search, its "Did you mean" suggestions
# (their words are collected as pages are indexed) and the admin's search work from the
# start; a benchmark-sized one is not (100,000 articles: minutes; see docs/benchmarks.md).
SEARCH_INDEX_LIMIT = 10_000


def index_for_search(articles: int, log: Log) -> None:
    if articles > SEARCH_INDEX_LIMIT:
        log(
            f"Skipped the search index for {articles:,} articles; "
            "run `newsdesk update_index` to make them searchable."
        )
        return
    call_command("update_index", stdout=io.StringIO())
    log("Indexed the articles for site search, its suggestions and the admin.")


def refresh_planner_statistics() -> None:
    """After a bulk load the query planner still believes the tables are nearly empty
    (measured: the home page took 700 ms on PostgreSQL with 100,000 articles, 20 ms after
    ANALYZE), so it is told what is there now instead of waiting for autovacuum."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def article_count() -> int:
    return ArticlePage.objects.count()
