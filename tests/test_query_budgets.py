"""Every page costs a fixed number of queries, however many articles the site has."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.analytics import selectors, stores
from newsdesk.core import fragments
from newsdesk.maps.models import EventArticle, EventTopic, MapPage

from . import factories
from .maps.factories import make_category, make_event

# What rendering costs, below the page cache (whose hits cost no query: test_page_cache).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

# Rendering a page anew, as the first view after a publish does. Home and article pages
# include Most Viewed: three queries rank the windows, one checks the ids are live. Home
# and topic pages show the Gallery's latest photo essays and films. Home, article and topic
# pages show map events (the home block, the article's and the topic's events): one query
# for the events, one for the articles they link to. The map page: the page, categories,
# the count of events in the window, the labelled places, the listed events and the
# articles they link to.
# After a change to the page tree (STRUCTURE), each process also reads the menu anew: 3
# queries that an ordinary publication no longer costs (the menu is kept until a page
# that can be in it changes).
BUDGETS = {
    "home": 25,
    "article": 22,
    "section": 10,
    "topic": 20,
    "tag": 10,
    "author": 10,
    "map": 9,
    "filtered map": 9,
}
# Every later view, while the parts of the page are kept (newsdesk.core.fragments): only
# the lookups that say whether the address exists. A map with filters in its address is
# rendered for each view (only the page itself is kept), so it stays flat, not at zero.
KEPT_BUDGETS = {
    "home": 0,
    "article": 0,
    "section": 0,
    "topic": 0,
    "tag": 1,
    "author": 1,
    "map": 0,
    "filtered map": 5,
}


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
        # The map: home shows its block, articles and the topic the events linked to them.
        self.map = home.add_child(instance=MapPage(title="Map", slug="map"))
        self.map.save_revision().publish()
        self.categories = [make_category(slug) for slug in ("airstrike", "clashes", "political")]

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
            event = make_event(self.categories[n % 3], title=f"Well {n} poisoned")
            # Every event is on the first article's map too, so its map grows with the site.
            for position, linked in enumerate({self.articles[0], article}):
                EventArticle.objects.create(event=event, article=linked, sort_order=position)
            EventTopic.objects.create(event=event, topic=self.topic)
            # Every article has readers, so Most Viewed lists as many as it can show.
            view = stores.View(article.pk, article.locale_id, self.news.pk, timezone.now(), n + 1)
            stores.get_store().add_view(view)
            if n < 2:  # the rest fill the News block below Editor's Choice
                factories.pick_for_home(self.home, [article])

    def queries_for(self, client: Client, url: str, *, kept: bool = False) -> int:
        stores.get_store().flush()
        selectors.forget_rankings(self.home.locale_id)
        assert client.get(url).status_code == 200  # warm: renditions, site root paths
        assert client.get(url).status_code == 200  # the page kept by key (routing.py)
        if not kept:
            fragments.invalidate(fragments.STRUCTURE)  # what a publish does to its pages
            selectors.forget_rankings(self.home.locale_id)  # and Most Viewed, counted anew
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
    "map": lambda site: site.map.url,
    "filtered map": lambda site: site.map.url + "?period=7d&category=airstrike,clashes",
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


@pytest.mark.parametrize("page", PAGES)
def test_it_serves_each_page_from_kept_parts_within_a_smaller_budget(
    client: Client, newsroom: Newsroom, page: str
) -> None:
    url_of = PAGES[page]
    newsroom.grow_to(5)
    with_5 = newsroom.queries_for(client, url_of(newsroom), kept=True)
    newsroom.grow_to(50)
    with_50 = newsroom.queries_for(client, url_of(newsroom), kept=True)

    assert with_50 == with_5, f"{page}: {with_5} queries with 5 articles, {with_50} with 50"
    assert with_50 <= KEPT_BUDGETS[page], f"{page}: {with_50} queries, budget {KEPT_BUDGETS[page]}"
