"""Each process learns of invalidations without reading the shared cache for each page.

Every invalidation gives the `changes` tag a new version (fragments.invalidate), so a
reader that compares it with the version it last saw knows whether anything at all
changed, and checks a page's own tags only then. Reading `changes` from Redis costs a
network round trip per page: on a page-cache hit answered from memory that round trip is
most of the cost. With Redis, invalidate() also publishes on a channel, and every process
follows it with one thread that keeps a version of its own: a new random token for each
message heard. Reading that version costs nothing.

What keeps it exact:
- The version changes when the subscription is confirmed, and again at every
  confirmation after a reconnection: whatever was published while the process was not
  listening makes every reader check its tags once more.
- The process that invalidates changes its own version at once: its own next request
  must not wait for its message to come back.
- A silent connection cannot freeze the version: the thread pings every second, and
  when nothing has been heard for QUIET_SECONDS, `version()` answers None and readers
  read `changes` from Redis again, as without a channel, until the channel is heard again.

The embedded file cache has no channel; there, FileWatch reads the raw bytes of the
`changes` tag's file, which every invalidation writes anew (a quarter of a cache read).
NEWSDESK_WATCH_CHANGES = False turns both off: readers then read `changes` as a cache key.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time

import redis
from django.conf import settings
from django.core.cache import caches

log = logging.getLogger(__name__)

PING_SECONDS = 1.0
QUIET_SECONDS = 3.0
RETRY_SECONDS = 1.0
# How the subscriptions show in Redis's CLIENT LIST (with the process id and a number).
CLIENT_NAME = "newsdesk-changes"
_REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"


class Watch:
    """Follows one channel from a daemon thread, started on first use."""

    def __init__(
        self,
        url: str,
        channel: str,
        *,
        ping_seconds: float = PING_SECONDS,
        quiet_seconds: float = QUIET_SECONDS,
    ) -> None:
        self.url = url
        self.channel = channel
        self.ping_seconds = ping_seconds
        self.quiet_seconds = quiet_seconds
        self.client_name = f"{CLIENT_NAME}-{os.getpid()}-{secrets.token_hex(3)}"
        self._version = secrets.token_hex(8)
        self._heard_at = float("-inf")
        self._subscribed = False
        self._started = False
        self._start_lock = threading.Lock()
        self._stopping = threading.Event()
        self._publisher: redis.Redis | None = None

    def version(self) -> str | None:
        """A token that changes with every invalidation anywhere; None while not heard."""
        if not self._started:
            self._start()
        if self._subscribed and time.monotonic() - self._heard_at < self.quiet_seconds:
            return self._version
        return None

    def publish(self) -> None:
        """Tell every process that something changed; this one knows at once."""
        self._bump()
        if self._publisher is None:
            self._publisher = redis.Redis.from_url(self.url)
        self._publisher.publish(self.channel, b"1")

    def stop(self) -> None:
        """Stop listening (within ping_seconds); version() answers None from now on."""
        self._stopping.set()
        self._subscribed = False

    def _bump(self) -> None:
        self._version = secrets.token_hex(8)

    def _start(self) -> None:
        with self._start_lock:
            if self._started:
                return
            thread = threading.Thread(target=self._follow, name="newsdesk-changes", daemon=True)
            thread.start()
            self._started = True

    def _follow(self) -> None:
        while not self._stopping.is_set():
            try:
                self._listen()
            except (redis.RedisError, OSError) as error:
                log.warning("changes channel lost, reading changes from Redis: %s", error)
            self._subscribed = False
            self._stopping.wait(RETRY_SECONDS)

    def _listen(self) -> None:
        client = redis.Redis.from_url(
            self.url,
            socket_connect_timeout=self.quiet_seconds,
            socket_timeout=self.quiet_seconds,
            client_name=self.client_name,
        )
        with client.pubsub() as pubsub:
            pubsub.subscribe(self.channel)
            pinged_at = time.monotonic()
            while not self._stopping.is_set():
                if time.monotonic() - pinged_at >= self.ping_seconds:
                    pubsub.ping()
                    pinged_at = time.monotonic()
                message = pubsub.get_message(timeout=self.ping_seconds)
                if message is not None and not self._stopping.is_set():
                    self._hear(message["type"])

    def _hear(self, kind: str) -> None:
        if kind in ("subscribe", "message"):
            # Heard after subscribing: anything published before it is covered by the
            # new version, anything after it arrives as a message.
            self._bump()
            self._subscribed = True
        self._heard_at = time.monotonic()


class FileWatch:
    """For the embedded file cache: every invalidation writes the `changes` tag's file
    anew, with a new random version in it. Reading its raw bytes (no unpickling, no
    decompression, no expiry check) tells whether it changed for a fraction of what a
    cache read costs. Not the file's inode and time: a freed inode is soon reused, and
    a file system's clock can give two writes the same time."""

    def __init__(self, path: str) -> None:
        self.path = path

    def version(self) -> str | None:
        try:
            with open(self.path, "rb") as found:
                return found.read().hex()
        except OSError:
            return None  # not written yet, or culled: read it (which writes it anew)

    def publish(self) -> None:
        """Nothing to send: the write of the tag's file is what others see."""


# Django's file cache and ours (newsdesk.core.filecache: the same files).
_FILE_BACKENDS = (
    "django.core.cache.backends.filebased.FileBasedCache",
    "newsdesk.core.filecache.FileCache",
)

_watch: Watch | FileWatch | None = None
_watched: tuple[str, str] | None = None
_watch_lock = threading.Lock()


def version(changes_key: str) -> str | None:
    """This process's version of `changes`, whose key in the shared cache is
    `changes_key`: None when it must be read instead (see the module and FileWatch)."""
    found = watch(changes_key)
    return found.version() if found is not None else None


def publish(changes_key: str) -> None:
    found = watch(changes_key)
    if found is not None:
        found.publish()


def watch(changes_key: str) -> Watch | FileWatch | None:
    """This process's watch of the shared cache; None when it has none."""
    global _watch, _watched
    shared = settings.CACHES["default"]
    if not settings.NEWSDESK_WATCH_CHANGES:
        return None
    watched = (shared["BACKEND"], str(shared.get("LOCATION")))
    if _watched != watched:
        with _watch_lock:
            if _watched != watched:
                if isinstance(_watch, Watch):
                    _watch.stop()
                _watch = _new_watch(shared["BACKEND"], changes_key)
                _watched = watched
    return _watch


def _new_watch(backend: str, changes_key: str) -> Watch | FileWatch | None:
    if backend == _REDIS_BACKEND:
        return Watch(_redis_url(), _channel_name())
    if backend in _FILE_BACKENDS:
        shared = caches["default"]
        return FileWatch(shared._key_to_file(changes_key))  # type: ignore[attr-defined]
    return None


def _redis_url() -> str:
    location = settings.CACHES["default"]["LOCATION"]
    return location[0] if isinstance(location, list | tuple) else str(location)


def _channel_name() -> str:
    # Channels are server-wide, not per database: the name carries database and prefix.
    db = redis.Redis.from_url(_redis_url()).connection_pool.connection_kwargs.get("db", 0)
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    return f"newsdesk:changes:v1:{db}:{prefix}"


def _forget_in_child() -> None:
    # A forked worker has no thread of its parent's: it starts its own watch.
    global _watch, _watched
    _watch = None
    _watched = None


os.register_at_fork(after_in_child=_forget_in_child)
