"""Feeds and sitemaps cost a fixed number of queries however many articles there are."""

from __future__ import annotations

import pytest
from django.test import Client
from wagtail.models import Site

from newsdesk.feeds.models import FeedSettings
from newsdesk.sitemaps import selectors

from .test_query_budgets import Newsroom

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


@pytest.fixture
def newsroom(home, news, topic_index) -> Newsroom:  # type: ignore[no-untyped-def]
    return Newsroom(home, news, topic_index)


def _grow_and_count(client: Client, newsroom: Newsroom, url: str) -> tuple[int, int]:
    newsroom.grow_to(5)
    with_5 = newsroom.queries_for(client, url)
    newsroom.grow_to(50)
    return with_5, newsroom.queries_for(client, url)


@pytest.mark.parametrize("url", FEEDS)
def test_it_keeps_each_feed_within_its_query_budget_as_the_site_grows(
    client: Client, newsroom: Newsroom, url: str
) -> None:
    with_5, with_50 = _grow_and_count(client, newsroom, url)

    assert with_50 == with_5, f"{url}: {with_5} queries with 5 articles, {with_50} with 50"
    assert with_50 <= FEED_BUDGET, f"{url}: {with_50} queries, budget {FEED_BUDGET}"


def test_it_keeps_full_text_feeds_within_the_same_budget(
    client: Client, newsroom: Newsroom
) -> None:
    FeedSettings.objects.create(site=Site.objects.get(is_default_site=True), full_text=True)

    with_5, with_50 = _grow_and_count(client, newsroom, "/feeds/rss.xml")

    assert with_50 == with_5
    assert with_50 <= FEED_BUDGET


SITEMAP_BUDGET = 3
SITEMAPS = ["/robots.txt", "/sitemap.xml", "/sitemaps/pages.xml", "/sitemaps/news.xml"]


@pytest.mark.parametrize("url", [*SITEMAPS, "articles"])
def test_it_keeps_each_sitemap_within_its_query_budget_as_the_site_grows(
    client: Client, newsroom: Newsroom, url: str
) -> None:
    newsroom.grow_to(5)
    if url == "articles":  # the file with the first article: it holds all 50 below
        url = f"/sitemaps/articles-{newsroom.articles[0].pk // selectors.ID_SPAN}.xml"
    with_5, with_50 = _grow_and_count(client, newsroom, url)

    assert with_50 == with_5, f"{url}: {with_5} queries with 5 articles, {with_50} with 50"
    assert with_50 <= SITEMAP_BUDGET, f"{url}: {with_50} queries, budget {SITEMAP_BUDGET}"
