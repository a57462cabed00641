"""Where view counts are kept: the database (the embedded default) or Redis.

Both stores answer the same questions (`ViewStore`), and the same tests run against
both. The active one is Redis when REDIS_URL is set, the database otherwise.

- DatabaseStore buffers counts in memory and writes them in batches (one upsert per
  bucket row), when the batch is full, when it is older than FLUSH_SECONDS (a background
  thread checks), and when the process stops cleanly (see `flush_on_exit`).
- RedisStore increments hourly and daily sorted sets (member: page id, score: views)
  that expire on their own; a window is the union of its buckets, made when it is read.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import redis
from django.conf import settings
from django.db import OperationalError, close_old_connections, connection, transaction
from django.db.models import Model, QuerySet, Sum
from django.utils import timezone

from .models import DailyViews, DroppedEvents, HourlyViews
from .windows import Window, day_of, days_of, hour_of, hours_of_day_window

logger = logging.getLogger(__name__)

# The hourly buckets serve the Day window only; the daily ones serve Week, Month and the
# editors' per-day chart, so they are kept longer than the longest window.
HOURLY_KEEP = timedelta(hours=26)
DAILY_KEEP = timedelta(days=92)
DROPS_KEEP = timedelta(days=92)
PRUNE_SECONDS = 60 * 60


@dataclass(frozen=True)
class View:
    page_id: int
    locale_id: int
    section_id: int
    at: datetime
    count: int = 1


class ViewStore(ABC):
    @abstractmethod
    def add_view(self, view: View) -> None: ...

    def add_views(self, views: Iterable[View]) -> None:
        """Many at once (the demo's counts, benchmarks)."""
        for view in views:
            self.add_view(view)

    @abstractmethod
    def add_drop(self, reason: str, at: datetime, count: int = 1) -> None: ...

    @abstractmethod
    def flush(self) -> None:
        """Write what is buffered."""

    @abstractmethod
    def top(
        self,
        window: Window,
        locale_id: int,
        now: datetime,
        section_id: int | None = None,
        limit: int = 20,
    ) -> list[tuple[int, int]]:
        """(page id, views) of the most viewed pages in the window, most viewed first."""

    @abstractmethod
    def views_of(
        self, window: Window, locale_id: int, now: datetime, page_ids: list[int]
    ) -> dict[int, int]:
        """The views of these pages in the window (pages without views are left out)."""

    @abstractmethod
    def daily(self, page_id: int, locale_id: int, days: list[date]) -> dict[date, int]: ...

    @abstractmethod
    def drops(self, days: list[date]) -> dict[str, int]: ...

    @abstractmethod
    def clear(self) -> None: ...


def _ranked(totals: dict[int, int], limit: int) -> list[tuple[int, int]]:
    # Most views first; ties by page id, so both stores order ties the same way.
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]


# The database -------------------------------------------------------------------------

HourKey = tuple[datetime, int, int, int]  # hour, page, locale, section
DayKey = tuple[date, int, int, int]


class DatabaseStore(ViewStore):
    WRITE_ATTEMPTS = 5

    def __init__(self, batch_size: int = 500, flush_seconds: float = 5.0) -> None:
        self.batch_size = batch_size
        self.flush_seconds = flush_seconds
        self._lock = threading.Lock()  # guards the buffers
        self._write_lock = threading.Lock()  # one batch at a time from this process
        self._hourly: Counter[HourKey] = Counter()
        self._daily: Counter[DayKey] = Counter()
        self._drops: Counter[tuple[date, str]] = Counter()
        self._pending = 0
        self._oldest: float | None = None

    # Writing -------------------------------------------------------------------------

    def add_view(self, view: View) -> None:
        with self._lock:
            self._hourly[(hour_of(view.at), view.page_id, view.locale_id, view.section_id)] += (
                view.count
            )
            self._daily[(day_of(view.at), view.page_id, view.locale_id, view.section_id)] += (
                view.count
            )
            self._note_pending()
        self._flush_if_due()

    def add_drop(self, reason: str, at: datetime, count: int = 1) -> None:
        with self._lock:
            self._drops[(day_of(at), reason)] += count
            self._note_pending()
        self._flush_if_due()

    def _note_pending(self) -> None:
        self._pending += 1
        if self._oldest is None:
            self._oldest = time.monotonic()

    def pending(self) -> int:
        return self._pending

    def _flush_if_due(self) -> None:
        oldest = self._oldest
        if self._pending >= self.batch_size or (
            oldest is not None and time.monotonic() - oldest >= self.flush_seconds
        ):
            self.flush()

    def flush(self) -> None:
        with self._write_lock:
            with self._lock:
                hourly, daily, drops = self._hourly, self._daily, self._drops
                self._hourly, self._daily, self._drops = Counter(), Counter(), Counter()
                self._pending, self._oldest = 0, None
            if not (hourly or daily or drops):
                return
            try:
                self._write(hourly, daily, drops)
            except Exception:
                # Keep the counts for the next flush rather than lose them.
                with self._lock:
                    self._hourly.update(hourly)
                    self._daily.update(daily)
                    self._drops.update(drops)
                    self._pending += len(hourly) + len(drops)
                    self._oldest = self._oldest or time.monotonic()
                raise

    def _write(
        self,
        hourly: Counter[HourKey],
        daily: Counter[DayKey],
        drops: Counter[tuple[date, str]],
    ) -> None:
        ops = connection.ops
        for attempt in range(self.WRITE_ATTEMPTS):
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    _add_counts(
                        cursor,
                        HourlyViews,
                        ("hour", "page_id", "locale_id", "section_id"),
                        [
                            (ops.adapt_datetimefield_value(h), p, loc, s, n)
                            for (h, p, loc, s), n in hourly.items()
                        ],
                    )
                    _add_counts(
                        cursor,
                        DailyViews,
                        ("day", "page_id", "locale_id", "section_id"),
                        [
                            (ops.adapt_datefield_value(d), p, loc, s, n)
                            for (d, p, loc, s), n in daily.items()
                        ],
                    )
                    _add_counts(
                        cursor,
                        DroppedEvents,
                        ("day", "reason"),
                        [(ops.adapt_datefield_value(d), r, n) for (d, r), n in drops.items()],
                        total="count",
                    )
                return
            except OperationalError:
                # SQLite answers "database is locked" while another process writes.
                if attempt == self.WRITE_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))

    def prune(self, now: datetime) -> None:
        """Delete buckets no window or chart reads any more (Redis expires its own)."""
        HourlyViews.objects.filter(hour__lt=hour_of(now) - HOURLY_KEEP).delete()
        DailyViews.objects.filter(day__lt=day_of(now) - DAILY_KEEP).delete()
        DroppedEvents.objects.filter(day__lt=day_of(now) - DROPS_KEEP).delete()

    # Reading -------------------------------------------------------------------------

    def top(
        self,
        window: Window,
        locale_id: int,
        now: datetime,
        section_id: int | None = None,
        limit: int = 20,
    ) -> list[tuple[int, int]]:
        rows = self._window_rows(window, locale_id, now)
        if section_id is not None:
            rows = rows.filter(section_id=section_id)
        totals = (
            rows.values("page_id").annotate(total=Sum("views")).order_by("-total", "page_id")
        )[:limit]
        return [(row["page_id"], row["total"]) for row in totals]

    def views_of(
        self, window: Window, locale_id: int, now: datetime, page_ids: list[int]
    ) -> dict[int, int]:
        if not page_ids:
            return {}
        rows = self._window_rows(window, locale_id, now).filter(page_id__in=page_ids)
        totals = rows.values("page_id").annotate(total=Sum("views")).order_by()
        return {row["page_id"]: row["total"] for row in totals}

    def _window_rows(self, window: Window, locale_id: int, now: datetime) -> QuerySet:
        if window is Window.DAY:
            return HourlyViews.objects.filter(
                locale_id=locale_id, hour__gte=hours_of_day_window(now)[-1]
            )
        return DailyViews.objects.filter(locale_id=locale_id, day__gte=days_of(window, now)[-1])

    def daily(self, page_id: int, locale_id: int, days: list[date]) -> dict[date, int]:
        found = dict(
            DailyViews.objects.filter(page_id=page_id, day__in=days).values_list("day", "views")
        )
        return {day: found.get(day, 0) for day in days}

    def drops(self, days: list[date]) -> dict[str, int]:
        totals: Counter[str] = Counter()
        for reason, count in DroppedEvents.objects.filter(day__in=days).values_list(
            "reason", "count"
        ):
            totals[reason] += count
        return dict(totals)

    def clear(self) -> None:
        with self._lock:
            self._hourly, self._daily, self._drops = Counter(), Counter(), Counter()
            self._pending, self._oldest = 0, None
        HourlyViews.objects.all().delete()
        DailyViews.objects.all().delete()
        DroppedEvents.objects.all().delete()

    # The background flush ------------------------------------------------------------

    def start_background_flush(self) -> None:
        """Flush every FLUSH_SECONDS from a daemon thread, so that counts buffered by a
        worker that gets no more beacons still reach the database."""
        thread = threading.Thread(target=self._flush_forever, name="analytics-flush", daemon=True)
        thread.start()

    def _flush_forever(self) -> None:
        last_prune = 0.0
        while True:
            time.sleep(self.flush_seconds)
            try:
                close_old_connections()
                self.flush()
                # Old buckets go once an hour (each worker; deleting nothing is cheap).
                if time.monotonic() - last_prune >= PRUNE_SECONDS:
                    self.prune(timezone.now())
                    last_prune = time.monotonic()
            except Exception:
                logger.exception("Could not write view counts; keeping them for the next try.")


def _add_counts(
    cursor: Any,
    model: type[Model],
    columns: tuple[str, ...],
    rows: list[tuple],
    total: str = "views",
) -> None:
    """Insert each row (its columns, then its total), or add its total to the stored row
    with the same bucket: the first two columns, each table's unique key.

    Adds in the database itself, so that two processes writing the same bucket at once
    both count (an ORM read-modify-write would lose one)."""
    if not rows:
        return
    table = model._meta.db_table
    names = ", ".join((*columns, total))
    marks = ", ".join(["%s"] * (len(columns) + 1))
    cursor.executemany(
        f"INSERT INTO {table} ({names}) VALUES ({marks}) "
        f"ON CONFLICT ({', '.join(columns[:2])}) "
        f"DO UPDATE SET {total} = {table}.{total} + excluded.{total}",
        rows,
    )


# Redis --------------------------------------------------------------------------------


class RedisStore(ViewStore):
    def __init__(self, url: str, prefix: str = "newsdesk:analytics") -> None:
        self.redis = redis.Redis.from_url(url)
        self.prefix = prefix

    def _hour_key(self, locale_id: int, hour: datetime, section_id: int | None = None) -> str:
        scope = f"{locale_id}" if section_id is None else f"{locale_id}:s{section_id}"
        return f"{self.prefix}:h:{scope}:{hour:%Y%m%d%H}"

    def _day_key(self, locale_id: int, day: date, section_id: int | None = None) -> str:
        scope = f"{locale_id}" if section_id is None else f"{locale_id}:s{section_id}"
        return f"{self.prefix}:d:{scope}:{day:%Y%m%d}"

    def _drops_key(self, day: date) -> str:
        return f"{self.prefix}:drops:{day:%Y%m%d}"

    def add_view(self, view: View) -> None:
        self.add_views([view])

    def add_views(self, views: Iterable[View]) -> None:
        # One round trip per thousand views.
        pipe = self.redis.pipeline(transaction=False)
        for n, view in enumerate(views, start=1):
            self._increment(pipe, view)
            if n % 1000 == 0:
                pipe.execute()
        pipe.execute()

    def _increment(self, pipe: Any, view: View) -> None:
        hour, day = hour_of(view.at), day_of(view.at)
        hourly_ttl = int(HOURLY_KEEP.total_seconds())
        daily_ttl = int(DAILY_KEEP.total_seconds())
        for key, ttl in (
            (self._hour_key(view.locale_id, hour), hourly_ttl),
            (self._hour_key(view.locale_id, hour, view.section_id), hourly_ttl),
            (self._day_key(view.locale_id, day), daily_ttl),
            (self._day_key(view.locale_id, day, view.section_id), daily_ttl),
        ):
            pipe.zincrby(key, view.count, view.page_id)
            # NX: set once, when the bucket is made; later views do not extend it.
            pipe.expire(key, ttl, nx=True)

    def flush(self) -> None:
        """Nothing is buffered: every increment goes to Redis at once."""

    def add_drop(self, reason: str, at: datetime, count: int = 1) -> None:
        key = self._drops_key(day_of(at))
        pipe = self.redis.pipeline(transaction=False)
        pipe.hincrby(key, reason, count)
        pipe.expire(key, int(DROPS_KEEP.total_seconds()), nx=True)
        pipe.execute()

    def top(
        self,
        window: Window,
        locale_id: int,
        now: datetime,
        section_id: int | None = None,
        limit: int = 20,
    ) -> list[tuple[int, int]]:
        if window is Window.DAY:
            keys = [self._hour_key(locale_id, h, section_id) for h in hours_of_day_window(now)]
        else:
            keys = [self._day_key(locale_id, d, section_id) for d in days_of(window, now)]
        merged = f"{self.prefix}:tmp:{uuid.uuid4().hex}"
        pipe = self.redis.pipeline(transaction=False)
        pipe.zunionstore(merged, keys)
        # A few more than asked for, so that ties at the cut are broken by page id below.
        pipe.zrevrange(merged, 0, limit * 2 - 1, withscores=True)
        pipe.delete(merged)
        _stored, members, _deleted = pipe.execute()
        return _ranked({int(member): int(score) for member, score in members}, limit)

    def views_of(
        self, window: Window, locale_id: int, now: datetime, page_ids: list[int]
    ) -> dict[int, int]:
        if not page_ids:
            return {}
        if window is Window.DAY:
            keys = [self._hour_key(locale_id, h) for h in hours_of_day_window(now)]
        else:
            keys = [self._day_key(locale_id, d) for d in days_of(window, now)]
        merged = f"{self.prefix}:tmp:{uuid.uuid4().hex}"
        pipe = self.redis.pipeline(transaction=False)
        pipe.zunionstore(merged, keys)
        pipe.zmscore(merged, [str(pk) for pk in page_ids])
        pipe.delete(merged)
        _stored, scores, _deleted = pipe.execute()
        return {pk: int(score) for pk, score in zip(page_ids, scores, strict=True) if score}

    def daily(self, page_id: int, locale_id: int, days: list[date]) -> dict[date, int]:
        pipe = self.redis.pipeline(transaction=False)
        for day in days:
            pipe.zscore(self._day_key(locale_id, day), page_id)
        return {day: int(score or 0) for day, score in zip(days, pipe.execute(), strict=True)}

    def drops(self, days: list[date]) -> dict[str, int]:
        pipe = self.redis.pipeline(transaction=False)
        for day in days:
            pipe.hgetall(self._drops_key(day))
        totals: Counter[str] = Counter()
        for counts in pipe.execute():
            for reason, count in counts.items():
                totals[reason.decode()] += int(count)
        return dict(totals)

    def clear(self) -> None:
        keys = list(self.redis.scan_iter(match=f"{self.prefix}:*", count=1000))
        if keys:
            self.redis.delete(*keys)


# The active store ---------------------------------------------------------------------

_active: ViewStore | None = None
_active_lock = threading.Lock()


def build_store() -> ViewStore:
    config = settings.NEWSDESK_ANALYTICS
    if config["REDIS_URL"]:
        return RedisStore(config["REDIS_URL"], prefix=config["REDIS_PREFIX"])
    store = DatabaseStore(batch_size=config["BATCH_SIZE"], flush_seconds=config["FLUSH_SECONDS"])
    if config["BACKGROUND"]:
        store.start_background_flush()
    return store


def get_store() -> ViewStore:
    global _active
    if _active is None:
        with _active_lock:
            if _active is None:
                _active = build_store()
    return _active


def use_store(store: ViewStore | None) -> ViewStore | None:
    """Make `store` the active one (None: build from the settings next time); returns the
    one it replaces. For tests that run the same checks against each store."""
    global _active
    previous, _active = _active, store
    return previous


def flush_active() -> None:
    if _active is not None:
        try:
            _active.flush()
        except Exception:
            logger.exception("Could not write the buffered view counts on shutdown.")
