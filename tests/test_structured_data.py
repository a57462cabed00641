"""Structured data and social previews, read the way search engines and social sites read
them: extruct pulls JSON-LD and Open Graph out of the page."""

from __future__ import annotations

import io
from datetime import timedelta

import extruct
import pytest
from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile
from django.test import Client
from django.utils import timezone

from . import factories

pytestmark = pytest.mark.django_db

SITE = "http://localhost"
NEWS_ARTICLE_REQUIRED = [
    "headline",
    "description",
    "image",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "articleSection",
    "keywords",
    "isAccessibleForFree",
]


def extract(client: Client, url: str) -> dict:  # type: ignore[type-arg]
    response = client.get(url)
    assert response.status_code == 200
    return extruct.extract(
        response.content.decode(),
        base_url=f"{SITE}{url}",
        syntaxes=["json-ld", "opengraph"],
        uniform=True,
    )


def of_type(data: dict, kind: str) -> dict:  # type: ignore[type-arg]
    found = [item for item in data["json-ld"] if item.get("@type") == kind]
    assert len(found) == 1, f"{kind}: {data['json-ld']}"
    return found[0]


@pytest.fixture
def story(news, topic_index, reporter):  # type: ignore[no-untyped-def]
    topic = factories.make_topic(topic_index, "Water rights")
    return factories.make_article(
        news,
        "Rivers and dams: who decides",
        lead="Three countries share one river.",
        authors=[reporter],
        topics=[topic],
        tags=["Dams", "Nile"],
        hero_image=factories.ImageFactory(
            file=ImageFile(io.BytesIO(factories.png_bytes(1600, 1200)), name="dam.png")
        ),
        hero_alt="A dam at dusk",
        dateline="Cairo",
        published_at=timezone.now() - timedelta(hours=3),
        updated_at=timezone.now() - timedelta(hours=1),
    )


def test_it_describes_an_article_as_a_news_article_with_every_required_property(
    client: Client, story
) -> None:
    article = of_type(extract(client, story.url), "NewsArticle")

    missing = [name for name in NEWS_ARTICLE_REQUIRED if not article.get(name) and name in article]
    assert [name for name in NEWS_ARTICLE_REQUIRED if name not in article] == []
    assert missing == []
    assert article["headline"] == "Rivers and dams: who decides"
    assert article["articleSection"] == "News"
    assert article["keywords"] == ["Dams", "Nile"]
    assert article["isAccessibleForFree"] is True


def test_it_names_the_authors_with_their_pages(client: Client, story) -> None:
    article = of_type(extract(client, story.url), "NewsArticle")

    assert article["author"] == [
        {"@type": "Person", "name": "Leila Haddad", "url": f"{SITE}/authors/leila-haddad/"}
    ]


def test_it_dates_the_article_as_readers_see_it(client: Client, story) -> None:
    article = of_type(extract(client, story.url), "NewsArticle")

    assert article["datePublished"] == story.published_at.replace(microsecond=0).isoformat()
    assert article["dateModified"] == story.updated_at.replace(microsecond=0).isoformat()


def test_it_offers_the_picture_in_three_shapes(client: Client, story) -> None:
    article = of_type(extract(client, story.url), "NewsArticle")

    images = article["image"]
    assert all(url.startswith(f"{SITE}/media/images/") for url in images)
    assert [url.split(".")[-3] for url in images] == [
        "fill-1200x675",
        "fill-1200x900",
        "fill-1200x1200",
    ]


def test_it_names_the_publisher_with_its_logo(client: Client, story) -> None:
    publisher = of_type(extract(client, story.url), "NewsArticle")["publisher"]

    assert publisher["name"] == "newsdesk"
    logo = publisher["logo"]["url"]
    assert logo == f"{SITE}/static/newsdesk/publisher-logo.png"
    assert finders.find("newsdesk/publisher-logo.png")


def test_it_gives_an_article_a_breadcrumb_trail(client: Client, story) -> None:
    trail = of_type(extract(client, story.url), "BreadcrumbList")["itemListElement"]

    assert [(c["position"], c["name"], c["item"]) for c in trail] == [
        (1, "newsdesk", f"{SITE}/"),
        (2, "News", f"{SITE}/news/"),
        (3, "Rivers and dams: who decides", story.get_full_url()),
    ]


def test_it_describes_the_home_page_as_the_web_site(client: Client, story) -> None:
    website = of_type(extract(client, "/"), "WebSite")

    assert website["url"] == f"{SITE}/"
    assert website["name"] == "newsdesk"


def test_it_tells_search_engines_how_to_search_the_site(client: Client, story) -> None:
    action = of_type(extract(client, "/"), "WebSite")["potentialAction"]

    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    assert template == f"{SITE}/search/?q={{search_term_string}}"
    url = template.replace("{search_term_string}", "dams").removeprefix(SITE)
    assert client.get(url).status_code == 200


def test_it_describes_a_topic_as_a_collection_of_its_articles(client: Client, story) -> None:
    collection = of_type(extract(client, "/in-focus/water-rights/"), "CollectionPage")

    assert collection["name"] == "Water rights"
    listed = [item["url"] for item in collection["mainEntity"]["itemListElement"]]
    assert listed == [story.get_full_url()]


def test_it_gives_an_article_open_graph_tags_with_a_large_picture(client: Client, story) -> None:
    og = extract(client, story.url)["opengraph"][0]

    assert og["@type"] == "article"  # extruct's uniform name for og:type
    assert og["og:title"] == "Rivers and dams: who decides"
    assert og["og:description"] == "Three countries share one river."
    assert og["og:url"] == story.get_full_url()
    assert og["og:image"].startswith(f"{SITE}/media/images/")
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "675")
    assert og["article:section"] == "News"


def test_it_gives_an_article_a_large_twitter_card(client: Client, story) -> None:
    html = client.get(story.url).content.decode()

    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta name="twitter:image:alt" content="A dam at dusk">' in html


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/news/?utm_source=x", f"{SITE}/news/"),
        ("/news/?page=1", f"{SITE}/news/"),
        ("/tags/dams/", f"{SITE}/tags/dams/"),
        ("/authors/leila-haddad/?ref=feed", f"{SITE}/authors/leila-haddad/"),
    ],
)
def test_it_names_each_pages_canonical_address(
    client: Client, story, url: str, canonical: str
) -> None:
    html = client.get(url).content.decode()

    assert f'<link rel="canonical" href="{canonical}">' in html


def test_it_keeps_a_later_list_page_canonical_to_itself(client: Client, news) -> None:
    for _ in range(21):
        factories.make_article(news)

    html = client.get("/news/?page=2").content.decode()

    assert f'<link rel="canonical" href="{SITE}/news/?page=2">' in html


@pytest.mark.parametrize(
    ("url", "description"),
    [
        ("/news/", "Everything new"),
        ("/tags/dams/", "Stories tagged Dams."),
        ("/authors/leila-haddad/", "Covers the region."),
    ],
)
def test_it_gives_each_page_a_meta_description(
    client: Client, story, url: str, description: str
) -> None:
    story.get_parent().specific.__class__.objects.filter(pk=story.get_parent().pk).update(
        introduction="Everything new"
    )

    html = client.get(url).content.decode()

    assert f'<meta name="description" content="{description}">' in html


def test_it_keeps_markup_in_titles_from_breaking_out_of_the_json(client: Client, news) -> None:
    article = factories.make_article(news, "</script><script>alert(1)</script>")

    html = client.get(article.url).content.decode()

    assert "<script>alert(1)" not in html
    news_article = of_type(extract(client, article.url), "NewsArticle")
    assert news_article["headline"] == "</script><script>alert(1)</script>"


def test_it_credits_the_publisher_for_an_article_without_a_byline(client: Client, news) -> None:
    article = factories.make_article(news, "Agency copy")

    authors = of_type(extract(client, article.url), "NewsArticle")["author"]

    assert authors == [{"@type": "Organization", "name": "newsdesk", "url": f"{SITE}/"}]
