"""WebSub: feeds declare the hub, and publishing an article pings it (a real HTTP server on
the loopback interface stands in for the hub)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import feedparser
import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from . import factories

pytestmark = pytest.mark.django_db


class Hub(BaseHTTPRequestHandler):
    pings: list[dict[str, list[str]]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        Hub.pings.append(parse_qs(self.rfile.read(length).decode()))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def hub(settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    server = HTTPServer(("127.0.0.1", 0), Hub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Hub.pings = []
    url = f"http://127.0.0.1:{server.server_port}/"
    settings.NEWSDESK_WEBSUB_HUB = url
    yield url
    server.shutdown()
    server.server_close()


def test_it_declares_no_hub_by_default(client: Client, news) -> None:
    feed = feedparser.parse(client.get("/feeds/atom.xml").content)

    assert feed.version == "atom10"
    assert [link for link in feed.feed.links if link.rel == "hub"] == []


@pytest.mark.parametrize("url", ["/feeds/rss.xml", "/feeds/atom.xml"])
def test_it_declares_the_hub_in_rss_and_atom(client: Client, news, hub: str, url: str) -> None:
    feed = feedparser.parse(client.get(url).content)

    assert not feed.bozo
    assert [link.href for link in feed.feed.links if link.rel == "hub"] == [hub]


def test_it_declares_the_hub_in_json_feed(client: Client, news, hub: str) -> None:
    data = json.loads(client.get("/feeds/feed.json").content)

    assert data["hubs"] == [{"type": "WebSub", "url": hub}]


def test_it_pings_the_hub_with_every_feed_the_article_is_in(news, reporter, hub: str) -> None:
    factories.make_article(news, "Breaking", authors=[reporter], tags=["Dams"])

    assert len(Hub.pings) == 1
    ping = Hub.pings[0]
    assert ping["hub.mode"] == ["publish"]
    assert "http://localhost/feeds/rss.xml" in ping["hub.url"]
    assert "http://localhost/feeds/sections/news/atom.xml" in ping["hub.url"]
    assert "http://localhost/feeds/tags/dams/feed.json" in ping["hub.url"]
    assert "http://localhost/feeds/authors/leila-haddad/rss.xml" in ping["hub.url"]


def test_it_publishes_even_when_the_hub_is_down(news, settings) -> None:
    settings.NEWSDESK_WEBSUB_HUB = "http://127.0.0.1:9/"  # the discard port: nobody listens

    article = factories.make_article(news, "Still published")

    article.refresh_from_db()
    assert article.live


def test_it_does_not_name_the_feeds_of_a_story_readers_may_not_see(news, home, hub: str) -> None:
    members = factories.make_section(home, "Members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    factories.make_article(members, "For members", tags=["Secret talks"])
    factories.make_article(news, "For everyone", tags=["Open talks"])

    assert len(Hub.pings) == 1
    assert "http://localhost/feeds/tags/open-talks/rss.xml" in Hub.pings[0]["hub.url"]
