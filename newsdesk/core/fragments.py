"""Rendered parts of pages, kept until something they show changes.

Most of a news page changes only when an editor publishes: an article's text, its byline,
its related stories, the home page's lists. Rendering them costs a dozen queries and
hundreds of template nodes, so each such part is rendered once and kept as HTML.

Precise invalidation works with tags. While a fragment renders, the code that reads
content says what it shows (`shows("page:42", "articles")`), and the fragment is stored
with the *version* each of those tags had then. A fragment is served only while every
one of its tags still has that version; `invalidate("page:42")` (called when page 42 is
published, unpublished, moved or deleted) gives the tag a new version, so exactly the
fragments that showed page 42 are rendered again, by their next reader.

Two stores, on purpose:
- tag versions live in the shared cache (`default`: Redis, or files on one machine), so
  an invalidation made by one process is seen by every other process at once;
- fragments live in each process's memory (`fragments`), which is fastest to read and
  safe because a fragment is always checked against the shared versions before use.

Whether anything changed at all is one version too (CHANGES, given a new version by every
invalidation): while it is unchanged, a kept fragment is used without reading its tags.
With Redis, processes hear of changes on a channel instead of reading it (changewatch.py).

Previews never read or write fragments: they show a draft, not what readers see.
"""

from __future__ import annotations

import contextvars
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.core.cache import caches
from django.dispatch import Signal
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from newsdesk.core import changewatch, dbrouters

if TYPE_CHECKING:
    from wagtail.models import Page

T = TypeVar("T")

TAG_KEY = "newsdesk:tag:v1:{}"
# Shown by every fragment: for what may change any page (a site's settings or root, view
# restrictions, a move of a subtree too large to name page by page; see relocation.py).
STRUCTURE = "structure"
# Given a new version by every invalidation, whatever it names: one read of it tells a
# reader whether anything at all changed since it last checked a page's tags.
CHANGES = "changes"
# A tag's version is kept a long time; if it is evicted anyway, fragments that used it
# no longer match and are rendered again: eviction costs speed, never correctness.
TAG_SECONDS = 60 * 60 * 24 * 30
# An upper bound on how long anything a tag does not cover (a renamed image, a changed
# translation) can stay on a page.
FRAGMENT_SECONDS = 60 * 60


# Tags that every publication of a kind changes (`articles:latest`, `addresses`). Only
# what lists everything new may show one: search results, feeds, sitemaps, the API's
# lists. A part of a page that showed one would be made again, and purged from the caches
# in front, on every publication; shows() refuses them unless told `list_wide=True`.
_LIST_WIDE: set[str] = set()


class ListWideTag(ValueError):
    """A list-wide tag shown by code that did not say it lists everything new."""


def list_wide_tag(tag: str) -> str:
    """Declare `tag` list-wide (see _LIST_WIDE); returns it, for the module's constant."""
    _LIST_WIDE.add(tag)
    return tag


@dataclass
class Recording:
    versions: dict[str, str] = field(default_factory=dict)
    expires_at: datetime | None = None
    # CHANGES when the recording began, read from the shared cache (not the channel,
    # which may lag): its stamp is when the last invalidation before it was made.
    began: str | None = None

    def unchanged(self) -> bool:
        """Whether nothing this shows was invalidated while it was being made.

        A value made across a change may hold rows read before the change's commit with
        tag versions read after its last invalidation (a query run before `shows()`, or
        a render that ends after the commit): kept, it would pass as current. Such a value
        is used once, by the request that made it, and not kept (nor by caches in front).

        Every change invalidates its tags again after its commit (0017), and a version
        carries the stamp of the invalidation that gave it (CHANGES gets the same stamp
        in the same call). So a value made across a change finds one of its own tags
        stamped later than CHANGES was when it began, or changed since it showed it.
        Only its own tags count: a change to anything else on the site does not stop it
        being kept (decision 0019, amended)."""
        if self.began is None or not self.versions:
            return True
        found = caches["default"].get_many([TAG_KEY.format(tag) for tag in self.versions])
        before = _stamp(self.began)
        for tag, shown in self.versions.items():
            now = found.get(TAG_KEY.format(tag))
            if now != shown or now is None or _stamp(now) > before:
                return False
        return True


@dataclass(frozen=True)
class _Stored:
    versions: dict[str, str]
    # For a kept value, when it is dropped: what contains it must not outlive it.
    expires_at: datetime | None
    value: Any


# Sent with `tags=` after tags got new versions: caches outside this process (a CDN, a
# cache server) purge what carries those tags (see core.purging).
invalidated = Signal()

_changes_reading: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "newsdesk_changes_reading", default=None
)
_recording: contextvars.ContextVar[tuple[Recording, ...]] = contextvars.ContextVar(
    "newsdesk_fragment_recording", default=()
)


def shows(*tags: str, list_wide: bool = False) -> None:
    """Record that what is being rendered shows the objects named by `tags`.

    Call it before reading the content the tags cover: the versions are read now, so a
    change made while the fragment renders makes it stale instead of being missed.
    `list_wide=True` says that this lists everything new, and may show list-wide tags."""
    refused = set() if list_wide else _LIST_WIDE.intersection(tags)
    if refused:
        raise ListWideTag(
            f"{', '.join(sorted(refused))} changes with every publication: only search, "
            "feeds, sitemaps and the API's lists show it, with shows(..., list_wide=True)."
        )
    stack = _recording.get()
    if not stack or not tags:
        return
    versions = current_versions(tags)
    for recording in stack:
        recording.versions.update(versions)


def expires(at: datetime) -> None:
    """Record that what is being rendered changes by itself at `at` (e.g. an expiry)."""
    for recording in _recording.get():
        if recording.expires_at is None or at < recording.expires_at:
            recording.expires_at = at


def invalidate(*tags: str, outside: bool = True) -> None:
    """Give `tags` new versions; with `outside`, caches in front purge what carries them.

    `outside=False` is for tags that only parts kept in the app show, on pages that also
    show a tag purged outside on the same change (search rankings: see search.backends)."""
    if tags:
        # One stamp for the tags and CHANGES: see Recording.unchanged.
        stamp = _next_stamp()
        versions = {TAG_KEY.format(tag): _new_version(stamp) for tag in tags}
        # Last, so that a reader who sees the new CHANGES version sees the tags' too.
        versions[TAG_KEY.format(CHANGES)] = _new_version(stamp)
        caches["default"].set_many(versions, TAG_SECONDS)
        changewatch.publish(TAG_KEY.format(CHANGES))
        # Parts rendered anew in the next moments must not come from a lagging replica.
        dbrouters.pause_replicas()
        if outside:
            invalidated.send(sender=None, tags=frozenset(tags))


@contextmanager
def recording() -> Iterator[Recording]:
    """Everything shown while the block runs, kept fragments included (a whole page's tags).

    The result's `versions` holds each tag with the version it had when first shown, and
    `expires_at` the earliest moment something shown changes by itself."""
    with _recorder() as found:
        yield found


def still_current(versions: dict[str, str]) -> bool:
    """Whether every tag still has the version recorded (one read of the shared cache)."""
    return _still_current(_Stored(versions, None, None))


def changes() -> str:
    """The version of CHANGES: it differs from any earlier reading once anything changed."""
    return _changes_reading.get() or _changes_now()


@contextmanager
def changes_read_once() -> Iterator[None]:
    """CHANGES is read once for everything the block renders (one page): the page is then
    as current as at its start, never older.

    Read from the shared cache, not heard on the channel: a message reaches other
    processes a moment after the change (seconds on a saturated machine), and parts
    trusted on the channel's word in that moment were mixed with parts made anew into
    pages showing an author's old and new names (bench/staleness.py, decision 0019).
    The channel still spares the fast path's hits their round trip."""
    token = _changes_reading.set(current_versions([CHANGES])[CHANGES])
    try:
        yield
    finally:
        _changes_reading.reset(token)


def _changes_now() -> str:
    # Heard on the channel when there is one, else read: either differs after any change.
    return changewatch.version(TAG_KEY.format(CHANGES)) or current_versions([CHANGES])[CHANGES]


def current_versions(tags: Iterable[str]) -> dict[str, str]:
    shared = caches["default"]
    keys = {TAG_KEY.format(tag): tag for tag in tags}
    found = shared.get_many(list(keys))
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            # add, not set: another process may be giving the same tag a version now.
            # A tag seen for the first time (or evicted) was changed by nobody: stamp 0.
            # CHANGES (rarely evicted) is stamped now, so that no tag stamped before
            # passes as changed after it.
            first = _new_version(_next_stamp()) if key == TAG_KEY.format(CHANGES) else None
            shared.add(key, first or _new_version(0), TAG_SECONDS)
        found.update(shared.get_many(missing))
    return {keys[key]: version for key, version in found.items()}


def key_for(page: Page, part: str) -> str:
    """A name for one part of one published version of a page, in the active language."""
    version = page.last_published_at.timestamp() if page.last_published_at else 0
    return f"{part}:{page.pk}:{translation.get_language()}:{version}"


def cached(request: HttpRequest | None, key: str, render: Callable[[], str]) -> SafeString:
    """The fragment `key`, rendered by `render` unless a current copy is kept."""
    if request is None or getattr(request, "is_preview", False):
        return mark_safe(render())
    return get_or_render(f"newsdesk:fragment:v1:{key}", render)


def get_or_render(key: str, render: Callable[[], str]) -> SafeString:
    return mark_safe(kept(key, render))


def kept(key: str, produce: Callable[[], T]) -> T:
    """The value kept under `key` while what it shows is unchanged, else `produce()`'s.

    Any picklable value works (HTML, a page object); each use gets its own copy."""
    return _kept(key, produce, shows_structure=True)


def _kept(key: str, produce: Callable[[], T], *, shows_structure: bool) -> T:
    local = caches["fragments"]
    stored: _Stored | None = local.get(key)
    if stored is not None and _current(key, stored):
        _pass_on(stored.versions, stored.expires_at)
        return stored.value
    with _recorder(shows_structure=shows_structure) as recording:
        value = produce()
    timeout = _timeout_for(recording)
    if timeout > 0 and recording.unchanged():
        # Kept at most `timeout`: a page (or a part) made with it, now or from memory
        # later, lives no longer than it (nor than what it shows that ends by itself).
        ends = _ends(recording)
        expires(ends)
        local.set(key, _Stored(recording.versions, ends, value), timeout)
    return value


def remembered(key: str, produce: Callable[[], T]) -> T:
    """Like kept(), for what serving a page needs but the page does not show: which site
    answers a host, whether any page is restricted. The value depends only on what
    `produce` shows (not on STRUCTURE), and that is not passed on to the page being
    rendered: a change to it produces the value again, and purges no page."""
    token = _recording.set(())
    try:
        return _kept(key, produce, shows_structure=False)
    finally:
        _recording.reset(token)


class shown_property(Generic[T]):
    """Like @cached_property, for a value whose computation calls shows()/expires().

    A cached_property records what it shows only into the fragment being rendered when it
    is first read; a later fragment reading the cached value would not know that it shows
    the same objects. This one remembers what the value shows and records it on every read.
    """

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]
        known: dict[str, _Stored] = instance.__dict__.setdefault("_newsdesk_shown", {})
        if self.name not in known:
            with _recorder() as recording:
                value = self.func(instance)
            known[self.name] = _Stored(recording.versions, recording.expires_at, value)
        stored = known[self.name]
        _pass_on(stored.versions, stored.expires_at)
        return stored.value


def _pass_on(versions: dict[str, str], expires_at: datetime | None) -> None:
    """A stored fragment inside one being rendered: the outer one shows what it shows."""
    for recording in _recording.get():
        recording.versions.update(versions)
    if expires_at is not None:
        expires(expires_at)


# Per process: for a kept value, the CHANGES version at which its tags were last found
# current. While CHANGES keeps that version nothing was invalidated anywhere, so the
# value is still current without reading each of its tags again.
_checked: dict[str, tuple[str, dict[str, str]]] = {}
_CHECKED_LIMIT = 20_000


def _current(key: str, stored: _Stored) -> bool:
    seen = changes()
    checked = _checked.get(key)
    # The versions too: the kept value may have been replaced since it was checked.
    if checked is not None and checked[0] == seen and checked[1] == stored.versions:
        return True
    # Read after CHANGES: a change made in between makes the next reading differ.
    if not _still_current(stored):
        return False
    if len(_checked) >= _CHECKED_LIMIT:
        _checked.clear()
    _checked[key] = (seen, stored.versions)
    return True


def _still_current(stored: _Stored) -> bool:
    if not stored.versions:
        return True
    shared = caches["default"]
    keys = [TAG_KEY.format(tag) for tag in stored.versions]
    found = shared.get_many(keys)
    return all(
        found.get(key) == version
        for key, version in zip(keys, stored.versions.values(), strict=True)
    )


@contextmanager
def _recorder(*, shows_structure: bool = True) -> Iterator[Recording]:
    versions = current_versions([STRUCTURE, CHANGES])
    began = versions.pop(CHANGES)
    recording = Recording(versions=versions if shows_structure else {}, began=began)
    token = _recording.set((*_recording.get(), recording))
    try:
        # shows() and expires() record into every open recording: an outer fragment
        # depends on everything its inner fragments show.
        yield recording
    finally:
        _recording.reset(token)


def _timeout_for(recording: Recording) -> int:
    return int((_ends(recording) - timezone.now()).total_seconds())


def _ends(recording: Recording) -> datetime:
    """When a value made in `recording` must be made again: at FRAGMENT_SECONDS, or
    sooner when something it shows ends by itself."""
    bound = timezone.now() + timedelta(seconds=FRAGMENT_SECONDS)
    if recording.expires_at is None:
        return bound
    return min(bound, recording.expires_at)


_last_stamp = 0
_stamp_lock = threading.Lock()


def _next_stamp() -> int:
    """Microseconds since the epoch, rising in this process even within one microsecond.

    Stamps from different servers are compared too: their clocks are assumed to agree
    (NTP keeps them within milliseconds), closer than two changes an editor can make."""
    global _last_stamp
    with _stamp_lock:
        _last_stamp = max(time.time_ns() // 1000, _last_stamp + 1)
        return _last_stamp


def _new_version(stamp: int) -> str:
    """A unique version that carries the stamp of the invalidation that gave it."""
    return f"{stamp:x}.{secrets.token_hex(4)}"


def _stamp(version: str) -> int:
    stamp, _sep, _rest = version.partition(".")
    try:
        return int(stamp, 16)
    except ValueError:  # a version from before versions carried a stamp: a change now
        return time.time_ns() // 1000
