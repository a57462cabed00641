"""Every page costs a fixed number of queries, however many articles the site has."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from . import factories

pytestmark = pytest.mark.django_db

# article: +1 for the breadcrumb trail of its structured data, +1 to fetch the hero picture
# with all its sizes (16:9, 4:3, 1:1) at once instead of one rendition lookup per size.
BUDGETS = {"home": 18, "article": 16, "section": 10, "topic": 13, "tag": 7, "author": 7}


class Newsroom:
    """A site that grows: `grow_to(n)` files more articles on the same topic, tag and author."""

    def __init__(self, home, news, topic_index) -> None:  # type: ignore[no-untyped-def]
        self.home = home
        self.news = news
        self.topic = factories.make_topic(
            topic_index, "Drought", hero_image=factories.ImageFactory()
        )
        self.author = factories.PersonFactory(name="Sara Ahmadi", slug="sara-ahmadi")
        self.second_author = factories.PersonFactory()
        self.images = [factories.ImageFactory() for _ in range(3)]
        self.articles: list = []
        factories.put_in_focus(home, [self.topic])

    def grow_to(self, count: int) -> None:
        while len(self.articles) < count:
            n = len(self.articles)
            article = factories.make_article(
                self.news,
                f"Dry wells in village {n}",
                authors=[self.author, self.second_author],
                topics=[self.topic],
                tags=["Drought", f"Village {n}"],
                hero_image=self.images[n % len(self.images)],
                hero_alt="A dry well",
            )
            self.articles.append(article)
            if n < 2:  # the rest fill the News block below Editor's Choice
                factories.pick_for_home(self.home, [article])

    def queries_for(self, client: Client, url: str) -> int:
        assert client.get(url).status_code == 200  # warm: renditions, site root paths
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        writes = [q["sql"] for q in captured if not q["sql"].lstrip().upper().startswith("SELECT")]
        assert writes == [], f"a second view of {url} still writes: {writes}"
        return len(captured)


@pytest.fixture
def newsroom(home, news, topic_index) -> Newsroom:  # type: ignore[no-untyped-def]
    return Newsroom(home, news, topic_index)


PAGES: dict[str, Callable[[Newsroom], str]] = {
    "home": lambda site: "/",
    "article": lambda site: site.articles[0].url,
    "section": lambda site: site.news.url,
    "topic": lambda site: site.topic.url,
    "tag": lambda site: "/tags/drought/",
    "author": lambda site: site.author.get_absolute_url(),
}


@pytest.mark.parametrize("page", PAGES)
def test_it_keeps_each_page_within_its_query_budget_as_the_site_grows(
    client: Client, newsroom: Newsroom, page: str
) -> None:
    url_of = PAGES[page]
    newsroom.grow_to(5)
    with_5 = newsroom.queries_for(client, url_of(newsroom))
    newsroom.grow_to(50)
    with_50 = newsroom.queries_for(client, url_of(newsroom))

    assert with_50 == with_5, f"{page}: {with_5} queries with 5 articles, {with_50} with 50"
    assert with_50 <= BUDGETS[page], f"{page}: {with_50} queries, budget {BUDGETS[page]}"
