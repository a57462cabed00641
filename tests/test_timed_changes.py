"""Timed changes (newsdesk.core.timed): what editors schedule happens at its time when the
worker's clock ticks, and readers see it through the page cache at once.

Time is moved in the process (time-machine); the tick is what the worker's clock runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify
from wagtail.log_actions import registry as log_registry
from wagtail.models import PageLogEntry

from newsdesk.articles.models import ArticlePage
from newsdesk.core import timed
from newsdesk.core.models import TimedChangesRun

from . import factories

pytestmark = pytest.mark.django_db

SOON = timedelta(seconds=30)
# Past the scheduled time, well within the page cache's hour: a page that changes after
# the tick changed because the tick refreshed it, not because its cache entry aged out.
LATER = timedelta(seconds=90)


def live(section, title: str) -> ArticlePage:  # type: ignore[no-untyped-def]
    """A published article as the editor opens it again (its row, live revision and all)."""
    article = factories.make_article(section, title)
    article.refresh_from_db()
    return article


def draft(section, title: str, **fields) -> ArticlePage:  # type: ignore[no-untyped-def]
    article = ArticlePage(title=title, slug=slugify(title), lead="Lead.", live=False, **fields)
    section.add_child(instance=article)
    return article


def scheduled(section, title: str, go_live_at: datetime) -> ArticlePage:  # type: ignore[no-untyped-def]
    article = draft(section, title, go_live_at=go_live_at)
    article.save_revision().publish()
    article.refresh_from_db()
    return article


@contextmanager
def moved_on(delta: timedelta) -> Iterator[None]:
    with time_machine.travel(timezone.now() + delta, tick=False):
        yield


def tick() -> timed.Done:
    done = timed.run_if_free("test-worker")
    assert done is not None
    return done


def cached(client: Client, url: str) -> str:
    """The page as a reader gets it, after making sure it is in the page cache."""
    client.get(url)
    response = client.get(url)
    assert response["X-Cache"] == "HIT"
    return response.content.decode()


def test_a_scheduled_article_goes_live_at_its_time(client: Client, news) -> None:
    article = scheduled(news, "Ceasefire talks open", timezone.now() + SOON)
    assert "Ceasefire talks open" not in cached(client, news.url)
    with moved_on(LATER):
        # Nothing changes before the tick (the list itself lives at most a minute: Most Viewed).
        assert "Ceasefire talks open" not in client.get(news.url).content.decode()
        assert tick().published == 1
        listing = client.get(news.url)
        page = client.get(article.url)
    assert "Ceasefire talks open" in listing.content.decode()
    assert page.status_code == 200


def test_a_scheduled_article_waits_for_its_time(client: Client, news) -> None:
    article = scheduled(news, "Budget vote", timezone.now() + timedelta(minutes=10))
    with moved_on(LATER):
        done = tick()
    article.refresh_from_db()
    assert (done.published, article.live, article.status_string) == (0, False, "scheduled")


def test_an_article_leaves_every_list_when_it_expires(client: Client, news) -> None:
    article = live(news, "Polls close at eight")
    article.expire_at = timezone.now() + SOON
    article.save_revision().publish()
    assert "Polls close at eight" in cached(client, news.url)
    with moved_on(LATER):
        assert tick().expired == 1
        listing = client.get(news.url).content.decode()
        page = client.get(article.url)
    article.refresh_from_db()
    assert (article.live, article.expired) == (False, True)
    assert "Polls close at eight" not in listing
    assert page.status_code == 404


def test_a_scheduled_revision_replaces_the_live_article_at_its_time(client: Client, news) -> None:
    article = live(news, "Talks stall")
    article.title = "Talks resume"
    article.go_live_at = timezone.now() + SOON
    article.save_revision().publish()
    assert "Talks stall" in cached(client, article.url)
    with moved_on(LATER):
        assert tick().published == 1
        page = client.get(article.url).content.decode()
        listing = client.get(news.url).content.decode()
    assert ("Talks resume" in page, "Talks stall" in page) == (True, False)
    assert "Talks resume" in listing


def test_an_embargoed_article_goes_live_when_its_embargo_ends(client: Client, news) -> None:
    embargo = timezone.now() + SOON
    article = draft(news, "Report on water rights", embargo_until=embargo)
    article.save_revision().publish()  # the editor presses Publish during the embargo
    article.refresh_from_db()
    assert (article.live, article.go_live_at) == (False, embargo)
    assert "Report on water rights" not in cached(client, news.url)
    with moved_on(LATER):
        assert tick().published == 1
        listing = client.get(news.url).content.decode()
    assert "Report on water rights" in listing


def test_scheduled_changes_are_logged_as_wagtail_logs_them(news) -> None:
    article = scheduled(news, "Harvest figures", timezone.now() + SOON)
    with moved_on(LATER):
        tick()
    actions = PageLogEntry.objects.filter(page=article).values_list("action", flat=True)
    assert "wagtail.publish.scheduled" in actions
    assert log_registry.action_exists("wagtail.publish.scheduled")


def test_a_second_worker_skips_the_tick_while_the_first_runs_it(news) -> None:
    assert timed._take_lease("first")
    assert timed.run_if_free("second") is None
    timed._release_lease("first")
    assert timed.run_if_free("second") == timed.Done()


def test_a_worker_that_died_holding_the_lease_loses_it(news) -> None:
    assert timed._take_lease("died")
    with moved_on(timed.LEASE + timedelta(seconds=1)):
        assert timed.run_if_free("alive") == timed.Done()
        run = TimedChangesRun.objects.get(name=timed.JOB)
        assert (run.held_until, run.last_finished_at) == (None, timezone.now())


def test_a_change_that_fails_holds_back_no_other(news) -> None:
    broken = scheduled(news, "Broken revision", timezone.now() + timedelta(seconds=10))
    fine = scheduled(news, "Fine revision", timezone.now() + SOON)
    revision = broken.latest_revision
    revision.content = {**revision.content, "published_at": "not a time"}
    revision.save(update_fields=["content"])
    with moved_on(LATER):
        done = tick()
    assert (done.published, done.failed) == (1, 1)
    assert ArticlePage.objects.get(pk=fine.pk).live
    assert not ArticlePage.objects.get(pk=broken.pk).live
