"""Site search benchmark: /search/ server time for a set of queries, in process, against a
trivial Django view measured in the same run.

    .venv/bin/python bench/search.py [--requests 50] [--stock] [--explain]

Uses whatever database the environment names (NEWSDESK_DATA_DIR for SQLite, or
DATABASE_URL) and needs a built, indexed data set:
`newsdesk demo --articles 100000 && newsdesk update_index`.

Each request goes through Django's test client: every middleware, the view, the
templates, the database; no network and no page cache. Each query is timed twice: the
first search for it (every kept ranking forgotten before each request: ranking, cards
and rendering, as after a change to a page that holds its words) and again (its ranking
and its rendered hits kept, as for every later reader until such a change). Latency is
wall time per request (p50, p95) after warm-up. The baseline is bench/urls.py's trivial
view (all middleware, then an empty 204), so the ratio says how many trivial requests
one first search costs.

--stock also times Wagtail's own database backend (modelsearch) answering the same
ranked, first-page query on the articles of the language, for comparison (3 runs each:
it is slow). --explain prints the plan of the ranking statement for each query.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
# Every request renders: a page cache hit would time the cache, not the search.
os.environ.setdefault("PAGE_CACHE", "0")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Locale  # noqa: E402
from wagtail.search.backends.database import SearchBackend as StockBackend  # noqa: E402
from wagtail.search.models import IndexEntry  # noqa: E402

from bench import record  # noqa: E402
from newsdesk.articles.models import ArticlePage  # noqa: E402
from newsdesk.search.backends.common import forget_rankings  # noqa: E402

WARMUP = 5
STOCK_RUNS = 3
# Words of the demo newsroom, common and rare, alone and together, with filters, sorted by
# date, and a misspelling that finds nothing and costs a suggestion.
QUERIES = [
    "water",
    "election",
    "ceasefire talks",
    "central bank inflation",
    "drought wells village",
    "prices&sort=date",
    "border&kind=analysis",
    "protest&since=2025-01-01&until=2025-12-31",
    "electon",
    "zzyzx",
]


@dataclass
class Timing:
    p50: float
    p95: float
    queries: int
    hits: int


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(client: Client, path: str, requests: int, first: bool = False) -> Timing:
    """`first`: each request is the first search for its words (rankings forgotten)."""
    for _ in range(WARMUP):
        response = client.get(path)
    if response.status_code not in (200, 204):
        raise SystemExit(f"GET {path} answered {response.status_code}")
    latencies = []
    for _ in range(requests):
        if first:
            forget_rankings(None)
        start = time.perf_counter()
        client.get(path)
        latencies.append((time.perf_counter() - start) * 1000)
    if first:
        forget_rankings(None)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    hits = response.content.decode().count('class="card card--text"')
    return Timing(statistics.median(latencies), percentile(latencies, 0.95), len(captured), hits)


def stock(query: str, locale: Locale) -> float:
    """Wagtail's own database backend, first page of ranked articles (ms, best of 3)."""
    backend = StockBackend({})
    articles = ArticlePage.objects.live().filter(locale=locale)
    best = float("inf")
    for _ in range(STOCK_RUNS):
        start = time.perf_counter()
        list(backend.search(query, articles)[:21])
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def explain(client: Client, path: str) -> str:
    forget_rankings(None)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    ranking = next(
        q["sql"] for q in captured.captured_queries if " MATCH " in q["sql"] or "@@" in q["sql"]
    )
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with connection.cursor() as cursor:
        cursor.execute(prefix + ranking.replace("%", "%%"))
        return "\n".join("    " + " ".join(str(c) for c in row) for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--stock", action="store_true", help="time Wagtail's own backend too")
    parser.add_argument("--explain", action="store_true", help="print each ranking plan")
    args = parser.parse_args()

    articles = ArticlePage.objects.live().count()
    indexed = IndexEntry.objects.count()
    if indexed < articles:
        raise SystemExit(
            f"{indexed:,} index entries for {articles:,} live articles: "
            "run `newsdesk update_index` first."
        )
    started = record.start()
    client = Client(HTTP_HOST="localhost")
    baseline = measure(client, "/bench/trivial", args.requests)
    print(f"{connection.vendor}, {articles:,} live articles, {indexed:,} index entries")
    print(f"trivial Django view: p50 {baseline.p50:.2f} ms, p95 {baseline.p95:.2f} ms\n")
    header = (
        f"{'query':<40} {'hits':>4} {'SQL':>3} {'first p50':>9} {'p95':>7} {'÷ trivial':>9} "
        f"{'again p50':>9} {'p95':>6} {'SQL':>3}"
    )
    print(header + ("  stock ms" if args.stock else ""))
    english = Locale.objects.get(language_code="en")
    medians = []
    rows = []
    for query in QUERIES:
        path = f"/search/?q={query}"
        timing = measure(client, path, args.requests, first=True)
        again = measure(client, path, args.requests)
        medians.append(timing.p50)
        line = (
            f"{query:<40} {timing.hits:>4} {timing.queries:>3} {timing.p50:>9.2f} "
            f"{timing.p95:>7.2f} {timing.p50 / baseline.p50:>8.0f}x "
            f"{again.p50:>9.2f} {again.p95:>6.2f} {again.queries:>3}"
        )
        row = {"query": query, "first": asdict(timing), "again": asdict(again)}
        if args.stock:
            row["stock_ms"] = stock(query.split("&")[0], english)
            line += f"  {row['stock_ms']:>8.0f}"
        rows.append(row)
        print(line)
        if args.explain:
            print(explain(client, path))
    print(
        f"\nfirst searches: median of p50s {statistics.median(medians):.2f} ms, "
        f"worst p50 {max(medians):.2f} ms"
    )
    record.save(
        "search",
        started,
        {"trivial_view": asdict(baseline), "queries": rows},
        articles=articles,
        index_entries=indexed,
        requests=args.requests,
    )


if __name__ == "__main__":
    main()
