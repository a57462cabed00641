"""A live page costs a fixed number of queries however many entries it has (and however
many carry a picture, a map event or a correction), rendered anew and from kept parts."""

from __future__ import annotations

import pytest
from django.test import Client

from newsdesk.articles.models import SectionPage
from newsdesk.core import fragments
from newsdesk.live.models import LivePage

from . import factories
from .budgets import SIZES, measure
from .maps.factories import make_event

pytestmark = pytest.mark.django_db

# Rendered anew (the first view after an entry is posted): the page's own parts as an
# article's (byline, picture sizes, section, tags, topics, related content, language
# versions, Most Viewed, the ticker, the footer), then the pinned entry, a page of the
# others (authors and events joined), their pictures' sizes in one query, and the map
# page's link for entries with an event.
BUDGET = 33
# From kept parts and the routed page: the entries and what they show are read again.
KEPT_BUDGET = 6


def grow(live: LivePage, count: int) -> None:
    picture = factories.ImageFactory()
    event = make_event()
    reporters = [factories.PersonFactory() for _ in range(3)]
    have = live.entries.count()
    for n in range(have, count):
        factories.post_entry(
            live,
            f"Update {n}",
            author=reporters[n % 3],
            image=picture if n % 4 == 0 else None,
            image_alt="A street" if n % 4 == 0 else "",
            event=event if n % 5 == 0 else None,
            correction="A figure was wrong." if n % 7 == 0 else "",
            pinned=n == 0,
        )


@pytest.mark.parametrize("kept", [False, True], ids=["rendered", "kept"])
def test_a_live_page_costs_the_same_queries_however_many_entries(
    client: Client, home, news: SectionPage, kept: bool
) -> None:  # type: ignore[no-untyped-def]
    live = factories.make_live_page(news, authors=[factories.PersonFactory()])
    costs = []
    for size in SIZES:
        grow(live, size)
        after_a_post = lambda: fragments.invalidate(f"live:{live.pk}", fragments.STRUCTURE)  # noqa: E731
        costs.append(measure(client, live.url, before=(lambda: None) if kept else after_a_post))

    assert [cost.problems for cost in costs] == [(), ()]
    assert costs[0].queries == costs[1].queries
    assert costs[1].queries <= (KEPT_BUDGET if kept else BUDGET)
