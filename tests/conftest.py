from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import transaction
from django.db.backends.base.creation import BaseDatabaseCreation
from django.test import override_settings
from django.utils import translation

from newsdesk.core import changewatch, fragments
from tools import migrated_template

from . import factories, fast_restore
from .budgets import clear_caches
from .ci_shares import CI_SHARES, shares_of
from .commands import NEWSDESK, newsdesk_env
from .maps import factories as map_factories

BROWSER_TESTS = Path(__file__).resolve().parent / "browser"

# Tests with a serialized rollback get the migrated rows back in batches, not row by row.
BaseDatabaseCreation.deserialize_db_from_string = fast_restore.deserialize_in_batches  # type: ignore[method-assign]

# What only a Redis server has (its publish/subscribe channel) is tested when REDIS_URL
# names one (CI's second pass); without it those tests are not collected, not skipped.
collect_ignore = (
    [] if os.environ.get("REDIS_URL") else ["test_changewatch.py", "test_rediscache.py"]
)


def pytest_report_header() -> list[str]:
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return [f"newsdesk: database={engine} cache={cache}"]


def pytest_sessionstart(session: pytest.Session) -> None:
    """When CI names a server, it must be there: fail the run instead of skipping tests."""
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        try:
            redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
        except redis.RedisError as error:
            raise pytest.UsageError(f"REDIS_URL={redis_url} is unreachable: {error}") from error


TESTS = Path(__file__).resolve().parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--ci-share",
        choices=CI_SHARES,
        help="CI's two runs: the tests of ON_BOTH_DATABASES and about half of the others, "
        "each module of the others in one run only (tests/conftest.py)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test under tests/browser/ is a browser test, marked or not (CI runs them once);
    with --ci-share, the tests that the other run has are deselected (not skipped)."""
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
    share = config.getoption("ci_share")
    if share:
        left_out = [item for item in items if not _in_share(item, share)]
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if _in_share(item, share)]


def _in_share(item: pytest.Item, share: str) -> bool:
    """Browser and server tests are chosen by their markers (-m), the others by module."""
    if item.get_closest_marker("browser") or item.get_closest_marker("servers"):
        return True
    return share in shares_of(item.path.relative_to(TESTS).as_posix())


@pytest.fixture(scope="session")
def new_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Path]:
    """Makes data folders for `newsdesk` commands (tests/commands.py), each with its own
    copy of one migrated SQLite database: migrations run once per test run, not per server."""
    migrated = tmp_path_factory.mktemp("migrated")
    # CI's migrated template (tools/migrated_template.py), when there is one: migrate then
    # finds nothing to do.
    migrated_template.seed(migrated)
    subprocess.run(
        [NEWSDESK, "migrate", "-v0"], env=newsdesk_env(migrated), check=True, timeout=300
    )

    def new() -> Path:
        data_dir = tmp_path_factory.mktemp("data")
        shutil.copytree(migrated, data_dir, dirs_exist_ok=True)
        return data_dir

    return new


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    clear_caches()


@pytest.fixture(autouse=True)
def _fresh_ages() -> None:
    """A test's stories and events are minutes and seconds old, whatever ran before it."""
    factories.restart_ages()
    map_factories.restart_ages()


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Each test starts in the site's default language.

    A request activates its page's language for the thread, and Django leaves it active
    after the response: without this, a test that read a Persian page would make the next
    test's `reverse()` name Persian addresses.
    """
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def no_page_cache(settings):  # type: ignore[no-untyped-def]
    """For tests of what rendering costs: every view renders (from kept parts or anew)."""
    settings.NEWSDESK_PAGE_CACHE = {**settings.NEWSDESK_PAGE_CACHE, "ENABLED": False}


@pytest.fixture
def reading_changes(settings):  # type: ignore[no-untyped-def]
    """Readers read the `changes` tag from the shared cache, as without a Redis channel
    (newsdesk.core.changewatch), whatever the shared cache is."""
    settings.NEWSDESK_WATCH_CHANGES = False


@pytest.fixture
def watching_changes() -> None:
    """The process follows `changes` without cache reads (newsdesk.core.changewatch): a
    Redis channel that has been heard, or the file cache's tag file once it exists."""
    key = fragments.TAG_KEY.format(fragments.CHANGES)
    fragments.current_versions([fragments.CHANGES])
    deadline = time.monotonic() + 5
    while changewatch.version(key) is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert changewatch.version(key) is not None


@pytest.fixture
def home(db):  # type: ignore[no-untyped-def]
    return factories.make_home()


@pytest.fixture
def news(home):  # type: ignore[no-untyped-def]
    return factories.make_section(home, "News")


@pytest.fixture
def analysis(home):  # type: ignore[no-untyped-def]
    return factories.make_section(home, "Analysis")


@pytest.fixture
def topic_index(home):  # type: ignore[no-untyped-def]
    return factories.make_topic_index(home)


@pytest.fixture(scope="module")
def module_rows(django_db_setup: None, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """For a module-scoped fixture that builds a costly site once for all the module's tests
    (the query budgets): its rows are rolled back after the module's last test. A test of
    the module that uses the database works in a savepoint inside it, as usual."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def module_without_page_cache() -> Iterator[None]:
    """no_page_cache, for module-scoped fixtures."""
    page_cache = {**settings.NEWSDESK_PAGE_CACHE, "ENABLED": False}
    with override_settings(NEWSDESK_PAGE_CACHE=page_cache):
        yield


@pytest.fixture
def reporter(db):  # type: ignore[no-untyped-def]
    return factories.PersonFactory(name="Leila Haddad", slug="leila-haddad")
