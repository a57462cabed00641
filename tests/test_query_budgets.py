"""Every page costs a fixed number of queries, however many articles the site has."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.analytics import selectors, stores
from newsdesk.core import fragments
from newsdesk.maps.models import EventArticle, EventTopic, MapPage

from . import factories
from .budgets import SIZES, Cost, grew, measure
from .maps.factories import make_category, make_event

# What rendering costs, below the page cache (whose hits cost no query: test_page_cache).
# The site is built once for the module (tests/budgets.py); the tests read what it cost.
# The database is set up only for sessions with tests marked so (pytest-django).
pytestmark = pytest.mark.django_db

# Rendering a page anew, as the first view after a publish does. Home and article pages
# include Most Viewed: three queries rank the windows, one checks the ids are live. Home
# and topic pages show the Gallery's latest photo essays and films. Home, article and topic
# pages show map events (the home block, the article's and the topic's events): one query
# for the events, one for the articles they link to. The map page: the page, categories,
# the count of events in the window, the labelled places, the listed events and the
# articles they link to.
# After a change to the page tree (STRUCTURE), each process also reads the menu anew: 3
# queries that an ordinary publication no longer costs (the menu is kept until a page
# that can be in it changes). Every page shows the breaking-news line: one query for the
# language's running ticker (kept once per language, not per page). An article: one for
# its corrections and updates. An article and a topic read their language versions once
# (hreflang, decision 0023).
# Every page's footer lists the site's information pages (About, Contact, Privacy): one
# query. An article names its section: one more. A listing's second column (decision
# 0026) shows Most Viewed (the four queries above) and the home page's In Focus topics
# (the home page, its topics, their pictures): seven in all (nine for tags and authors,
# whose views also look up the active language for the column).
# The masthead's language switcher and the hreflang alternates look up the page's
# translations and each language's home: up to four more on a first render.
# The home page's strip of running live coverage (decision 0028): one query, kept once
# per language.
BUDGETS = {
    "home": 32,
    "article": 31,
    "section": 21,
    "topic": 27,
    "tag": 20,
    "author": 20,
    "map": 14,
    "filtered map": 14,
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

    def cost_of(self, client: Client, url: str, *, kept: bool = False) -> Cost:
        """A view of `url` after two (renditions made, the page kept by key in routing.py):
        by default rendered anew, as the first view after a publish; `kept`, from the parts
        the earlier views kept."""

        def after_a_publish() -> None:
            fragments.invalidate(fragments.STRUCTURE)  # what a publish does to its pages
            selectors.forget_rankings(self.home.locale_id)  # and Most Viewed, counted anew

        stores.get_store().flush()
        selectors.forget_rankings(self.home.locale_id)
        return measure(client, url, before=(lambda: None) if kept else after_a_publish)


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
RENDERED, KEPT = "rendered", "kept"


def build_newsroom() -> Newsroom:
    home = factories.make_home()
    return Newsroom(home, factories.make_section(home, "News"), factories.make_topic_index(home))


@pytest.fixture(scope="module")
def costs(module_rows: None, module_without_page_cache: None) -> dict[tuple[str, str, int], Cost]:
    """Each page's cost, rendered anew and from kept parts, with few and many articles."""
    newsroom = build_newsroom()
    found = {}
    for size in SIZES:
        newsroom.grow_to(size)
        for page, url_of in PAGES.items():
            for how in (RENDERED, KEPT):
                cost = newsroom.cost_of(Client(), url_of(newsroom), kept=how == KEPT)
                found[page, how, size] = cost
    return found


@pytest.mark.parametrize("page", PAGES)
def test_it_keeps_each_page_within_its_query_budget_as_the_site_grows(
    costs: dict[tuple[str, str, int], Cost], page: str
) -> None:
    with_few, with_many = (costs[page, RENDERED, size] for size in SIZES)

    assert with_few.problems + with_many.problems == ()
    assert with_many.queries == with_few.queries, grew(page, with_few, with_many)
    assert with_many.queries <= BUDGETS[page], f"{page}: {with_many}, budget {BUDGETS[page]}"


@pytest.mark.parametrize("page", PAGES)
def test_it_serves_each_page_from_kept_parts_within_a_smaller_budget(
    costs: dict[tuple[str, str, int], Cost], page: str
) -> None:
    with_few, with_many = (costs[page, KEPT, size] for size in SIZES)

    assert with_few.problems + with_many.problems == ()
    assert with_many.queries == with_few.queries, grew(page, with_few, with_many)
    assert with_many.queries <= KEPT_BUDGETS[page], f"{page}: {with_many}, {KEPT_BUDGETS[page]}"
