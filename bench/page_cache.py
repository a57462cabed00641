"""The page cache in process: one warm page as a hit, as a miss, and with no page cache.

    NEWSDESK_DATA_DIR=var/bench-sqlite .venv/bin/python bench/page_cache.py [--requests 300]

Uses the data set the environment names (see bench/pages.py; `newsdesk demo` builds one).
Requests go through Django's whole handler and middleware in this process (no server,
no socket), so the numbers are the site's own time for:
- "no page cache": the view runs and joins the kept parts of the page (fragments), as
  every request did before the page cache;
- "miss": the same, plus storing the page (compressing it once, gzip and brotli);
- "hit": the stored page, checked against its tags' versions and sent.
Throughput under load, against a bare server, is the wrk suite's job.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev")
os.environ["DEBUG"] = "0"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

from bench import record  # noqa: E402
from newsdesk.articles.models import ArticlePage  # noqa: E402
from newsdesk.core import pagecache  # noqa: E402


def timed(requests: int, fetch: Callable[[], object]) -> list[float]:
    for _ in range(30):
        fetch()
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        fetch()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--path", help="default: the newest article")
    args = parser.parse_args()
    started = record.start()
    path = args.path or ArticlePage.objects.live().order_by("-published_at").first().url
    client = Client(headers={"Accept-Encoding": "gzip, br"}, SERVER_NAME="localhost")
    config = settings.NEWSDESK_PAGE_CACHE

    def get() -> object:
        response = client.get(path)
        assert response.status_code == 200, response.status_code
        return response

    key = pagecache.key_for(get().wsgi_request)

    def get_as_miss() -> object:
        cache.delete(key)
        return get()

    config["ENABLED"] = False
    before = timed(args.requests, get)
    config["ENABLED"] = True
    miss = timed(args.requests, get_as_miss)
    assert get()["X-Cache"] == "HIT"
    hit = timed(args.requests, get)

    print(f"{path}: {args.requests} requests each, in process, ms")
    print(f"{'':16} {'p50':>7} {'p90':>7} {'p99':>7}")
    rows = []
    for name, samples in (("no page cache", before), ("miss", miss), ("hit", hit)):
        cuts = statistics.quantiles(samples, n=100)
        print(f"{name:16} {cuts[49]:7.2f} {cuts[89]:7.2f} {cuts[98]:7.2f}")
        rows.append({"variant": name, "p50": cuts[49], "p90": cuts[89], "p99": cuts[98]})
    print(f"hit is {statistics.median(before) / statistics.median(hit):.1f}x faster (p50)")
    record.save("page-cache", started, rows, path=path, requests=args.requests)


if __name__ == "__main__":
    main()
