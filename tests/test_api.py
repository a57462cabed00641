"""The public content API (/api/v1/): what it shows, how it filters and pages, its errors
and its caching headers."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.images import ImageFile
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsdesk.articles.models import ArticlePage

from . import factories

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def get(client: Client, url: str, **params: object) -> dict:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def titles(data: dict) -> list[str]:
    return [item["title"] for item in data["items"]]


@pytest.fixture
def story(news, topic_index, reporter):  # type: ignore[no-untyped-def]
    topic = factories.make_topic(topic_index, "Water rights")
    return factories.make_article(
        news,
        "Rivers and dams: who decides",
        lead="Three countries share one river.",
        dateline="Cairo",
        authors=[reporter],
        topics=[topic],
        tags=["Dams"],
        hero_image=factories.ImageFactory(
            file=ImageFile(io.BytesIO(factories.png_bytes(1600, 900)), name="dam.png")
        ),
        hero_alt="A dam at dusk",
        updated_at=timezone.now(),
    )


def test_it_lists_a_published_article_with_its_details(client: Client, story) -> None:
    item = get(client, "/api/v1/articles/")["items"][0]

    assert item["id"] == story.pk
    assert item["url"] == f"http://localhost/news/{story.slug}/"
    assert item["api_url"] == f"http://testserver/api/v1/articles/{story.pk}/"
    assert item["section"]["slug"] == "news"
    assert item["dateline"] == "Cairo"
    assert item["lead"] == "Three countries share one river."
    assert item["language"] == "en"
    assert [a["slug"] for a in item["authors"]] == ["leila-haddad"]
    assert [t["title"] for t in item["topics"]] == ["Water rights"]
    assert [t["slug"] for t in item["tags"]] == ["dams"]
    assert "body_html" not in item


def test_it_gives_picture_renditions_with_their_sizes(client: Client, story) -> None:
    image = get(client, "/api/v1/articles/")["items"][0]["image"]

    assert image["alt"] == "A dam at dusk"
    sizes = {r["name"]: (r["width"], r["height"]) for r in image["renditions"]}
    assert sizes == {"card": (640, 360), "16:9": (1200, 675)}
    assert image["renditions"][0]["url"].startswith("http://localhost/media/images/")


def test_it_gives_the_body_as_html_on_an_article(client: Client, story) -> None:
    data = get(client, f"/api/v1/articles/{story.pk}/")

    assert "<p>First paragraph of story" in data["body_html"]
    assert {r["name"] for r in data["image"]["renditions"]} == {"card", "16:9", "4:3", "1:1"}


def test_it_never_shows_an_unpublished_article(client: Client, news, story) -> None:
    draft = factories.make_article(news, "Embargoed story")
    draft.unpublish()

    assert titles(get(client, "/api/v1/articles/")) == [story.title]
    assert client.get(f"/api/v1/articles/{draft.pk}/").status_code == 404


def test_it_never_shows_an_article_in_a_private_section(client: Client, home, story) -> None:
    private = factories.make_section(home, "Internal")
    hidden = factories.make_article(private, "Staff memo")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert titles(get(client, "/api/v1/articles/")) == [story.title]
    assert client.get(f"/api/v1/articles/{hidden.pk}/").status_code == 404


def test_it_never_shows_tags_used_only_on_drafts(client: Client, news, story) -> None:
    draft = factories.make_article(news, "Embargoed", tags=["Minister resigns"])
    draft.unpublish()

    assert [t["slug"] for t in get(client, "/api/v1/tags/")["items"]] == ["dams"]


@pytest.mark.parametrize(
    ("param", "value"),
    [("section", "analysis"), ("topic", "water-rights"), ("tag", "dams"), ("author", "omar")],
)
def test_it_filters_articles(client: Client, news, analysis, topic_index, param, value) -> None:
    omar = factories.PersonFactory(name="Omar", slug="omar")
    topic = factories.make_topic(topic_index, "Water rights")
    factories.make_article(news, "Unrelated")
    match = {
        "section": lambda: factories.make_article(analysis, "Match"),
        "topic": lambda: factories.make_article(news, "Match", topics=[topic]),
        "tag": lambda: factories.make_article(news, "Match", tags=["Dams"]),
        "author": lambda: factories.make_article(news, "Match", authors=[omar]),
    }
    match[param]()

    assert titles(get(client, "/api/v1/articles/", **{param: value})) == ["Match"]


def test_it_filters_articles_by_the_publication_time_readers_are_shown(
    client: Client, news
) -> None:
    # Published in this order, but "Old" back-dated: readers see it two hours old.
    now = timezone.now()
    factories.make_article(news, "Old", published_at=now - timedelta(hours=2))
    factories.make_article(news, "New", published_at=now - timedelta(hours=1))
    cut = now - timedelta(minutes=90)

    after = get(client, "/api/v1/articles/", published_after=cut.isoformat())
    before = get(client, "/api/v1/articles/", published_before=cut.isoformat())

    assert (titles(after), titles(before)) == (["New"], ["Old"])


def test_it_filters_by_language(client: Client, news, story) -> None:
    assert titles(get(client, "/api/v1/articles/", language="en")) == [story.title]
    assert titles(get(client, "/api/v1/articles/", language="ar")) == []


def test_it_matches_nothing_for_a_slug_no_page_can_have(client: Client, story) -> None:
    assert titles(get(client, "/api/v1/articles/", tag="da\x00ms")) == []
    # The same filter with the tag's own slug finds the story.
    assert titles(get(client, "/api/v1/articles/", tag="dams")) == [story.title]


def test_it_pages_newest_first_with_next_and_previous_links(client: Client, news) -> None:
    for n in range(5):
        factories.make_article(news, f"Story {n}")

    first = get(client, "/api/v1/articles/", page_size=2)
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()

    assert titles(first) == ["Story 4", "Story 3"]
    assert titles(second) == ["Story 2", "Story 1"]
    assert first["previous"] is None
    assert titles(back) == titles(first)
    assert "page_size=2" in first["next"]


def test_it_neither_repeats_nor_skips_items_when_articles_are_published_while_paging(
    client: Client, news
) -> None:
    older = [factories.make_article(news, f"Story {n}") for n in range(7)]
    seen: list[str] = []
    data = get(client, "/api/v1/articles/", page_size=3)
    while True:
        seen += titles(data)
        factories.make_article(news, f"Breaking {len(seen)}")  # published between pages
        if not data["next"]:
            break
        data = client.get(data["next"]).json()

    assert seen == [a.title for a in reversed(older)]


def test_it_pages_authors_by_name(client: Client, db) -> None:
    for name in ["Zed", "Amal", "Mona"]:
        factories.PersonFactory(name=name)

    first = get(client, "/api/v1/authors/", page_size=2)
    rest = client.get(first["next"]).json()

    assert [p["name"] for p in first["items"] + rest["items"]] == ["Amal", "Mona", "Zed"]


@pytest.mark.parametrize(
    "query",
    [
        "page_size=0",
        "page_size=101",
        "page_size=ten",
        "language=xx",
        "cursor=not-a-cursor",
        "cursor=%%%",
        "published_after=yesterday",
        "published_before=2026-13-01T00:00:00Z",
    ],
)
def test_it_answers_bad_parameters_with_a_problem(client: Client, db, query) -> None:
    response = client.get(f"/api/v1/articles/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 400
    assert problem["detail"]


def test_it_answers_an_unknown_id_with_a_problem(client: Client, db) -> None:
    response = client.get("/api/v1/articles/999999/")

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_it_answers_a_known_etag_with_not_modified(client: Client, story) -> None:
    first = client.get("/api/v1/articles/")
    again = client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Cache-Control"] == "public, max-age=60"
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_it_changes_the_etag_when_an_article_is_published(client: Client, news, story) -> None:
    before = client.get("/api/v1/articles/")["ETag"]
    factories.make_article(news, "Breaking")

    response = client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=before)

    assert response.status_code == 200
    assert response["ETag"] != before


def test_it_lists_topics_authors_galleries_and_films(client: Client, home, story) -> None:
    index = factories.make_gallery_index(home)
    factories.make_photo_gallery(index, "Harbour at dawn")
    factories.make_film(index, "The dam")

    assert titles(get(client, "/api/v1/topics/")) == ["Water rights"]
    assert [p["slug"] for p in get(client, "/api/v1/authors/")["items"]] == ["leila-haddad"]
    assert titles(get(client, "/api/v1/galleries/")) == ["Harbour at dawn"]
    film = get(client, "/api/v1/films/")["items"][0]
    assert film["video"] == {"provider": "youtube", "url": film["video"]["url"]}


def test_it_gives_a_gallery_with_its_pictures(client: Client, home) -> None:
    gallery = factories.make_photo_gallery(factories.make_gallery_index(home), pictures=2)

    data = get(client, f"/api/v1/galleries/{gallery.pk}/")

    assert [p["credit"] for p in data["pictures"]] == [
        "Photographer 1 / Agency",
        "Photographer 2 / Agency",
    ]
    assert [r["name"] for r in data["pictures"][0]["renditions"]] == ["480w", "960w", "1600w"]


def test_it_serves_its_openapi_document(client: Client, db) -> None:
    document = get(client, "/api/v1/openapi.json")

    assert document["openapi"].startswith("3.")
    assert "/api/v1/articles/" in document["paths"]
    errors = document["paths"]["/api/v1/articles/"]["get"]["responses"]["400"]["content"]
    assert list(errors) == [PROBLEM]


def test_it_serves_a_docs_page_that_loads_nothing_from_other_hosts(client: Client, db) -> None:
    response = client.get("/api/v1/docs")

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle" in html
    assert "https://" not in html and "http://" not in html


def test_it_keeps_new_articles_out_of_earlier_published_after_pages(client: Client, news) -> None:
    factories.make_article(news, "Yesterday", published_at=timezone.now() - timedelta(days=1))

    assert titles(get(client, "/api/v1/articles/", page_size=1)) == ["Yesterday"]


def test_it_names_the_bad_parameter_in_the_problem(client: Client, db) -> None:
    problem = client.get("/api/v1/articles/?page_size=500").json()

    assert [e["parameter"] for e in problem["errors"]] == ["page_size"]


def test_it_leaves_out_a_live_page_that_never_went_through_publishing(client: Client, news) -> None:
    unpublished = news.add_child(
        instance=ArticlePage(title="Imported", slug="imported", lead="Came from the old site.")
    )

    assert titles(get(client, "/api/v1/articles/")) == []
    assert client.get(f"/api/v1/articles/{unpublished.pk}/").status_code == 404
