"""The validators of `make check-standards` (tools/standards/) find errors in broken
documents and none in good ones: the step can fail. The demo site itself is checked by the
step (docs/standards.md), not here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.standards import feeds, jsonld, nu, sitemaps

BASE = "http://127.0.0.1:8000"
GOOD_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A page</title></head>
<body><main><h1>A page</h1>
<p><time datetime="2026-12-06T15:44:55+00:00">6 December</time></p>
<form action="/search/" role="search"><label for="q">Search</label>
<input id="q" name="q" type="search"></form></main></body></html>
"""
# The three mistakes issue 23 found on our pages, each once.
BAD_HTML = (
    GOOD_HTML.replace("+00:00", ".297245+00:00")
    .replace('action="/search/"', 'action=""')
    .replace(
        "</main>",
        '<div role="tablist"><button role="tab" aria-selected="true" aria-controls="x">A</button>'
        "</div></main>",
    )
)


def test_the_nu_checker_finds_the_errors_of_a_broken_page_and_none_in_a_good_one(
    tmp_path: Path,
) -> None:
    good, bad, css = tmp_path / "good.html", tmp_path / "bad.html", tmp_path / "bad.css"
    good.write_text(GOOD_HTML)
    bad.write_text(BAD_HTML)
    css.write_text("p { colour: red; margin: 1x; }\n")

    found = nu.check([good, bad, css])

    assert found[good.resolve()] == []
    assert len(found[bad.resolve()]) == 3
    assert any("datetime" in error for error in found[bad.resolve()])
    assert len(found[css.resolve()]) == 2


GOOD_ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>newsdesk</title><id>http://127.0.0.1:8000/</id>
<link href="http://127.0.0.1:8000/"/><updated>2026-12-06T15:44:55+00:00</updated>
<author><name>newsdesk</name></author>
<entry><title>A story</title><id>tag:example,2026:1</id>
<link href="http://127.0.0.1:8000/news/a/"/><updated>2026-12-06T15:44:55+00:00</updated>
</entry></feed>
"""
GOOD_RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>newsdesk</title><link>http://127.0.0.1:8000/</link>
<description>News</description><lastBuildDate>Sun, 06 Dec 2026 15:44:55 +0000</lastBuildDate>
<item><title>A story</title><link>http://127.0.0.1:8000/news/a/</link>
<pubDate>Sun, 06 Dec 2026 15:44:55 +0000</pubDate><guid isPermaLink="false">1</guid></item>
</channel></rss>
"""
GOOD_JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "newsdesk",
    "home_page_url": f"{BASE}/",
    "items": [
        {
            "id": "1",
            "url": f"{BASE}/news/a/",
            "content_text": "A story",
            "date_published": "2026-12-06T15:44:55+00:00",
            "authors": [{"name": "A. Writer"}],
        },
    ],
}


@pytest.mark.parametrize(
    ("check", "document", "broken"),
    [
        # An Atom entry without its id; a date that is not RFC 3339.
        (feeds.check_atom, GOOD_ATOM, GOOD_ATOM.replace(b"<id>tag:example,2026:1</id>", b"")),
        (
            feeds.check_atom,
            GOOD_ATOM,
            GOOD_ATOM.replace(
                b"2026-12-06T15:44:55+00:00</updated>\n<author>", b"6 December</updated>\n<author>"
            ),
        ),
        # An RSS date that is not RFC 822; an item element RSS does not define; no channel link.
        (
            feeds.check_rss,
            GOOD_RSS,
            GOOD_RSS.replace(b"Sun, 06 Dec 2026 15:44:55 +0000</pubDate>", b"2026-12-06</pubDate>"),
        ),
        (feeds.check_rss, GOOD_RSS, GOOD_RSS.replace(b"<guid", b"<published>x</published><guid")),
        (feeds.check_rss, GOOD_RSS, GOOD_RSS.replace(b"<link>http://127.0.0.1:8000/</link>", b"")),
    ],
)
def test_a_feed_check_fails_on_a_broken_feed_and_passes_on_a_good_one(
    check, document: bytes, broken: bytes
) -> None:
    assert check(document) == []
    assert check(broken) != []


@pytest.mark.parametrize(
    "breaking",
    [
        lambda feed: feed.pop("version"),
        lambda feed: feed["items"][0].pop("id"),
        lambda feed: feed["items"][0].update(date_published="6 December 2026"),
        lambda feed: feed["items"][0].pop("content_text"),
        lambda feed: feed.update(home_page_url="/"),
    ],
)
def test_the_json_feed_check_fails_on_a_missing_field_or_a_wrong_type(breaking) -> None:
    feed = json.loads(json.dumps(GOOD_JSON_FEED))
    assert feeds.check_json_feed(json.dumps(feed).encode()) == []

    breaking(feed)

    assert feeds.check_json_feed(json.dumps(feed).encode()) != []


GOOD_NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://127.0.0.1:8000/news/a/</loc><news:news><news:publication>
<news:name>newsdesk</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2026-12-06T15:44:55+00:00</news:publication_date>
<news:title>A story</news:title></news:news></url>
</urlset>
"""
GOOD_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://127.0.0.1:8000/sitemaps/pages.xml</loc><lastmod>2026-12-06T15:44:55+00:00</lastmod></sitemap>
</sitemapindex>
"""


@pytest.mark.parametrize(
    ("document", "broken"),
    [
        (GOOD_NEWS_SITEMAP, GOOD_NEWS_SITEMAP.replace(b"<news:title>A story</news:title>", b"")),
        (GOOD_NEWS_SITEMAP, GOOD_NEWS_SITEMAP.replace(b">en<", b">English<")),
        (GOOD_NEWS_SITEMAP, GOOD_NEWS_SITEMAP.replace(b"news:news>", b"news:story>")),
        (GOOD_INDEX, GOOD_INDEX.replace(b"2026-12-06T15:44:55+00:00", b"yesterday")),
        (
            GOOD_INDEX,
            GOOD_INDEX.replace(b"<loc>http://127.0.0.1:8000/sitemaps/pages.xml</loc>", b""),
        ),
    ],
)
def test_the_sitemap_check_fails_on_what_the_schemas_forbid(document: bytes, broken: bytes) -> None:
    assert sitemaps.check(document) == []
    assert sitemaps.check(broken) != []


GOOD_ARTICLE = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "A story",
    "image": [f"{BASE}/media/a.jpg"],
    "datePublished": "2026-12-06T15:44:55+00:00",
    "dateModified": "2026-12-06T15:44:55+00:00",
    "author": [{"@type": "Person", "name": "A. Writer", "url": f"{BASE}/authors/a/"}],
    "publisher": {
        "@type": "Organization",
        "name": "newsdesk",
        "url": f"{BASE}/",
        "logo": {"@type": "ImageObject", "url": f"{BASE}/logo.png"},
    },
    "mainEntityOfPage": {"@type": "WebPage", "@id": f"{BASE}/news/a/"},
}
GOOD_VIDEO = {
    "@context": "https://schema.org",
    "@type": "VideoObject",
    "name": "A film",
    "description": "Morning over the wind farm",
    "thumbnailUrl": [f"{BASE}/media/poster.jpg"],
    "uploadDate": "2026-12-06T15:44:55+00:00",
    "contentUrl": f"{BASE}/media/film.webm",
    "duration": "PT1M30S",
}


@pytest.mark.parametrize(
    ("good", "breaking"),
    [
        (GOOD_ARTICLE, lambda data: data.pop("headline")),
        (GOOD_ARTICLE, lambda data: data.update(headline="x" * 111)),
        (GOOD_ARTICLE, lambda data: data.update(datePublished="2026-12-06T15:44:55.297245+00:00")),
        (GOOD_ARTICLE, lambda data: data.update(image=["/media/a.jpg"])),
        (GOOD_ARTICLE, lambda data: data["author"][0].pop("name")),
        (GOOD_ARTICLE, lambda data: data.update({"@type": "NewsStory"})),
        (GOOD_ARTICLE, lambda data: data.update({"@context": "http://example.com"})),
        (GOOD_VIDEO, lambda data: data.pop("uploadDate")),
        (GOOD_VIDEO, lambda data: data.pop("contentUrl")),
        (
            GOOD_ARTICLE,
            lambda data: data["mainEntityOfPage"].update({"@id": "https://elsewhere.test/a/"}),
        ),
        (GOOD_VIDEO, lambda data: data.update(duration="90 seconds")),
        (GOOD_VIDEO, lambda data: data.update(contentUrl="/media/film.webm")),
    ],
)
def test_the_json_ld_check_fails_on_a_missing_or_wrong_property(good: dict, breaking) -> None:
    data = json.loads(json.dumps(good))
    page = f'<html><script type="application/ld+json">{json.dumps(data)}</script></html>'
    assert jsonld.check_page(page.encode(), BASE) == []

    breaking(data)
    page = f'<html><script type="application/ld+json">{json.dumps(data)}</script></html>'

    assert jsonld.check_page(page.encode(), BASE) != []
