"""A page never lives longer than the shortest remaining life of a part it contains.

A kept part ends when something it shows ends by itself (fragments.expires) or, at the
latest, FRAGMENT_SECONDS after it was made. The page made with it, fresh or from memory,
carries that end: the page cache, the WSGI fast path (which serves the same entry) and
the Cache-Control sent to browsers, Varnish and CDNs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from newsdesk.core import fragments, pagecache

from . import factories

pytestmark = pytest.mark.django_db


def _part(ends_at: datetime | None) -> Callable[[], str]:
    def render() -> str:
        fragments.shows("page:1")
        if ends_at is not None:
            fragments.expires(ends_at)
        return "<p>part</p>"

    return render


def _seconds(control: str, name: str) -> int:
    found = re.search(rf"\b{name}=(\d+)", control)
    assert found, control
    return int(found.group(1))


@pytest.mark.parametrize(
    ("ends_in", "reused_after", "page_ends_in"),
    [
        # Something the part shows ends in 10 s: made now, or reused 5 s later.
        (timedelta(seconds=10), timedelta(0), timedelta(seconds=10)),
        (timedelta(seconds=10), timedelta(seconds=5), timedelta(seconds=5)),
        # Nothing ends: the part is kept an hour, and a page made from it 59 min 50 s
        # later has 10 s left, not another hour.
        (None, timedelta(0), timedelta(seconds=fragments.FRAGMENT_SECONDS)),
        (None, timedelta(minutes=59, seconds=50), timedelta(seconds=10)),
    ],
)
def test_a_page_ends_when_a_part_it_contains_ends(
    ends_in: timedelta | None, reused_after: timedelta, page_ends_in: timedelta
) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fragments.get_or_render("part", _part(start + ends_in if ends_in else None))
    with time_machine.travel(start + reused_after, tick=False), fragments.recording() as page:
        html = fragments.get_or_render("part", _part(None))
    assert html == "<p>part</p>"
    assert page.expires_at == start + reused_after + page_ends_in


def test_a_part_inside_a_part_ends_the_outer_one_too() -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fragments.get_or_render("inner", _part(start + timedelta(seconds=10)))
    with time_machine.travel(start + timedelta(seconds=4), tick=False):
        fragments.get_or_render("outer", lambda: fragments.get_or_render("inner", _part(None)))
    calls: list[str] = []
    with (
        time_machine.travel(start + timedelta(seconds=11), tick=False),
        fragments.recording() as page,
    ):
        fragments.get_or_render("outer", lambda: calls.append("outer") or "<p>again</p>")
    # The outer part went with the inner one, and was made again.
    assert calls == ["outer"]
    assert page.expires_at == start + timedelta(seconds=11 + fragments.FRAGMENT_SECONDS)


def test_a_page_with_an_editors_pick_ending_in_ten_seconds_is_kept_ten_seconds(
    client: Client, home, news
) -> None:
    stories = [factories.make_article(news, "Talks resume"), factories.make_article(news)]
    start = timezone.now()
    factories.pick_for_home(home, stories[:1], expires_at=start + timedelta(seconds=10))
    with time_machine.travel(start, tick=False):
        response = client.get("/")
    entry = pagecache.cache.get(pagecache.key_for(response.wsgi_request))
    assert "Talks resume" in response.content.decode()
    assert entry.expires_at - entry.stored_at == pytest.approx(10, abs=1)
    assert _seconds(response["Cache-Control"], "s-maxage") <= 10
    assert _seconds(response["Cache-Control"], "max-age") <= 10


def test_a_page_made_from_an_old_list_is_kept_only_while_the_list_is(
    client: Client, home, news, topic_index
) -> None:
    # A topic page: listings with Most Viewed beside them live at most its 60 s anyway.
    topic = factories.make_topic(topic_index, "Water rights")
    factories.make_article(news, "Talks resume", topics=[topic])
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        first = client.get(topic.url)
    assert _seconds(first["Cache-Control"], "s-maxage") > 60
    # The page is gone from the page cache (evicted, say); its list is still kept.
    pagecache.cache.delete(pagecache.key_for(first.wsgi_request))
    with time_machine.travel(start + timedelta(minutes=59, seconds=50), tick=False):
        again = client.get(topic.url)
    entry = pagecache.cache.get(pagecache.key_for(again.wsgi_request))
    assert again["X-Cache"] == "MISS"
    assert "Talks resume" in again.content.decode()
    assert entry.expires_at - entry.stored_at == pytest.approx(10, abs=1)
    assert _seconds(again["Cache-Control"], "s-maxage") <= 10
