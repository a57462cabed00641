"""Real Chromium (Debian's, never a downloaded one) driven by Playwright against a live server.

One browser for the whole session; every test gets a fresh context (no shared cookies)
whose requests may only go to the live server: anything else is refused and recorded.

Test modules here are marked `browser` and `django_db(transaction=True,
serialized_rollback=True)`: the live server's thread sees the rows a test creates, and
the serialized rollback restores what migrations made (Wagtail's root page and
collection, the newsroom's groups and workflow) after each test empties the tables.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import connections
from playwright.sync_api import Browser, Page, Playwright, Route, expect, sync_playwright

from tools.chromium import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the ORM calls that tests make between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TIMEOUT_MS = 10_000
# Assertions wait as long as actions do: under CI's load (two test runs, the audit's
# Chromium) a page's first render, with its picture sizes made, can take over the 5 s
# that `expect` waits by default.
expect.set_options(timeout=TIMEOUT_MS)
# How long the live server must stay idle after a test's pages close before the next test.
QUIET_S = 0.25
QUIET_TIMEOUT_S = 5.0


@pytest.fixture(scope="session")
def playwright(django_db_setup: None) -> Iterator[Playwright]:
    """Playwright, and Django database connections that work beside it.

    Between two sync calls Playwright marks its event loop as running in this thread, so
    from then on Django keeps this thread's connections apart from the ones it made before
    (as it does for async code). The new connections lack the snapshot of the migrated
    database that serialized rollbacks restore, so they get the one made at set-up.
    """
    snapshots = {
        alias: connections[alias]._test_serialized_contents  # type: ignore[attr-defined]
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as instance:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot  # type: ignore[attr-defined]
        yield instance
        connections.close_all()


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: `apt-get install chromium`, set CHROMIUM=/path, "
            'or leave the browser tests out with `-m "not browser"`.'
        )
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class ServerActivity:
    """Counts the live server's requests in progress and when the last one ended.

    Pages send requests as they close: Wagtail's editor releases its editing session with
    a beacon on `pagehide`. Answered during the next test's set-up, such a request would use
    the database connection that the server thread shares with the tests (in-memory
    SQLite) while the tables are being emptied, and break both.
    """

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.active = 0
        self.last_ended = time.monotonic()
        self.lock = threading.Lock()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        with self.lock:
            self.active += 1
        try:
            return _ClosedThen(self.app(environ, start_response), self._ended)
        except BaseException:
            self._ended()
            raise

    def _ended(self) -> None:
        with self.lock:
            self.active -= 1
            self.last_ended = time.monotonic()

    def wait_until_quiet(self) -> None:
        started = time.monotonic()
        while time.monotonic() - started < QUIET_TIMEOUT_S:
            with self.lock:
                idle_since = max(started, self.last_ended)
                if not self.active and time.monotonic() - idle_since >= QUIET_S:
                    return
            time.sleep(0.02)


class _ClosedThen:
    """A WSGI response that calls `then` once the server has closed it."""

    def __init__(self, response: Iterable[bytes], then: Callable[[], None]) -> None:
        self.response = response
        self.then = then

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.response)

    def close(self) -> None:
        try:
            close = getattr(self.response, "close", None)
            if close is not None:
                close()
        finally:
            self.then()


@pytest.fixture(scope="session")
def server_activity(live_server) -> ServerActivity:  # type: ignore[no-untyped-def]
    httpd = live_server.thread.httpd
    activity = ServerActivity(httpd.get_app())
    httpd.set_app(activity)
    return activity


@pytest.fixture
def foreign_requests() -> list[str]:
    """The addresses on other hosts that pages tried to load (all refused)."""
    return []


@pytest.fixture
def page(  # type: ignore[no-untyped-def]
    browser: Browser, live_server, server_activity: ServerActivity, foreign_requests: list[str]
) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    own_host = urlsplit(live_server.url).netloc

    def only_the_live_server(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == own_host or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            foreign_requests.append(url)
            route.abort()

    context.route("**/*", only_the_live_server)
    page = context.new_page()
    yield page
    context.close()
    server_activity.wait_until_quiet()
