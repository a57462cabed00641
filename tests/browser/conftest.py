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
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connections
from playwright.sync_api import Browser, Page, Playwright, Route, sync_playwright

from tools.chromium import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the ORM calls that tests make between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TIMEOUT_MS = 10_000


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


@pytest.fixture
def foreign_requests() -> list[str]:
    """The addresses on other hosts that pages tried to load (all refused)."""
    return []


@pytest.fixture
def page(browser: Browser, live_server, foreign_requests: list[str]) -> Iterator[Page]:  # type: ignore[no-untyped-def]
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
