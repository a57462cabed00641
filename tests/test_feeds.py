"""Feeds, read the way feed readers read them: feedparser for RSS and Atom, feedparser-rs
(the same API, and it knows JSON Feed) for JSON Feed."""

from __future__ import annotations

import json
from datetime import timedelta

import feedparser
import feedparser_rs
import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from newsdesk.feeds.models import FeedSettings

from . import factories

pytestmark = pytest.mark.django_db

FORMATS = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}
EXPECTED_VERSION = {"rss": "rss20", "atom": "atom10", "json": "json11"}


def parse(client: Client, url: str):  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200, url
    if url.endswith(".json"):
        assert response["Content-Type"] == "application/feed+json"
        return feedparser_rs.parse(response.content)
    return feedparser.parse(response.content)


@pytest.fixture
def story(news, topic_index, reporter):  # type: ignore[no-untyped-def]
    topic = factories.make_topic(topic_index, "Water rights")
    second = factories.PersonFactory(name="Omar Said", slug="omar-said")
    return factories.make_article(
        news,
        "Rivers and dams: who decides",
        lead="Three countries share one river.",
        authors=[reporter, second],
        topics=[topic],
        tags=["Dams"],
        hero_image=factories.ImageFactory(),
        hero_alt="A dam at dusk",
        published_at=timezone.now() - timedelta(hours=3),
        updated_at=timezone.now() - timedelta(hours=1),
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_serves_a_site_feed_that_parses_without_errors(client: Client, story, fmt) -> None:
    feed = parse(client, f"/feeds/{FORMATS[fmt]}")

    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == EXPECTED_VERSION[fmt]
    assert [entry.title for entry in feed.entries] == ["Rivers and dams: who decides"]


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_it_keeps_markup_characters_in_titles_as_text(client: Client, news, fmt) -> None:
    factories.make_article(news, "Rivers & dams: <who> decides", lead="Tom & Jerry <b>")

    entry = parse(client, f"/feeds/{FORMATS[fmt]}").entries[0]

    assert entry.title == "Rivers & dams: <who> decides"
    assert entry.summary == "Tom &amp; Jerry &lt;b&gt;"  # HTML that shows the text as typed


def test_it_writes_json_feed_titles_as_plain_text(client: Client, news) -> None:
    factories.make_article(news, "Rivers & dams: <who> decides")

    data = json.loads(client.get("/feeds/feed.json").content)

    assert data["items"][0]["title"] == "Rivers & dams: <who> decides"


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_gives_each_item_an_absolute_link_and_a_permanent_id(client: Client, story, fmt) -> None:
    entry = parse(client, f"/feeds/{FORMATS[fmt]}").entries[0]

    assert entry.link == story.get_full_url()
    assert entry.link.startswith("http://")
    assert entry.id == f"tag:localhost,2026:article:{story.pk}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_dates_each_item_by_publication_and_update(client: Client, story, fmt) -> None:
    entry = parse(client, f"/feeds/{FORMATS[fmt]}").entries[0]

    published = story.published_at.replace(microsecond=0).timetuple()[:6]
    assert tuple(entry.published_parsed)[:6] == published
    if fmt != "rss":  # RSS has no update date for items
        updated = story.updated_at.replace(microsecond=0).timetuple()[:6]
        assert tuple(entry.updated_parsed)[:6] == updated


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_names_every_author(client: Client, story, fmt) -> None:
    entry = parse(client, f"/feeds/{FORMATS[fmt]}").entries[0]

    names = [author.name for author in entry.authors]
    assert names == ["Leila Haddad", "Omar Said"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_files_each_item_under_its_section_topics_and_tags(client: Client, story, fmt) -> None:
    entry = parse(client, f"/feeds/{FORMATS[fmt]}").entries[0]

    assert [tag.term for tag in entry.tags] == ["News", "Water rights", "Dams"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_carries_the_lead_as_the_summary(client: Client, story, fmt) -> None:
    entry = parse(client, f"/feeds/{FORMATS[fmt]}").entries[0]

    assert entry.summary == "Three countries share one river."
    assert "First paragraph" not in json.dumps(entry.get("content", []), default=str)


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_carries_the_full_text_when_the_site_asks_for_it(client: Client, story, fmt) -> None:
    FeedSettings.objects.create(site=Site.objects.get(is_default_site=True), full_text=True)

    entry = parse(client, f"/feeds/{FORMATS[fmt]}").entries[0]

    html = entry.content[0].value
    assert "First paragraph of story" in html
    assert "What happened next" in html


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_it_attaches_the_main_picture_as_an_enclosure(client: Client, story, fmt) -> None:
    entry = parse(client, f"/feeds/{FORMATS[fmt]}").entries[0]

    enclosure = entry.enclosures[0]
    assert enclosure.href.startswith("http://localhost/")
    assert enclosure.type == "image/webp"
    assert int(enclosure.length) > 0
    assert entry.media_content[0]["medium"] == "image"


def test_it_gives_the_json_feed_item_its_picture(client: Client, story) -> None:
    data = json.loads(client.get("/feeds/feed.json").content)

    assert data["items"][0]["image"].startswith("http://localhost/media/")


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/sections/news/rss.xml",
        "/feeds/topics/water-rights/atom.xml",
        "/feeds/tags/dams/feed.json",
        "/feeds/authors/leila-haddad/rss.xml",
    ],
)
def test_it_serves_a_feed_for_each_section_topic_tag_and_author(
    client: Client, story, url: str
) -> None:
    feed = parse(client, url)

    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == [story.title]


def test_it_leaves_other_subjects_articles_out_of_a_feed(client: Client, story, analysis) -> None:
    factories.make_article(analysis, "An analysis elsewhere")

    feed = parse(client, "/feeds/sections/analysis/rss.xml")

    assert [entry.title for entry in feed.entries] == ["An analysis elsewhere"]


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/sections/nowhere/rss.xml",
        "/feeds/topics/nowhere/atom.xml",
        "/feeds/tags/nowhere/feed.json",
        "/feeds/authors/nobody/rss.xml",
    ],
)
def test_it_answers_an_unknown_subject_with_404(client: Client, story, url: str) -> None:
    assert client.get(url).status_code == 404


def test_it_lists_the_newest_fifty_articles_newest_first(client: Client, news) -> None:
    now = timezone.now()
    for n in range(52):
        factories.make_article(news, f"Story {n}", published_at=now - timedelta(minutes=n))

    feed = parse(client, "/feeds/rss.xml")

    titles = [entry.title for entry in feed.entries]
    assert len(titles) == 50
    assert titles[:2] == ["Story 0", "Story 1"]


def test_it_leaves_unpublished_articles_out(client: Client, story, news) -> None:
    story.unpublish()
    factories.make_article(news, "Still published")

    entries = parse(client, "/feeds/rss.xml").entries
    assert [entry.title for entry in entries] == ["Still published"]


def _feed_links(html: str) -> list[str]:
    """The addresses of the <link rel="alternate"> elements in the page's head."""
    head = html.split("</head>", 1)[0]
    tags = [part.split(">", 1)[0] for part in head.split('rel="alternate"')[1:]]
    # Language versions (hreflang) are alternates too, but not feeds.
    return [tag.split('href="', 1)[1].split('"', 1)[0] for tag in tags if "hreflang=" not in tag]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/", ["/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json"]),
        ("/news/", ["/feeds/sections/news/rss.xml", "/feeds/rss.xml"]),
        ("/news/", ["/feeds/sections/news/atom.xml"]),
        ("/in-focus/water-rights/", ["/feeds/topics/water-rights/atom.xml"]),
        ("/tags/dams/", ["/feeds/tags/dams/feed.json"]),
        ("/authors/leila-haddad/", ["/feeds/authors/leila-haddad/rss.xml"]),
    ],
)
def test_it_announces_the_feeds_of_each_page_in_its_head(
    client: Client, story, url: str, expected: list[str]
) -> None:
    links = _feed_links(client.get(url).content.decode())

    assert set(expected) <= set(links)


def test_it_announces_the_article_pages_feeds_too(client: Client, story) -> None:
    links = _feed_links(client.get(story.url).content.decode())

    assert links == ["/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json"]


def test_it_announces_feeds_that_work(client: Client, story) -> None:
    links = _feed_links(client.get("/in-focus/water-rights/").content.decode())

    assert len(links) == 6
    assert all(client.get(url).status_code == 200 for url in links)


def test_it_serves_each_languages_feeds_under_its_prefix(client: Client, story) -> None:
    response = client.get("/ar/feeds/rss.xml")

    assert response.status_code == 200
    feed = feedparser.parse(response.content).feed
    assert feed.language == "ar"
    assert feed.subtitle == "آخر الأخبار من newsdesk."


def test_it_publishes_the_gallery_as_a_feed_of_photo_essays_and_films(client, home) -> None:  # type: ignore[no-untyped-def]
    index = factories.make_gallery_index(home)
    factories.make_photo_gallery(index, "Life in the marshes", pictures=1)
    factories.make_film(index, "A boat through the marshes")

    parsed = feedparser.parse(client.get("/feeds/gallery/rss.xml").content)

    assert not parsed.bozo
    assert {entry.title for entry in parsed.entries} == {
        "Life in the marshes",
        "A boat through the marshes",
    }
    assert all(entry.id.startswith("tag:") and ":gallery:" in entry.id for entry in parsed.entries)


def test_it_announces_the_gallery_feed_on_gallery_pages(client, home) -> None:  # type: ignore[no-untyped-def]
    index = factories.make_gallery_index(home)
    html = client.get(index.url).content.decode()
    assert 'href="/feeds/gallery/rss.xml"' in html


def test_it_publishes_each_languages_gallery_feed_with_only_its_own_pages(client, home) -> None:  # type: ignore[no-untyped-def]
    index = factories.make_gallery_index(home)
    arabic = factories.translate_gallery_index(home, index, "ar")
    factories.make_photo_gallery(index, "Life in the marshes", pictures=1)
    factories.make_photo_gallery(arabic, "الحياة في الأهوار", pictures=1)
    factories.make_film(arabic, "قارب عبر الأهوار")

    parsed = feedparser.parse(client.get("/ar/feeds/gallery/rss.xml").content)

    assert not parsed.bozo
    assert parsed.feed.language == "ar"
    assert {entry.title for entry in parsed.entries} == {"الحياة في الأهوار", "قارب عبر الأهوار"}
    assert all("/ar/gallery/" in entry.link for entry in parsed.entries)
