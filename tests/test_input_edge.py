"""What readers can put in an address, and what each surface answers: a 4xx for what it
cannot read, never a server error (decision 0012).

Each row is a request that once made a 500 (or its neighbour), with the answer it gets."""

from __future__ import annotations

import base64
import json

import pytest
from django.test import Client

from .edge_content import EdgeSite, edge_site

__all__ = ["edge_site"]

pytestmark = pytest.mark.django_db


def api_cursor(value: str, pk: int = 1) -> str:
    """A content API cursor as the API writes them, around a chosen value."""
    raw = json.dumps([0, value, pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def map_cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


ARTICLE = "{article}"

PAGES = [
    # Page numbers: "²" and "①" pass str.isdigit() but not int().
    ("/news/?page=²", 400),
    ("/news/?page=①", 400),
    ("/news/?page=-1", 400),
    ("/news/?page=0", 404),
    ("/news/?page=501", 404),
    ("/news/?page=2147483648", 404),
    ("/news/?page=" + "9" * 5000, 404),
    ("/tags/tag-0/?page=²", 400),
    ("/authors/leila-haddad/?page=①", 400),
    ("/archive/2026/?page=²", 400),
    ("/in-focus/water-rights/?page=²", 400),
    ("/search/?q=water&page=²", 400),
    ("/map/?page=²", 400),
    ("/map/?page=9", 404),
    # A page that reads no page number ignores one.
    ("/in-focus/?page=²", 200),
    ("/gallery/?page=①", 200),
    # An article's comment paging, reply and notice.
    (f"{ARTICLE}?comments=²", 400),
    (f"{ARTICLE}?comments=0", 404),
    (f"{ARTICLE}?reply=①", 400),
    (f"{ARTICLE}?reply=99999999999999999999", 400),
    (f"{ARTICLE}?comment=%00", 400),
    (f"{ARTICLE}?comment=maybe", 400),
    (f"{ARTICLE}?reply=987654", 200),
    (f"{ARTICLE}?comment=pending", 200),
    # Dates far enough to overflow a day's arithmetic.
    ("/search/?q=water&until=9999-12-31", 400),
    ("/search/?q=water&since=0001-01-01", 400),
    ("/map/?until=9999-12-31", 400),
    ("/map/?period=custom&since=0001-01-01", 400),
    ("/archive/2026/2147483648/", 404),
    ("/archive/2026/1/2147483648/", 404),
    ("/archive/2026/13/", 404),
    ("/archive/99999999999999999999/", 404),
    # NUL and control characters: PostgreSQL refuses NUL in any text.
    ("/tags/a%00b/", 404),
    ("/authors/a%00b/", 404),
    ("/tags/a%1Bb/", 404),
    ("/feeds/tags/a%00b/rss.xml", 404),
    ("/feeds/authors/a%00b/atom.xml", 404),
    ("/feeds/topics/a%00b/feed.json", 404),
    ("/feeds/sections/a%00b/rss.xml", 404),
    ("/map/?category=a%00b", 400),
    ("/search/?q=a%00b", 400),
    ("/search/?q=water&section=a%00b", 400),
    # What these addresses are for still works.
    ("/news/", 200),
    ("/news/?page=1", 200),
    ("/news/?utm_source=newsletter", 200),
    ("/map/?period=24h&category=shelling", 200),
    ("/search/?q=water&since=2026-01-01", 200),
    ("/archive/2026/12/", 200),
    (f"{ARTICLE}?comments=1", 200),
]

API = [
    ("/api/v1/articles/?cursor=" + api_cursor("9999-12-31T23:59:59-23:59"), 400),
    ("/api/v1/articles/?cursor=" + api_cursor("0001-01-01T00:00:00+23:59"), 400),
    ("/api/v1/tags/?cursor=" + api_cursor("a\x00b"), 400),
    ("/api/v1/authors/?cursor=" + api_cursor("\x1b[2J"), 400),
    # Not a slug: names nothing, so nothing matches (no query is made).
    ("/api/v1/articles/?tag=a%00b", 200),
    ("/api/v1/articles/?author=a%00b", 200),
    ("/api/v1/articles/?section=a%00b", 200),
    ("/api/v1/articles/?topic=a%00b", 200),
    ("/api/v1/articles/99999999999999999999999/", 400),
    # Any RFC 3339 time is a valid bound (the document says so): far ones mean "all".
    ("/api/v1/articles/?published_after=0001-01-01T00:00:00%2B23:59", 200),
    ("/api/v1/articles/?published_before=9999-12-31T23:59:59-23:59", 200),
    ("/api/v1/map/events?limit=²", 400),
    ("/api/v1/map/events?limit=0", 400),
    ("/api/v1/map/events?until=9999-12-31", 400),
    ("/api/v1/map/events?since=0001-01-01T00:00:00%2B23:59", 400),
    ("/api/v1/map/events?cursor=" + map_cursor("9999-12-31T23:59:59-23:59|1"), 400),
    ("/api/v1/map/events?cursor=" + map_cursor("2026-12-01T00:00:00+00:00|²"), 400),
    ("/api/v1/map/events?category=a%00b", 400),
    ("/api/v1/map/events?topic=a%00b", 400),
    ("/api/v1/map/events?bbox=nan,0,1,1", 400),
    ("/api/v1/map/events.csv?until=9999-12-31", 400),
    ("/api/v1/map/areas?at=9999-12-31T23:59:59-23:59", 400),
    ("/api/v1/map/areas?at=2026-12-01T00:00:00%2B14:00", 200),
    ("/api/v1/map/events?limit=5&category=shelling", 200),
]


def _address(url: str, site: EdgeSite) -> str:
    return url.replace(ARTICLE, site.article.url)


@pytest.mark.parametrize(("url", "status"), PAGES)
def test_a_page_answers_what_it_cannot_read_with_its_4xx(
    edge_site: EdgeSite, url: str, status: int
) -> None:
    client = Client(raise_request_exception=False)
    assert client.get(_address(url, edge_site)).status_code == status


@pytest.mark.parametrize(("url", "status"), API)
def test_the_apis_answer_what_they_cannot_read_with_a_400(
    edge_site: EdgeSite, url: str, status: int
) -> None:
    client = Client(raise_request_exception=False)
    assert client.get(url).status_code == status


@pytest.mark.parametrize("url", [url for url, status in API if status == 400])
def test_the_apis_say_what_is_wrong_as_problem_json(edge_site: EdgeSite, url: str) -> None:
    response = Client(raise_request_exception=False).get(url)
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 400
