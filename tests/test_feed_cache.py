"""Feeds and sitemaps are kept in the page cache like pages, and purged by the same tags."""

from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.core import pagecache
from newsdesk.sitemaps import selectors as sitemap_selectors

from . import factories

pytestmark = pytest.mark.django_db


def titles(client: Client, url: str) -> list[str]:
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo, feed.get("bozo_exception")
    return [entry.title for entry in feed.entries]


@pytest.mark.parametrize("url", ["/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json"])
def test_it_serves_a_kept_feed_byte_identical_to_a_rendered_one(
    client: Client, news, settings, url: str
) -> None:
    factories.make_article(news, "Wells run dry", authors=[factories.PersonFactory()])
    client.get(url)
    kept = client.get(url)
    settings.NEWSDESK_PAGE_CACHE = {**settings.NEWSDESK_PAGE_CACHE, "ENABLED": False}
    rendered = client.get(url)
    assert kept["X-Cache"] == "HIT"
    assert kept.content == rendered.content
    assert kept["Content-Type"] == rendered["Content-Type"]


def test_it_shows_a_new_article_in_a_kept_feed_once_published(client: Client, news) -> None:
    factories.make_article(news, "Wells run dry")
    titles(client, "/feeds/rss.xml")
    factories.make_article(news, "Rain at last")
    assert sorted(titles(client, "/feeds/rss.xml")) == ["Rain at last", "Wells run dry"]


def test_it_keeps_a_sections_feed_when_another_section_publishes(
    client: Client, news, analysis
) -> None:
    factories.make_article(news, "Wells run dry")
    client.get("/feeds/sections/news/atom.xml")
    factories.make_article(analysis, "What the ballot means")
    assert client.get("/feeds/sections/news/atom.xml")["X-Cache"] == "HIT"


def test_it_purges_a_kept_feed_when_an_author_is_renamed(client: Client, news) -> None:
    sara = factories.PersonFactory(name="Sara", slug="sara")
    factories.make_article(news, "Wells run dry", authors=[sara])
    client.get("/feeds/authors/sara/rss.xml")
    sara.name = "Sara K."
    sara.save()
    feed = feedparser.parse(client.get("/feeds/authors/sara/rss.xml").content)
    assert feed.entries[0].author == "Sara K."


def test_it_shows_a_new_article_in_the_kept_news_sitemap(client: Client, news) -> None:
    factories.make_article(news, "Wells run dry")
    client.get("/sitemaps/news.xml")
    factories.make_article(news, "Rain at last")
    response = client.get("/sitemaps/news.xml")
    assert response["X-Cache"] == "MISS"
    assert b"Rain at last" in response.content


def test_it_keeps_the_news_sitemap_no_longer_than_its_oldest_story_is_news(
    client: Client, news
) -> None:
    leaves_in = timedelta(minutes=2)
    published = timezone.now() - sitemap_selectors.NEWS_WINDOW + leaves_in
    factories.make_article(news, "Wells run dry", published_at=published)
    client.get("/sitemaps/news.xml")
    response = client.get("/sitemaps/news.xml")
    assert response["X-Cache"] == "HIT"
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < s_maxage <= leaves_in.total_seconds()


def test_it_purges_the_kept_sitemaps_when_an_article_moves(client: Client, news, analysis) -> None:
    article = factories.make_article(news, "Wells run dry")
    client.get("/sitemap.xml")
    client.get("/sitemaps/articles-0.xml")
    article.move(analysis, pos="last-child")
    response = client.get("/sitemaps/articles-0.xml")
    assert response["X-Cache"] == "MISS"
    assert b"/analysis/wells-run-dry" in response.content


def test_it_carries_the_feeds_list_tags_for_caches_in_front(client: Client, news) -> None:
    factories.make_article(news, "Wells run dry")
    response = client.get("/feeds/sections/news/rss.xml")
    assert f"list:section:{news.pk}" in response["Surrogate-Key"].split()
    assert pagecache.ADDRESSES not in response["Surrogate-Key"].split()
