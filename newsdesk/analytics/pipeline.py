"""The ingest pipeline: named steps that each keep a view event or drop it with a reason.

    validate -> prefetch -> bot | rate_limit -> dedupe -> counted

Every drop is counted by reason (shown to editors in the report). Input that is not a
beacon at all (too large, not JSON, no page id) is also answered with a 4xx problem.

The steps before the bar need nothing outside this process (the live pages are
remembered for a minute) and run while the request waits, so that a bad request still
gets its 4xx. The rest talk to the cache (Redis, in production) and the store: they run
off the hot path, in a thread of this process fed by a queue (`submit`), unless the
settings turn that off (tests), in which case they run at once.
"""

from __future__ import annotations

import atexit
import json
import logging
import multiprocessing.util
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import lru_cache

from crawleruseragents import is_crawler
from django.conf import settings
from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage

from . import visitors
from .stores import View, ViewStore, flush_active, get_store
from .windows import day_of, seconds_until_tomorrow

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 512
RATE_LIMIT_PER_MINUTE = 30
PAGE_MEMO_SECONDS = 60
PAGE_MEMO_SIZE = 10_000


class Reason(StrEnum):
    TOO_LARGE = "too_large"
    MALFORMED = "malformed"
    UNKNOWN_PAGE = "unknown_page"
    PREFETCH = "prefetch"
    BOT = "bot"
    RATE_LIMITED = "rate_limited"
    DUPLICATE = "duplicate"

    @property
    def label(self) -> Promise:
        return REASON_LABELS[self]


REASON_LABELS: dict[Reason, Promise] = {
    Reason.TOO_LARGE: _("Body too large"),
    Reason.MALFORMED: _("Malformed request"),
    Reason.UNKNOWN_PAGE: _("Not a live article"),
    Reason.PREFETCH: _("Prefetch or prerender"),
    Reason.BOT: _("Bot or crawler"),
    Reason.RATE_LIMITED: _("Too many from one client"),
    Reason.DUPLICATE: _("Repeat view the same day"),
}


class Dropped(Exception):
    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.value)
        self.reason = reason


class Rejected(Dropped):
    """Dropped, and the sender is told why: the request was not a beacon."""

    def __init__(self, reason: Reason, status: int, detail: str) -> None:
        super().__init__(reason)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Target:
    """The live article a view is for, and where it is counted."""

    page_id: int
    locale_id: int
    section_id: int


@dataclass
class Event:
    at: datetime
    ip: str
    user_agent: str
    purpose: str  # Sec-Purpose / Purpose / X-Purpose / X-Moz headers, joined
    body: bytes | None = None  # a beacon's JSON body
    page_param: str | None = None  # the no-JS pixel's ?page=
    target: Target | None = field(default=None, init=False)


@dataclass(frozen=True)
class Outcome:
    counted: bool
    reason: Reason | None = None


# validate -------------------------------------------------------------------------------


def validate(event: Event) -> None:
    page_id = _page_id(event)
    target = live_article(page_id)
    if target is None:
        raise Dropped(Reason.UNKNOWN_PAGE)
    event.target = target


def _page_id(event: Event) -> int:
    raw: object = event.page_param
    if event.body is not None:
        if len(event.body) > MAX_BODY_BYTES:
            raise Rejected(Reason.TOO_LARGE, 413, f"A beacon is at most {MAX_BODY_BYTES} bytes.")
        try:
            data = json.loads(event.body)
        except (ValueError, UnicodeDecodeError):
            raise Rejected(Reason.MALFORMED, 400, "The body must be JSON.") from None
        raw = data.get("page") if isinstance(data, dict) else None
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) < 12:
        raw = int(raw)
    if not isinstance(raw, int) or isinstance(raw, bool) or not 0 < raw < 2**31:
        raise Rejected(Reason.MALFORMED, 400, 'Send {"page": <the article\'s id>}.')
    return raw


_memo: dict[int, tuple[float, Target | None]] = {}
_memo_lock = threading.Lock()


def live_article(page_id: int) -> Target | None:
    """The live article with this id, remembered by this process for a minute (a page
    unpublished meanwhile is still left out of the lists when they are read)."""
    now = time.monotonic()
    remembered = _memo.get(page_id)
    if remembered is not None and remembered[0] > now:
        return remembered[1]
    target = _find_live_article(page_id)
    with _memo_lock:
        if len(_memo) >= PAGE_MEMO_SIZE:
            _memo.clear()
        _memo[page_id] = (now + PAGE_MEMO_SECONDS, target)
    return target


def forget_pages() -> None:
    with _memo_lock:
        _memo.clear()


def _find_live_article(page_id: int) -> Target | None:
    visible = ArticlePage.objects.visible().filter(pk=page_id)
    row = visible.values_list("locale_id", "path").first()
    if row is None:
        return None
    locale_id, path = row
    parent_path = path[: -ArticlePage.steplen]
    section_id = Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()
    return Target(page_id=page_id, locale_id=locale_id, section_id=section_id or 0)


# prefetch ---------------------------------------------------------------------------------


def drop_prefetches(event: Event) -> None:
    # Chromium sends "Sec-Purpose: prefetch" (";prerender" for prerendering), older
    # browsers "Purpose: prefetch", Safari "X-Purpose: preview", Firefox "X-Moz: prefetch".
    purpose = event.purpose.lower()
    if "prefetch" in purpose or "prerender" in purpose or "preview" in purpose:
        raise Dropped(Reason.PREFETCH)


# bot ---------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def is_bot(user_agent: str) -> bool:
    # The crawler-user-agents list (MIT, maintained at monperrus/crawler-user-agents);
    # a missing user agent is a script, not a reader's browser.
    return not user_agent.strip() or is_crawler(user_agent)


def drop_bots(event: Event) -> None:
    if is_bot(event.user_agent):
        raise Dropped(Reason.BOT)


# rate limit -------------------------------------------------------------------------------


class RateLimiter:
    """Counts events per client and minute in the shared cache (Redis in production, the
    file cache on one machine), so the limit holds for the site, not for each worker
    process: a client spread over several workers still gets `limit` a minute through.

    The count is `add` then `incr` on a key named by the minute: on Redis both are single
    atomic commands. The step runs off the hot path (see the module's docstring), next to
    dedupe's own round trip, so the shared count costs readers nothing. (The file cache's
    `incr` is a read and a write: two beacons from one client in the same instant may be
    counted once, a bounded leak on a single machine.)"""

    KEY = "analytics:rate:{minute}:{client}"
    # The minute itself and a little more: a late event of the minute still finds it.
    SECONDS = 2 * 60

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def allow(self, client: str, minute: int) -> bool:
        return self.count(client, minute) <= self.limit

    def count(self, client: str, minute: int) -> int:
        """Counts one more event of `client` in `minute`; the number so far, this one included."""
        key = self.KEY.format(minute=minute, client=client)
        cache.add(key, 0, self.SECONDS)  # starts the minute's count; a no-op once started
        try:
            return cache.incr(key)
        except ValueError:  # evicted between add and incr: this event starts it again
            cache.add(key, 1, self.SECONDS)
            return 1


rate_limiter = RateLimiter(RATE_LIMIT_PER_MINUTE)


def limit_rate(event: Event) -> None:
    client = visitors.client_id(event.ip, day_of(event.at))
    if not rate_limiter.allow(client, int(event.at.timestamp()) // 60):
        raise Dropped(Reason.RATE_LIMITED)


# dedupe -------------------------------------------------------------------------------------


def dedupe(event: Event) -> None:
    assert event.target is not None  # validate ran first
    day = day_of(event.at)
    visitor = visitors.visitor_id(event.ip, event.user_agent, day)
    key = f"analytics:seen:{day.isoformat()}:{event.target.page_id}:{visitor}"
    # The key lives until tomorrow: from then on the same reader counts again.
    if not cache.add(key, 1, seconds_until_tomorrow(event.at) + 60):
        raise Dropped(Reason.DUPLICATE)


STEPS: list[tuple[str, Callable[[Event], None]]] = [
    ("validate", validate),
    ("prefetch", drop_prefetches),
    ("bot", drop_bots),
    ("rate_limit", limit_rate),
    ("dedupe", dedupe),
]


# The steps that run while the request waits (see the module's docstring).
AT_ONCE = 3


def _run(
    steps: list[tuple[str, Callable[[Event], None]]], event: Event, store: ViewStore
) -> Outcome:
    try:
        for _name, step in steps:
            step(event)
    except Dropped as drop:
        store.add_drop(drop.reason.value, event.at)
        if isinstance(drop, Rejected):
            raise
        return Outcome(counted=False, reason=drop.reason)
    return Outcome(counted=True)


def _finish(event: Event, store: ViewStore) -> Outcome:
    outcome = _run(STEPS[AT_ONCE:], event, store)
    if outcome.counted:
        target = event.target
        assert target is not None
        store.add_view(View(target.page_id, target.locale_id, target.section_id, event.at))
    return outcome


def ingest(event: Event, store: ViewStore) -> Outcome:
    """Run every step now; count the view or the reason it was dropped. Raises Rejected
    (after counting it) when the request was not a beacon, for the view to answer 4xx."""
    outcome = _run(STEPS[:AT_ONCE], event, store)
    return _finish(event, store) if outcome.counted else outcome


# Off the hot path ----------------------------------------------------------------------------

QUEUE_SIZE = 50_000
_queue: queue.Queue[Event] = queue.Queue(maxsize=QUEUE_SIZE)
_worker: threading.Thread | None = None
_worker_lock = threading.Lock()


def submit(event: Event) -> None:
    """Check the event now, finish it in the background. Raises Rejected like ingest()."""
    store = get_store()
    if not settings.NEWSDESK_ANALYTICS["BACKGROUND"]:
        ingest(event, store)
        return
    if not _run(STEPS[:AT_ONCE], event, store).counted:
        return
    _ensure_worker()
    try:
        _queue.put_nowait(event)
    except queue.Full:  # the worker is behind: this request pays for its own event
        _finish(event, store)


def _ensure_worker() -> None:
    global _worker
    if _worker is None or not _worker.is_alive():
        with _worker_lock:
            if _worker is None or not _worker.is_alive():
                _worker = threading.Thread(target=_work, name="analytics-ingest", daemon=True)
                _worker.start()


def _work() -> None:
    while True:
        event = _queue.get()
        try:
            _finish(event, get_store())
        except Exception:
            logger.exception("Could not count a view.")
        finally:
            _queue.task_done()


def wait_until_idle() -> None:
    """Until every queued event is finished (tests, benchmarks)."""
    _queue.join()


def drain() -> None:
    """Finish every queued event in this thread (on shutdown)."""
    while True:
        try:
            event = _queue.get_nowait()
        except queue.Empty:
            return
        try:
            _finish(event, get_store())
        finally:
            _queue.task_done()


def shutdown() -> None:
    try:
        drain()
    except Exception:
        logger.exception("Could not count the queued views on shutdown.")
    flush_active()


def flush_on_exit() -> None:
    """Count the queued events and write the buffered counts when the process stops cleanly.

    `atexit` covers a plain process (runserver, a management command, a spawned worker).
    granian forks its workers through multiprocessing, whose children end with os._exit
    and skip atexit; multiprocessing runs its own finalizers first, so the flush is
    registered there too. A killed process (SIGKILL) loses what it held: at most a few
    seconds of views."""
    atexit.register(shutdown)
    multiprocessing.util.Finalize(None, shutdown, exitpriority=10)
