"""Every list of the content API costs a fixed number of queries, however many items."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from . import factories

pytestmark = pytest.mark.django_db

# A page of up to 100 items: the page itself, then each kind of related row in one query
# (authors, tags, topics, pictures, their renditions, sections), and the language names.
BUDGETS = {
    "articles": 8,
    "topics": 4,
    "authors": 4,
    "tags": 2,
    "galleries": 4,
    "films": 4,
}


class Site:
    """A site that grows: `grow(resource, n)` adds what that list shows until it has n
    items, each with its picture, authors, topics and tags."""

    def __init__(self, home, news, topic_index) -> None:  # type: ignore[no-untyped-def]
        self.news = news
        self.topic_index = topic_index
        self.gallery_index = factories.make_gallery_index(home)
        self.image = factories.ImageFactory()
        self.topic = factories.make_topic(topic_index, "Drought", hero_image=self.image)
        self.count = 0

    def add(self, resource: str, n: int) -> None:
        if resource in ("articles", "tags"):
            factories.make_article(
                self.news,
                authors=[factories.PersonFactory(photo=self.image) for _ in range(2)],
                topics=[self.topic],
                tags=["Drought", f"Village {n}"],
                hero_image=self.image,
                hero_alt="A dry well",
            )
        elif resource == "topics":
            factories.make_topic(self.topic_index, f"Topic {n}", hero_image=self.image)
        elif resource == "authors":
            factories.PersonFactory(photo=self.image)
        elif resource == "galleries":
            factories.make_photo_gallery(self.gallery_index, pictures=1, cover=self.image)
        else:
            factories.make_film(self.gallery_index, cover=self.image, cover_alt="A poster")

    def grow(self, resource: str, count: int) -> None:
        while self.count < count:
            self.add(resource, self.count)
            self.count += 1


def queries_for(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200  # makes any missing picture size once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.json()["items"]) >= 5
    return len(captured)


# no_page_cache: kept answers cost no query at all (answers.py); this measures making one.
@pytest.mark.parametrize("resource", BUDGETS)
def test_it_lists_in_a_fixed_number_of_queries(  # type: ignore[no-untyped-def]
    client: Client, home, news, topic_index, resource, no_page_cache
):
    site = Site(home, news, topic_index)
    url = f"/api/v1/{resource}/?page_size=100"

    site.grow(resource, 5)
    few = queries_for(client, url)
    site.grow(resource, 50)
    many = queries_for(client, url)

    assert few == many, f"{resource}: {few} queries for 5 items, {many} for 50"
    assert many <= BUDGETS[resource], f"{resource}: {many} queries"
