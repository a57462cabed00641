"""Every list of the content API costs a fixed number of queries, however many items."""

from __future__ import annotations

import pytest
from django.test import Client

from . import factories
from .budgets import SIZES, Cost, grew, measure

# The database is set up only for sessions with tests marked so (pytest-django).
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
        self.counts: dict[str, int] = {}

    def add(self, resource: str, n: int) -> None:
        if resource == "articles":
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
        # Tags are listed from the articles that carry them.
        made = "articles" if resource == "tags" else resource
        while self.counts.get(made, 0) < count:
            self.add(made, self.counts.get(made, 0))
            self.counts[made] = self.counts.get(made, 0) + 1


@pytest.fixture(scope="module")
def costs(module_rows: None, module_without_page_cache: None) -> dict[tuple[str, int], Cost]:
    """Each list's cost with a few and with many items (SIZES) (tests/budgets.py). Without the page
    cache: kept answers cost no query at all (answers.py); this measures making one."""
    home = factories.make_home()
    site = Site(home, factories.make_section(home, "News"), factories.make_topic_index(home))
    found = {}
    for size in SIZES:
        for resource in BUDGETS:
            site.grow(resource, size)
        for resource in BUDGETS:
            url = f"/api/v1/{resource}/?page_size=100"
            # One view first: it makes any missing picture size once.
            found[resource, size] = measure(Client(), url, warm_views=1, min_items=5)
    return found


@pytest.mark.parametrize("resource", BUDGETS)
def test_it_lists_in_a_fixed_number_of_queries(
    costs: dict[tuple[str, int], Cost], resource: str
) -> None:
    few, many = (costs[resource, size] for size in SIZES)

    assert few.problems + many.problems == ()
    assert few.queries == many.queries, grew(resource, few, many)
    assert many.queries <= BUDGETS[resource], f"{resource}: {many}"
