"""End to end: with only `newsdesk worker` running beside the site (no cron, no command
run by hand), a scheduled article goes live by itself, and readers of the cached section
page and of its (cached 404) address see it within the worker's tick."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .commands import newsdesk_env
from .test_serve import _free_port, _get, _stop, _wait_until_up

# Starts the site's own servers: once per CI pass (see .ci/run).
pytestmark = pytest.mark.servers

NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))
TICK_SECONDS = 2
# The promise is one minute; the tick here is short, so this leaves room for a slow machine.
DEADLINE_SECONDS = 60

SCHEDULE = """
from datetime import timedelta
from django.utils import timezone
from newsdesk.articles.models import ArticlePage, SectionPage
news = SectionPage.objects.get(slug="news", locale__language_code="en")
article = ArticlePage(
    title="{title}", slug="{slug}", lead="Lead.", live=False,
    go_live_at=timezone.now() + timedelta(seconds={seconds}),
)
news.add_child(instance=article)
article.save_revision().publish()
"""


@pytest.fixture(scope="module")
def site(new_data_dir: Callable[[], Path]) -> Iterator[tuple[str, dict]]:
    # A copy of the session's one migrated SQLite database, that both processes open, and
    # the file cache beside it (no Redis shared with the test run).
    env = newsdesk_env(new_data_dir())
    env.pop("REDIS_URL", None)
    subprocess.run(
        [NEWSDESK, "demo", "--articles", "6"], env=env, check=True, timeout=300, capture_output=True
    )
    port = _free_port()
    server = subprocess.Popen(
        [NEWSDESK, "serve", "--port", str(port), "--workers", "1", "--no-worker"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    worker = subprocess.Popen(
        [NEWSDESK, "worker", "--no-reload", "--tick", str(TICK_SECONDS), "-v0"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base)
        yield base, env
    finally:
        _stop(worker)
        _stop(server)


def test_a_scheduled_article_goes_live_by_itself(site: tuple[str, dict]) -> None:
    base, env = site
    title = "Scheduled in another process"
    address = f"{base}/news/scheduled-by-itself/"
    script = SCHEDULE.format(title=title, slug="scheduled-by-itself", seconds=20)
    subprocess.run([NEWSDESK, "shell", "-c", script], env=env, check=True, timeout=120)
    # Readers ask before its time: both answers are kept in the page cache.
    for _ in range(2):
        assert title not in _get(f"{base}/news/")[1].decode()
        assert _get(address)[0] == 404
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline and _get(address)[0] != 200:
        time.sleep(1)
    status, body = _get(address)
    assert (status, title in body.decode()) == (200, True)
    assert title in _get(f"{base}/news/")[1].decode()
