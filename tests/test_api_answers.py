"""The API keeps finished answers until what they show changes (newsdesk/api/answers.py):
a conditional GET is answered without rendering, and every editorial change that alters
an answer makes it again at once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsdesk.core import fragments

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(news, topic_index, reporter):  # type: ignore[no-untyped-def]
    topic = factories.make_topic(topic_index, "Water rights")
    return factories.make_article(
        news, "Rivers and dams", authors=[reporter], topics=[topic], tags=["Dams"]
    )


def queries(client: Client, url: str, **headers: str) -> tuple[int, int]:
    """The status of GET `url` and how many queries it cost."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    return response.status_code, len(captured)


@pytest.mark.parametrize("address", ["detail", "list"])
def test_it_answers_a_current_etag_with_fewer_queries_than_a_full_answer(
    client: Client, story, address
) -> None:
    url, tag = {
        "detail": (f"/api/v1/articles/{story.pk}/", f"page:{story.pk}"),
        "list": ("/api/v1/articles/", "articles:latest"),
    }[address]
    etag = client.get(url)["ETag"]
    fragments.invalidate(tag)  # as publishing it again unchanged does: made anew

    full = queries(client, url)
    conditional = queries(client, url, if_none_match=etag)

    assert (full[0], conditional[0]) == (200, 304)
    assert conditional[1] < full[1]


def test_it_changes_an_articles_etag_when_it_is_published_again(client: Client, story) -> None:
    url = f"/api/v1/articles/{story.pk}/"
    before = client.get(url)["ETag"]
    story.title = "Rivers, dams and the delta"
    story.save_revision().publish()

    response = client.get(url, headers={"if-none-match": before})

    assert response.status_code == 200
    assert response["ETag"] != before
    assert response.json()["title"] == "Rivers, dams and the delta"


def test_it_shows_an_authors_new_name_on_their_articles_at_once(
    client: Client, story, reporter
) -> None:
    url = f"/api/v1/articles/{story.pk}/"
    client.get(url)
    reporter.name = "Leila Haddad-Nasser"
    reporter.save()

    assert [a["name"] for a in client.get(url).json()["authors"]] == ["Leila Haddad-Nasser"]


NEW_ITEMS: dict[str, Callable[..., object]] = {
    "articles": lambda news, topics, gallery: factories.make_article(news, "New"),
    "tags": lambda news, topics, gallery: factories.make_article(news, "New", tags=["New"]),
    # Published the way editors do (the factory only adds the page).
    "topics": lambda news, topics, gallery: (
        factories.make_topic(topics, "New").save_revision().publish()
    ),
    "authors": lambda news, topics, gallery: factories.PersonFactory(name="New"),
    "galleries": lambda news, topics, gallery: factories.make_photo_gallery(gallery, "New"),
    "films": lambda news, topics, gallery: factories.make_film(gallery, "New"),
}


@pytest.mark.parametrize("resource", NEW_ITEMS)
def test_it_lists_a_new_item_at_once(client: Client, home, news, topic_index, resource) -> None:
    gallery_index = factories.make_gallery_index(home)
    url = f"/api/v1/{resource}/"
    before = client.get(url).json()["items"]
    NEW_ITEMS[resource](news, topic_index, gallery_index)

    after = client.get(url).json()["items"]

    assert len(after) == len(before) + 1


@pytest.mark.parametrize("kept", [False, True], ids=["made", "kept"])
def test_it_names_what_an_answer_shows_for_caches_in_front(
    client: Client, story, reporter, kept: bool
) -> None:
    url = "/api/v1/articles/?author=" + reporter.slug
    if kept:
        client.get(url)

    response = client.get(url)

    assert f"person:{reporter.pk}" in response["Surrogate-Key"].split()
