"""The demo site, built in a data folder of its own, and the pages, feeds and sitemaps
to check, fetched through Django's test client (the same views and middleware a server
runs, without a server to start).

Call `configure(data_dir)` before anything else here: it sets the environment the
`newsdesk` command runs with (dev settings, the embedded SQLite database, no Redis)."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools import migrated_template

BASE_URL = "http://127.0.0.1:8000"
LANGUAGES = ("en", "ar", "fa")


@dataclass
class Fetched:
    name: str  # what the page is, e.g. "article (ar)"
    path: str
    kind: str  # html, rss, atom, json-feed, sitemap
    status: int
    body: bytes
    expected: int = 200


@dataclass
class Collection:
    documents: list[Fetched] = field(default_factory=list)

    def add(self, fetched: Fetched) -> None:
        self.documents.append(fetched)


def configure(data_dir: Path) -> None:
    os.environ.update(
        NEWSDESK_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="newsdesk.settings.dev",
        DEBUG="0",
        BASE_URL=BASE_URL,
        PAGE_CACHE="0",
    )
    (data_dir / "static").mkdir(parents=True, exist_ok=True)  # served from the app's folders
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    import django  # noqa: PLC0415 - settings come from the environment set just above

    django.setup()
    # The 400, 403 and 404 pages are asked for on purpose: no traceback for each.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)


def build(articles: int) -> None:
    from django.core.management import call_command  # noqa: PLC0415 - after configure()

    migrated_template.seed(Path(os.environ["NEWSDESK_DATA_DIR"]))  # CI's, when there is one
    call_command("migrate", interactive=False, verbosity=0)
    call_command("demo", articles=articles, stdout=open(os.devnull, "w"))  # noqa: SIM115


def collect() -> Collection:
    from . import pages  # noqa: PLC0415 - imports Django models: after configure()

    return pages.collect()


def language_of(path: str) -> str:
    found = re.match(r"/(ar|fa)/", path)
    return found.group(1) if found else "en"


def as_fetched(name: str, path: str, kind: str, response: Any, expected: int) -> Fetched:
    return Fetched(name, path, kind, response.status_code, response.content, expected)
