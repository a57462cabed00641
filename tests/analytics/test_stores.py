"""The two stores answer alike: windows at their edges, ranking, languages and sections,
per-day counts, and no increment lost when many threads count at once."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection

from newsdesk.analytics.models import DailyViews, HourlyViews
from newsdesk.analytics.stores import DatabaseStore, RedisStore, View, ViewStore
from newsdesk.analytics.windows import Window

from .conftest import STORE_KINDS, make_store

# The end of an hour: the Day window is the current hour and the 23 before it, so here
# it reaches back just short of 24 hours.
NOW = datetime(2026, 11, 20, 12, 59, 30, tzinfo=UTC)
EN, AR = 1, 2
NEWS, ANALYSIS = 10, 11


def view(page_id: int, at: datetime, count: int = 1, locale_id: int = EN, section_id: int = NEWS):
    return View(page_id=page_id, locale_id=locale_id, section_id=section_id, at=at, count=count)


def counted(store: ViewStore, window: Window, **kwargs) -> dict[int, int]:  # type: ignore[no-untyped-def]
    store.flush()
    return dict(store.top(window, kwargs.pop("locale_id", EN), NOW, **kwargs))


def test_it_counts_a_view_23_hours_59_minutes_ago_in_the_day(store: ViewStore) -> None:
    store.add_view(view(1, NOW - timedelta(hours=23, minutes=59)))

    assert counted(store, Window.DAY) == {1: 1}


def test_it_leaves_a_view_24_hours_1_minute_ago_out_of_the_day(store: ViewStore) -> None:
    store.add_view(view(1, NOW - timedelta(hours=24, minutes=1)))

    assert counted(store, Window.DAY) == {}
    assert counted(store, Window.WEEK) == {1: 1}


def test_it_counts_whole_hours_so_the_day_never_reaches_past_24_hours(store: ViewStore) -> None:
    # At the start of an hour, the bucket of 23h59m ago is already the 25th hour back.
    start_of_hour = NOW.replace(minute=0, second=30)
    store.add_view(view(1, start_of_hour - timedelta(hours=23, minutes=59)))
    store.flush()

    assert dict(store.top(Window.DAY, EN, start_of_hour)) == {}


def test_it_counts_the_week_from_today_and_the_6_days_before(store: ViewStore) -> None:
    store.add_view(view(1, NOW - timedelta(days=6)))
    store.add_view(view(2, NOW - timedelta(days=7)))

    assert counted(store, Window.WEEK) == {1: 1}
    assert counted(store, Window.MONTH) == {1: 1, 2: 1}


def test_it_counts_the_month_from_today_and_the_29_days_before(store: ViewStore) -> None:
    store.add_view(view(1, NOW - timedelta(days=29)))
    store.add_view(view(2, NOW - timedelta(days=30)))

    assert counted(store, Window.MONTH) == {1: 1}


def test_it_ranks_the_most_viewed_first_and_ties_by_page(store: ViewStore) -> None:
    for page_id, count in ((1, 2), (2, 5), (3, 2), (4, 9)):
        store.add_view(view(page_id, NOW, count=count))
    store.flush()

    assert store.top(Window.DAY, EN, NOW, limit=3) == [(4, 9), (2, 5), (1, 2)]


def test_it_adds_up_the_hours_of_a_window(store: ViewStore) -> None:
    for hours_ago in (0, 5, 20):
        store.add_view(view(1, NOW - timedelta(hours=hours_ago)))

    assert counted(store, Window.DAY) == {1: 3}


def test_it_keeps_each_language_apart(store: ViewStore) -> None:
    store.add_view(view(1, NOW, locale_id=EN))
    store.add_view(view(2, NOW, locale_id=AR))

    assert counted(store, Window.DAY, locale_id=EN) == {1: 1}
    assert counted(store, Window.DAY, locale_id=AR) == {2: 1}


def test_it_ranks_one_section_alone_when_asked(store: ViewStore) -> None:
    store.add_view(view(1, NOW, section_id=NEWS))
    store.add_view(view(2, NOW, count=3, section_id=ANALYSIS))

    assert counted(store, Window.WEEK, section_id=NEWS) == {1: 1}
    assert counted(store, Window.WEEK) == {2: 3, 1: 1}


def test_it_gives_an_articles_views_per_day(store: ViewStore) -> None:
    store.add_view(view(1, NOW, count=4))
    store.add_view(view(1, NOW - timedelta(days=2), count=2))
    store.add_view(view(2, NOW, count=7))
    store.flush()
    days = [date(2026, 11, 18), date(2026, 11, 19), date(2026, 11, 20)]

    assert store.daily(1, EN, days) == {days[0]: 2, days[1]: 0, days[2]: 4}


def test_it_counts_dropped_events_by_reason(store: ViewStore) -> None:
    store.add_drop("bot", NOW)
    store.add_drop("bot", NOW, count=2)
    store.add_drop("prefetch", NOW - timedelta(days=1))
    store.flush()

    assert store.drops([NOW.date()]) == {"bot": 3}
    assert store.drops([NOW.date(), NOW.date() - timedelta(days=1)]) == {"bot": 3, "prefetch": 1}


# Buffering (the database store) ----------------------------------------------------------------


@pytest.mark.django_db
def test_it_writes_nothing_to_the_database_until_the_batch_is_flushed() -> None:
    store = DatabaseStore(batch_size=100_000, flush_seconds=3600)
    store.add_view(view(1, NOW, count=3))

    assert not DailyViews.objects.exists()
    store.flush()
    assert DailyViews.objects.get(page_id=1).views == 3


@pytest.mark.django_db
def test_it_writes_a_batch_once_it_is_full() -> None:
    store = DatabaseStore(batch_size=3, flush_seconds=3600)
    for page_id in (1, 2, 3):
        store.add_view(view(page_id, NOW))

    assert DailyViews.objects.count() == 3
    assert store.pending() == 0


@pytest.mark.django_db
def test_it_adds_a_batch_to_what_another_worker_already_wrote() -> None:
    first, second = (DatabaseStore(batch_size=100_000) for _ in range(2))
    first.add_view(view(1, NOW, count=2))
    second.add_view(view(1, NOW, count=5))
    first.flush()
    second.flush()

    assert DailyViews.objects.get(page_id=1).views == 7


# Concurrency ------------------------------------------------------------------------------------

THREADS = 8
VIEWS_PER_THREAD = 250


# Threads need committed rows; serialized_rollback restores what migrations made (and
# keeps the flush from re-running post_migrate, which later browser tests would trip on).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("kind", STORE_KINDS)
def test_it_loses_no_increment_when_many_threads_count_at_once(kind: str) -> None:
    # Two store objects stand for two worker processes; each has four threads counting
    # the same few pages and flushing small batches into the same rows at the same time.
    workers = [make_store(kind, name="concurrency") for _ in range(2)]
    for worker in workers:
        if isinstance(worker, DatabaseStore):
            worker.batch_size = 50
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def count(worker: ViewStore, n: int) -> None:
        try:
            start.wait()
            for i in range(VIEWS_PER_THREAD):
                worker.add_view(view(1 + (n + i) % 3, NOW))
            worker.flush()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=count, args=(workers[n % 2], n)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    try:
        assert errors == []
        totals = dict(workers[0].top(Window.DAY, EN, NOW))
        assert sum(totals.values()) == THREADS * VIEWS_PER_THREAD
        assert sum(dict(workers[1].top(Window.MONTH, EN, NOW)).values()) == (
            THREADS * VIEWS_PER_THREAD
        )
    finally:
        if isinstance(workers[0], RedisStore):
            workers[0].clear()


if settings.NEWSDESK_ANALYTICS["REDIS_URL"]:

    def test_it_lets_redis_buckets_expire_on_their_own() -> None:
        store = make_store("redis")
        assert isinstance(store, RedisStore)
        try:
            store.add_view(view(1, NOW))
            ttls = [store.redis.ttl(key) for key in store.redis.scan_iter(f"{store.prefix}:*")]
        finally:
            store.clear()

        assert len(ttls) == 4  # hour and day, for the language and for the section
        assert all(0 < ttl <= 92 * 24 * 3600 for ttl in ttls)


@pytest.mark.django_db
def test_it_deletes_buckets_that_no_window_reads_any_more() -> None:
    store = DatabaseStore(batch_size=100_000)
    store.add_view(view(1, NOW - timedelta(hours=30)))  # hourly row too old, daily row kept
    store.add_view(view(2, NOW - timedelta(days=100)))  # both too old
    store.add_view(view(3, NOW))
    store.flush()

    store.prune(NOW)

    assert sorted(HourlyViews.objects.values_list("page_id", flat=True)) == [3]
    assert sorted(DailyViews.objects.values_list("page_id", flat=True)) == [1, 3]
