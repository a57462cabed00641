"""The channel on which processes hear of invalidations (newsdesk.core.changewatch).

Collected only when REDIS_URL names a server (CI's second pass; see conftest.py): the
channel is Redis's publish/subscribe, and the embedded file cache has none.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler

from newsdesk.core import changewatch, fragments
from newsdesk.core.fastpath import PageCacheHits

from . import factories
from .test_page_cache_fastpath import Reader

ROOT = Path(__file__).resolve().parent.parent
CHANGES_KEY = fragments.TAG_KEY.format(fragments.CHANGES)


def _until(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def _server() -> redis.Redis:
    return redis.Redis.from_url(os.environ["REDIS_URL"])


@pytest.fixture
def own_watch() -> Iterator[changewatch.Watch]:
    """A watch of a channel of its own, heard at least once."""
    watch = changewatch.Watch(
        os.environ["REDIS_URL"],
        f"test-changes-{uuid.uuid4().hex}",
        ping_seconds=0.1,
        quiet_seconds=0.5,
    )
    assert _until(lambda: watch.version() is not None)
    yield watch
    watch.stop()


@pytest.fixture
def watching() -> changewatch.Watch:
    """The process's own watch (what fragments and the fast path use), heard."""
    watch = changewatch.watch(CHANGES_KEY)
    assert isinstance(watch, changewatch.Watch)
    assert _until(lambda: watch.version() is not None)
    return watch


def _renderer(calls: list[str], *tags: str) -> Callable[[], str]:
    def render() -> str:
        fragments.shows(*tags)
        calls.append("rendered")
        return "html"

    return render


def test_it_hears_a_change_published_by_another_client(own_watch) -> None:
    before = own_watch.version()
    _server().publish(own_watch.channel, b"1")
    assert _until(lambda: own_watch.version() not in (before, None))


def test_it_knows_its_own_change_before_the_message_comes_back(own_watch) -> None:
    before = own_watch.version()
    own_watch.publish()
    assert own_watch.version() != before


def test_it_keeps_its_version_while_nothing_is_published(own_watch) -> None:
    before = own_watch.version()
    time.sleep(0.3)  # three pings
    assert own_watch.version() == before


def test_it_gives_a_new_version_when_it_subscribes_again(own_watch) -> None:
    before = own_watch.version()
    server = _server()
    (listening,) = [c for c in server.client_list() if c["name"] == own_watch.client_name]
    server.client_kill_filter(_id=listening["id"])
    # A message sent while it was away is not heard: the new subscription covers it.
    assert _until(lambda: own_watch.version() not in (before, None))


class Relay:
    """A TCP relay to the Redis server that a test can make silent (bytes are held, the
    connections stay open) or unreachable (every connection closed, no more accepted)."""

    def __init__(self, url: str) -> None:
        address = urlsplit(url)
        self.target = (address.hostname or "127.0.0.1", address.port or 6379)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = address._replace(netloc=f"127.0.0.1:{self.listener.getsockname()[1]}").geturl()
        self.passing = threading.Event()
        self.passing.set()
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                reader, _address = self.listener.accept()
            except OSError:
                return  # closed
            server = socket.create_connection(self.target)
            self.connections += [reader, server]
            for source, sink in ((reader, server), (server, reader)):
                threading.Thread(target=self._pass, args=(source, sink), daemon=True).start()

    def _pass(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                self.passing.wait()
                sink.sendall(data)
        except OSError:
            return

    def silence(self) -> None:
        self.passing.clear()

    def resume(self) -> None:
        self.passing.set()

    def close(self) -> None:
        self.listener.close()
        for connection in self.connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()
        self.passing.set()


@pytest.fixture
def relayed_watch() -> Iterator[tuple[Relay, changewatch.Watch]]:
    """A watch that hears the server through a Relay, heard at least once."""
    relay = Relay(os.environ["REDIS_URL"])
    watch = changewatch.Watch(
        relay.url, f"test-changes-{uuid.uuid4().hex}", ping_seconds=0.1, quiet_seconds=0.5
    )
    assert _until(lambda: watch.version() is not None)
    yield relay, watch
    watch.stop()
    relay.close()


def test_it_says_nothing_while_the_server_is_silent(relayed_watch) -> None:
    relay, watch = relayed_watch
    relay.silence()
    assert _until(lambda: watch.version() is None, seconds=2)
    relay.resume()
    # Heard again once the server answers.
    assert _until(lambda: watch.version() is not None, seconds=3)


def test_it_says_nothing_while_the_server_is_unreachable(relayed_watch) -> None:
    relay, watch = relayed_watch
    relay.close()
    assert _until(lambda: watch.version() is None, seconds=2)
    time.sleep(0.6)  # longer than quiet_seconds: it does not come back by itself
    assert watch.version() is None


def test_it_names_its_channel_after_the_database_and_the_key_prefix() -> None:
    watch = changewatch.watch(CHANGES_KEY)
    assert isinstance(watch, changewatch.Watch)
    database = redis.Redis.from_url(os.environ["REDIS_URL"]).get_connection_kwargs()["db"]
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    assert watch.channel == f"newsdesk:changes:v1:{database}:{prefix}"


def test_it_follows_the_channel_with_djangos_redis_cache() -> None:
    watch = changewatch._new_watch("django.core.cache.backends.redis.RedisCache", CHANGES_KEY)
    assert isinstance(watch, changewatch.Watch)
    watch.stop()


# What readers gain -------------------------------------------------------------------------


@pytest.mark.usefixtures("watching")
def test_it_renders_again_after_an_invalidation_in_this_process() -> None:
    calls: list[str] = []
    fragments.get_or_render("k", _renderer(calls, "page:1"))
    fragments.invalidate("page:1")
    fragments.get_or_render("k", _renderer(calls, "page:1"))
    assert calls == ["rendered", "rendered"]


@pytest.mark.usefixtures("watching")
def test_it_keeps_a_fragment_when_the_shared_cache_is_emptied_without_a_change() -> None:
    # Nothing was invalidated, so nothing shown changed: the kept copy is still right.
    calls: list[str] = []
    for _ in range(2):
        fragments.get_or_render("k", _renderer(calls, "page:1"))
    caches["default"].clear()
    fragments.get_or_render("k", _renderer(calls, "page:1"))
    assert calls == ["rendered"]


def test_it_renders_again_after_an_invalidation_in_another_process(watching) -> None:
    calls: list[str] = []
    for _ in range(2):
        fragments.get_or_render("k", _renderer(calls, "page:1"))
    before = watching.version()
    _invalidate_in_another_process("page:1")
    assert _until(lambda: watching.version() != before)
    fragments.get_or_render("k", _renderer(calls, "page:1"))
    assert calls == ["rendered", "rendered"]


@pytest.mark.usefixtures("watching")
def test_it_shows_an_edit_to_the_next_reader_of_a_kept_page(news, reporter) -> None:
    article = factories.make_article(news, "Water talks resume", authors=[reporter])
    reader = Reader(PageCacheHits(WSGIHandler()))
    reader.get(article.url)
    reader.get(article.url)
    article.title = "Water talks collapse"
    article.save_revision().publish()
    assert b"Water talks collapse" in reader.get(article.url).body


def _invalidate_in_another_process(tag: str) -> None:
    code = (
        "import django; django.setup(); "
        "from newsdesk.core import fragments; "
        f"fragments.invalidate({tag!r})"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsdesk.settings.test"}
    subprocess.run([sys.executable, "-c", code], env=environment, cwd=ROOT, check=True)
