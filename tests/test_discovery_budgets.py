"""Feeds and sitemaps cost a fixed number of queries however many articles there are."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from wagtail.models import Site

from newsdesk.feeds.models import FeedSettings
from newsdesk.sitemaps import selectors

from .budgets import SIZES, Cost, grew
from .test_query_budgets import Newsroom, build_newsroom

# The database is set up only for sessions with tests marked so (pytest-django).
pytestmark = pytest.mark.django_db

FEED_BUDGET = 12
FEEDS = [
    "/feeds/rss.xml",
    "/feeds/atom.xml",
    "/feeds/feed.json",
    "/feeds/sections/news/rss.xml",
    "/feeds/topics/drought/atom.xml",
    "/feeds/tags/drought/feed.json",
    "/feeds/authors/sara-ahmadi/rss.xml",
]
FULL_TEXT = "full text /feeds/rss.xml"
SITEMAP_BUDGET = 3
SITEMAPS = ["/robots.txt", "/sitemap.xml", "/sitemaps/pages.xml", "/sitemaps/news.xml"]
ARTICLES_SITEMAP = "articles"


def _articles_sitemap(newsroom: Newsroom) -> str:
    """The file with the first article: it holds them all."""
    return f"/sitemaps/articles-{newsroom.articles[0].pk // selectors.ID_SPAN}.xml"


def _full_text_cost(newsroom: Newsroom) -> Cost:
    """The site's RSS feed with whole articles in it (a setting, undone after)."""
    with transaction.atomic():
        # Made by the feeds measured before, with whole articles off.
        FeedSettings.objects.update_or_create(
            site=Site.objects.get(is_default_site=True), defaults={"full_text": True}
        )
        cost = newsroom.cost_of(Client(), "/feeds/rss.xml")
        transaction.set_rollback(True)
    return cost


@pytest.fixture(scope="module")
def costs(module_rows: None) -> dict[tuple[str, int], Cost]:
    """Each feed's and sitemap's cost with a few and with many articles (tests/budgets.py)."""
    newsroom = build_newsroom()
    found = {}
    for size in SIZES:
        newsroom.grow_to(size)
        urls = {url: url for url in FEEDS + SITEMAPS}
        urls[ARTICLES_SITEMAP] = _articles_sitemap(newsroom)
        for name, url in urls.items():
            found[name, size] = newsroom.cost_of(Client(), url)
        found[FULL_TEXT, size] = _full_text_cost(newsroom)
    return found


def _costs_of(costs: dict[tuple[str, int], Cost], name: str) -> tuple[Cost, Cost]:
    with_few, with_many = (costs[name, size] for size in SIZES)
    assert with_few.problems + with_many.problems == ()
    return with_few, with_many


@pytest.mark.parametrize("url", FEEDS)
def test_it_keeps_each_feed_within_its_query_budget_as_the_site_grows(
    costs: dict[tuple[str, int], Cost], url: str
) -> None:
    with_few, with_many = _costs_of(costs, url)

    assert with_many.queries == with_few.queries, grew(url, with_few, with_many)
    assert with_many.queries <= FEED_BUDGET, f"{url}: {with_many}, budget {FEED_BUDGET}"


def test_it_keeps_full_text_feeds_within_the_same_budget(
    costs: dict[tuple[str, int], Cost],
) -> None:
    with_few, with_many = _costs_of(costs, FULL_TEXT)

    assert with_many.queries == with_few.queries
    assert with_many.queries <= FEED_BUDGET


@pytest.mark.parametrize("url", [*SITEMAPS, ARTICLES_SITEMAP])
def test_it_keeps_each_sitemap_within_its_query_budget_as_the_site_grows(
    costs: dict[tuple[str, int], Cost], url: str
) -> None:
    with_few, with_many = _costs_of(costs, url)

    assert with_many.queries == with_few.queries, grew(url, with_few, with_many)
    assert with_many.queries <= SITEMAP_BUDGET, f"{url}: {with_many}, budget {SITEMAP_BUDGET}"
