"""View-counting benchmark: beacon ingest against a trivial Django view, and what reading
Most Viewed costs with 1,000 and 100,000 viewed articles.

    .venv/bin/python bench/beacon.py [--requests 2000] [--redis redis://127.0.0.1:6379/3]

Uses whatever database the environment names (NEWSDESK_DATA_DIR for SQLite, or
DATABASE_URL) and needs live articles in it, e.g. `newsdesk demo --articles 1000`.

Ingest: newsdesk runs under granian (one worker, bench/settings.py); the same server
answers a trivial Django view (all middleware, then an empty 204) and the beacon, each
sent one request at a time on a kept-alive connection. Every beacon comes from another
reader (user agent and X-Forwarded-For), so each one passes every pipeline step and is
counted. Once with the database store, once with Redis (--redis). After the database
run the server is stopped with SIGTERM and the counts in the database are checked: what
the worker still held in its buffer must have been written on the way out.

Read cost: synthetic counts for N articles (views today and on three earlier days) go
into each store under a locale of their own; then the three windows are ranked cold
(what happens once per LIST_SECONDS) and the lists are read warm (what each page view
costs), counting queries.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Sum  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import record  # noqa: E402
from bench.servers import free_port, wait_for  # noqa: E402
from newsdesk.analytics import selectors, stores  # noqa: E402
from newsdesk.analytics.models import DailyViews  # noqa: E402
from newsdesk.analytics.windows import Window  # noqa: E402
from newsdesk.articles.models import ArticlePage  # noqa: E402

GRANIAN = str(Path(sys.executable).with_name("granian"))
WARMUP = 100
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0"


@contextmanager
def server(env: dict[str, str]) -> Iterator[tuple[int, subprocess.Popen]]:
    port = free_port()
    command = [GRANIAN, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", "1", "--log-level", "warning", "newsdesk.wsgi:application"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    try:
        wait_for(port)
        ready(port)
        yield port, process
    finally:
        stop(process)


def ready(port: int, seconds: float = 60) -> None:
    """The socket accepts before the worker has loaded Django: wait for a real answer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("POST", "/bench/trivial", body=b"", headers={"Host": "localhost"})
            if conn.getresponse().status == 204:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"newsdesk did not answer on port {port}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def rate(port: int, requests: int, build) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(p50 ms, requests per second) for `requests` requests made by build(n)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies = []
    for n in range(WARMUP + requests):
        method, path, body, headers = build(n)
        start = time.perf_counter()
        try:
            response = send(conn, method, path, body, headers)
        except (ConnectionError, http.client.HTTPException):
            # The server closed a kept-alive connection: open another, as a client would.
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            response = send(conn, method, path, body, headers)
        if response.status not in (200, 204):
            raise SystemExit(f"{method} {path} answered {response.status}")
        if n >= WARMUP:
            latencies.append((time.perf_counter() - start) * 1000)
    return statistics.median(latencies), 1000 * len(latencies) / sum(latencies)


def send(conn, method: str, path: str, body: bytes, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    conn.request(method, path, body=body, headers={"Host": "localhost", **headers})
    response = conn.getresponse()
    response.read()
    return response


def trivial_request(n: int) -> tuple[str, str, bytes, dict[str, str]]:
    return "POST", "/bench/trivial", b'{"page": 1}', {"Content-Type": "text/plain"}


def beacon_requests(page_ids: list[int], run: str):  # type: ignore[no-untyped-def]
    def build(n: int) -> tuple[str, str, bytes, dict[str, str]]:
        headers = {
            "Content-Type": "text/plain",
            "User-Agent": f"{BROWSER} {run}/{n}",
            "X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}",
        }
        return (
            "POST",
            "/analytics/view",
            json.dumps({"page": page_ids[n % len(page_ids)]}).encode(),
            headers,
        )

    return build


def counted_today(page_ids: list[int]) -> int:
    total = DailyViews.objects.filter(page_id__in=page_ids, day=timezone.now().date()).aggregate(
        total=Sum("views")
    )["total"]
    return int(total or 0)


def ingest(label: str, env: dict[str, str], page_ids: list[int], requests: int) -> dict:
    before = counted_today(page_ids) if label == "database" else 0
    with server(env) as (port, process):
        trivial = rate(port, requests, trivial_request)
        beacon = rate(port, requests, beacon_requests(page_ids, f"{label}{time.time_ns()}"))
        stop(process)  # SIGTERM: the worker flushes what it buffered
    print(
        f"{label:<10} trivial view p50 {trivial[0]:.2f} ms {trivial[1]:7.0f} req/s | "
        f"beacon p50 {beacon[0]:.2f} ms {beacon[1]:7.0f} req/s | "
        f"beacon/trivial throughput {beacon[1] / trivial[1]:.2f}"
    )
    row = {
        "store": label,
        "trivial_view": {"p50_ms": trivial[0], "per_second": trivial[1]},
        "beacon": {"p50_ms": beacon[0], "per_second": beacon[1]},
    }
    if label == "database":
        sent = WARMUP + requests
        found = counted_today(page_ids) - before
        print(f"{'':<10} after SIGTERM: {found:,} of {sent:,} beacons counted in the database")
        row["after_sigterm"] = {"sent": sent, "counted": found}
    return row


# Read cost ----------------------------------------------------------------------------------


def seed(store: stores.ViewStore, locale_id: int, page_ids: list[int]) -> None:
    now = timezone.now()
    rng = random.Random(locale_id)
    views = []
    for rank, page_id in enumerate(page_ids):
        # The real articles first get the most views, so the lists show real pages.
        views.append(stores.View(page_id, locale_id, 0, now, max(1, 10_000 // (rank + 1))))
        for days_ago in rng.sample(range(1, 30), 3):
            views.append(stores.View(page_id, locale_id, 0, now - timedelta(days=days_ago), 1))
    store.add_views(views)
    store.flush()


def read_cost(label: str, store: stores.ViewStore, real_ids: list[int], count: int) -> dict:
    locale_id = 900_000 + count  # a locale of its own: no real counts mixed in
    synthetic = range(10_000_000, 10_000_000 + max(count - len(real_ids), 0))
    page_ids = real_ids[:count] + list(synthetic)
    seed(store, locale_id, page_ids)
    try:
        previous = stores.use_store(store)
        now = timezone.now()
        start = time.perf_counter()
        for window in Window:
            store.top(window, locale_id, now, limit=selectors.CANDIDATES)
        cold = (time.perf_counter() - start) * 1000
        selectors.most_viewed(locale_id)  # fills the cache
        runs = 200
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            for _ in range(runs):
                lists = selectors.most_viewed(locale_id)
            warm = (time.perf_counter() - start) * 1000 / runs
        shown = sum(len(found.entries) for found in lists)
        print(
            f"{label:<10} {count:>7,} articles viewed: ranking 3 windows cold {cold:8.1f} ms | "
            f"lists per page view {warm:.2f} ms, {len(queries) // runs} queries, {shown} shown"
        )
        return {
            "store": label,
            "articles_viewed": count,
            "ranking_cold_ms": cold,
            "lists_per_view_ms": warm,
            "queries_per_view": len(queries) // runs,
            "shown": shown,
        }
    finally:
        stores.use_store(previous)
        clear_locale(store, locale_id)


def clear_locale(store: stores.ViewStore, locale_id: int) -> None:
    if isinstance(store, stores.RedisStore):
        keys = list(store.redis.scan_iter(match=f"{store.prefix}:*:{locale_id}*", count=1000))
        for start in range(0, len(keys), 1000):
            store.redis.delete(*keys[start : start + 1000])
    else:
        for model in (DailyViews, stores.HourlyViews):
            model.objects.filter(locale_id=locale_id).delete()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--redis", help="a Redis URL (use a database of its own)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 100_000])
    args = parser.parse_args()

    live = list(ArticlePage.objects.live().order_by("-published_at").values_list("pk", flat=True))
    if not live:
        raise SystemExit("no live articles: build demo content first")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "0"}
    env.pop("REDIS_URL", None)
    database = connection.settings_dict["ENGINE"].rsplit(".", 1)[-1]
    print(f"newsdesk beacon benchmark: {args.requests} requests each, one at a time; {database}")

    started = record.start()
    # Readers crowd onto the stories of the day: beacons go to the 50 newest articles.
    popular = live[:50]
    ingested = [ingest("database", env, popular, args.requests)]
    if args.redis:
        ingested.append(ingest("redis", {**env, "REDIS_URL": args.redis}, popular, args.requests))

    backends: list[tuple[str, stores.ViewStore]] = [
        ("database", stores.DatabaseStore(batch_size=5_000, flush_seconds=3600))
    ]
    if args.redis:
        backends.append(("redis", stores.RedisStore(args.redis, "newsdesk-bench:analytics")))
    reads = [
        read_cost(label, store, live, count) for label, store in backends for count in args.sizes
    ]
    record.save(
        "beacon",
        started,
        {"ingest": ingested, "read_cost": reads},
        requests=args.requests,
        redis=bool(args.redis),
        sizes=args.sizes,
    )


if __name__ == "__main__":
    main()
