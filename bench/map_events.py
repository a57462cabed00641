"""Map events API benchmark: a 30-day, region-sized query over 50,000 events.

    .venv/bin/python bench/map_events.py [--events 50000] [--requests 200]
    DATABASE_URL=postgresql://.../empty_db .venv/bin/python bench/map_events.py

Builds the events with bulk inserts in a fresh SQLite database in a temporary folder (or in
DATABASE_URL, which must name an empty database): spread over the last 365 days across
Syria, Iraq and their neighbours, 85% verified, each with a source, one in five linked to
an article. Then asks /api/v1/map/events for the last 30 days inside a box around Syria
and Iraq (the default page of 500 events) in-process with Django's test client, one
request at a time, and reports p50/p95 server time (wall clock, and the process's CPU time,
which other work on a shared machine does not inflate) and the queries per request, beside a
trivial Django view that returns the same bytes (the floor: middleware and the client)
and the same request answered 304 from its ETag. Target (issue 5): at most 50 ms and a
number of queries that does not grow with the number of events.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
# West, south, east, north: the events' region, and the box the map asks for.
REGION = (30.0, 26.0, 52.0, 40.0)
QUERY_BOX = "35.5,29.0,48.8,37.5"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings.test"
    sys.path.insert(0, str(ROOT))

    import django  # noqa: PLC0415 (settings must be chosen first)

    django.setup()
    run(args.events, args.requests)


def build(count: int) -> None:
    # Imported once Django is set up.
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from newsdesk.maps.models import (  # noqa: PLC0415
        Event,
        EventArticle,
        EventCategory,
        EventSource,
    )
    from newsdesk.maps.validation import ICONS  # noqa: PLC0415
    from tests import factories  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    home = factories.make_home()
    news = factories.make_section(home, "News")
    articles = [factories.make_article(news, f"Report {n}") for n in range(20)]
    categories = [
        EventCategory.objects.create(
            name_en=label, slug=name, color=f"#{n * 30:02x}3050", icon=name, sort_order=n
        )
        for n, (name, label) in enumerate(ICONS)
    ]
    rng = random.Random(5)
    now = timezone.now()
    west, south, east, north = REGION
    started = time.perf_counter()
    for first in range(0, count, 5000):
        events = [
            Event(
                title=f"Event {n} near a town",
                description="Reported by local sources and checked against other accounts.",
                occurred_at=now - timedelta(seconds=rng.randrange(365 * 24 * 3600)),
                latitude=round(rng.uniform(south, north), 5),
                longitude=round(rng.uniform(west, east), 5),
                place_name="Town",
                country="SY",
                category=rng.choice(categories),
                status=Event.Status.VERIFIED if rng.random() < 0.85 else Event.Status.REPORTED,
            )
            for n in range(first, min(first + 5000, count))
        ]
        Event.objects.bulk_create(events)
        EventSource.objects.bulk_create(
            EventSource(event=e, url=f"https://example.org/{e.pk}", label="Monitor", sort_order=0)
            for e in events
        )
        EventArticle.objects.bulk_create(
            EventArticle(event=e, article=rng.choice(articles), sort_order=0)
            for e in events
            if rng.random() < 0.2
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"built {count:,} events in {time.perf_counter() - started:.1f} s")


def run(count: int, requests: int) -> None:
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext, override_settings  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from bench import map_urls, record  # noqa: PLC0415

    started = record.start()
    build(count)
    client = Client(HTTP_HOST="localhost")
    since = (timezone.now() - timedelta(days=30)).replace(microsecond=0).isoformat()
    url = "/api/v1/map/events?" + urlencode({"since": since, "bbox": QUERY_BOX})

    def measure(path: str, **headers: str) -> tuple[float, float, float, float, int]:
        for _ in range(10):
            client.get(path, **headers)
        wall, cpu = [], []
        for _ in range(requests):
            began, began_cpu = time.perf_counter(), time.process_time()
            client.get(path, **headers)
            wall.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(path, **headers)
        return (*_p50_p95(wall), *_p50_p95(cpu), len(queries))

    with override_settings(ROOT_URLCONF="bench.map_urls"):
        first = client.get(url)
        assert first.status_code == 200, first.content[:500]
        features = len(first.json()["features"])
        map_urls.BODY = first.content
        api = measure(url)
        not_modified = measure(url, HTTP_IF_NONE_MATCH=first["ETag"])
        floor = measure("/bench/same-bytes")

    print(
        f"{count:,} events; {connection.vendor}; 30 days, bbox {QUERY_BOX}: "
        f"{features} features, {len(first.content):,} bytes; {requests} requests"
    )
    print("| request | wall p50 | wall p95 | CPU p50 | CPU p95 | queries | x floor (wall p50) |")
    print("|---|---|---|---|---|---|---|")
    rows = []
    for name, (p50, p95, cpu50, cpu95, queries) in (
        ("trivial view, same bytes (floor)", floor),
        ("events API, 30 days + bbox", api),
        ("events API, 304 from ETag", not_modified),
    ):
        print(
            f"| {name} | {p50:.1f} ms | {p95:.1f} ms | {cpu50:.1f} ms | {cpu95:.1f} ms "
            f"| {queries} | {p50 / floor[0]:.1f}x |"
        )
        rows.append(
            {
                "request": name,
                "wall_ms": {"p50": p50, "p95": p95},
                "cpu_ms": {"p50": cpu50, "p95": cpu95},
                "queries": queries,
            }
        )
    record.save(
        "map-events",
        started,
        rows,
        events=count,
        requests=requests,
        features=features,
        bytes=len(first.content),
    )


def _p50_p95(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


if __name__ == "__main__":
    main()
