"""The ingest pipeline: named steps that each keep a view event or drop it with a reason.

    validate -> prefetch -> bot -> rate_limit -> dedupe -> counted

Every drop is counted by reason (shown to editors in the report). Input that is not a
beacon at all (too large, not JSON, no page id) is also answered with a 4xx problem.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import lru_cache

from crawleruseragents import is_crawler
from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage

from . import visitors
from .stores import View, ViewStore
from .windows import day_of, seconds_until_tomorrow

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
    row = ArticlePage.objects.live().filter(pk=page_id).values_list("locale_id", "path").first()
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


def limit_rate(event: Event) -> None:
    client = visitors.client_id(event.ip, day_of(event.at))
    key = f"analytics:rate:{client}:{int(event.at.timestamp()) // 60}"
    cache.add(key, 0, 120)
    try:
        seen = cache.incr(key)
    except ValueError:  # expired between add and incr
        seen = 1
    if seen > RATE_LIMIT_PER_MINUTE:
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


def ingest(event: Event, store: ViewStore) -> Outcome:
    """Run the steps; count the view or the reason it was dropped. Raises Rejected (after
    counting it) when the request was not a beacon, for the view to answer 4xx."""
    try:
        for _name, step in STEPS:
            step(event)
    except Dropped as drop:
        store.add_drop(drop.reason.value, event.at)
        if isinstance(drop, Rejected):
            raise
        return Outcome(counted=False, reason=drop.reason)
    target = event.target
    assert target is not None
    store.add_view(View(target.page_id, target.locale_id, target.section_id, event.at))
    return Outcome(counted=True)
