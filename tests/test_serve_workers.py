"""Several granian workers, as `make demo` runs them: a change made by one process (an
editor publishing through the admin) shows on every worker's next page at once."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .commands import NEWSDESK, newsdesk_env
from .test_serve import _free_port, _get, _stop, _wait_until_up

pytestmark = pytest.mark.servers

RETITLE = """
from newsdesk.articles.models import ArticlePage
english = ArticlePage.objects.live().filter(locale__language_code="en")
article = english.order_by("-published_at").first()
article.title = "{title}"
article.save_revision().publish()
"""


@pytest.fixture(scope="module")
def two_workers(new_data_dir: Callable[[], Path]) -> Iterator[tuple[str, dict]]:
    env = newsdesk_env(new_data_dir())
    subprocess.run(
        [NEWSDESK, "demo", "--articles", "12"],
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
    )
    port = _free_port()
    server = subprocess.Popen(
        [NEWSDESK, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base)
        yield base, env
    finally:
        _stop(server)


@pytest.mark.parametrize("path", ["/", "/news/"])
def test_it_shows_a_change_published_elsewhere_on_every_worker(two_workers, path: str) -> None:
    base, env = two_workers
    for _ in range(8):  # enough requests for both workers to keep the page's parts
        assert _get(base + path)[0] == 200
    title = f"A headline changed in another process for {path}"
    retitle = RETITLE.format(title=title)
    subprocess.run([NEWSDESK, "shell", "-c", retitle], env=env, check=True, timeout=120)
    pages = [_get(base + path)[1].decode() for _ in range(8)]
    assert all(f"{title}</a>" in page for page in pages)
