"""Several granian workers, as `make demo` runs them: a change made by one process (an
editor publishing through the admin) shows on every worker's next page at once."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_serve import _free_port, _get, _stop, _wait_until_up

NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))

RETITLE = """
from newsdesk.articles.models import ArticlePage
article = ArticlePage.objects.live().order_by("-published_at").first()
article.title = "{title}"
article.save_revision().publish()
"""


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict]]:
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(tmp_path_factory.mktemp("data")),
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.dev",
        "DEBUG": "0",
    }
    env.pop("DATABASE_URL", None)
    subprocess.run([NEWSDESK, "migrate", "-v0"], env=env, check=True, timeout=300)
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
