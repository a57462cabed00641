"""Feeds and sitemaps cost a fixed number of queries however many articles there are."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from wagtail.models import Site

from newsdesk.feeds.models import FeedSettings
from newsdesk.sitemaps import selectors

from .budgets import SIZES, Cost
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
    """The file with the first article: it holds all 50."""
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
    """Each feed's and sitemap's cost with 5 and with 50 articles (tests/budgets.py)."""
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
    with_5, with_50 = (costs[name, size] for size in SIZES)
    assert with_5.problems + with_50.problems == ()
    return with_5, with_50


@pytest.mark.parametrize("url", FEEDS)
def test_it_keeps_each_feed_within_its_query_budget_as_the_site_grows(
    costs: dict[tuple[str, int], Cost], url: str
) -> None:
    with_5, with_50 = _costs_of(costs, url)

    assert with_50.queries == with_5.queries, f"{url}: {with_5} with 5 articles, {with_50} with 50"
    assert with_50.queries <= FEED_BUDGET, f"{url}: {with_50}, budget {FEED_BUDGET}"


def test_it_keeps_full_text_feeds_within_the_same_budget(
    costs: dict[tuple[str, int], Cost],
) -> None:
    with_5, with_50 = _costs_of(costs, FULL_TEXT)

    assert with_50.queries == with_5.queries
    assert with_50.queries <= FEED_BUDGET


@pytest.mark.parametrize("url", [*SITEMAPS, ARTICLES_SITEMAP])
def test_it_keeps_each_sitemap_within_its_query_budget_as_the_site_grows(
    costs: dict[tuple[str, int], Cost], url: str
) -> None:
    with_5, with_50 = _costs_of(costs, url)

    assert with_50.queries == with_5.queries, f"{url}: {with_5} with 5 articles, {with_50} with 50"
    assert with_50.queries <= SITEMAP_BUDGET, f"{url}: {with_50}, budget {SITEMAP_BUDGET}"
