"""Page benchmark: newsdesk against a bare granian app returning the same bytes, in one run.

    .venv/bin/python bench/pages.py [--requests 400] [--paths / /news/some-article/]

Uses whatever database the environment names (NEWSDESK_DATA_DIR for SQLite, or
DATABASE_URL), so build the data set first, e.g. `newsdesk demo --articles 100000`.
Both servers run one granian worker on 127.0.0.1; requests are sent one at a time on a
kept-alive connection, so a request's latency is the server's time plus a loopback round
trip that the baseline measures too. No page cache is involved: every request runs the
view and renders the page; the parts of it that are kept as HTML until something they
show changes (newsdesk.core.fragments) are reused, unless `--cold` makes every request
render them anew, as the first view after a publish does.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import record  # noqa: E402 - needs ROOT on the path
from bench.servers import fetch, granian  # noqa: E402

WARMUP = 30


@dataclass
class Timing:
    p50: float
    p90: float
    p99: float
    per_second: float


def measure(
    port: int, path: str, requests: int, before: Callable[[], None] | None = None
) -> Timing:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies = []
    for n in range(WARMUP + requests):
        if before:
            before()
        start = time.perf_counter()
        connection.request("GET", path, headers={"Host": "localhost"})
        response = connection.getresponse()
        response.read()
        if n >= WARMUP:
            latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    return Timing(
        p50=statistics.median(latencies),
        p90=latencies[int(len(latencies) * 0.9) - 1],
        p99=latencies[int(len(latencies) * 0.99) - 1],
        per_second=1000 * len(latencies) / sum(latencies),
    )


def forget_every_fragment(env: dict[str, str]) -> Callable[[], None]:
    """What a publish that touches every page does: new versions for the tag all share."""
    os.environ.update(env)
    import django  # noqa: PLC0415 - only the cold run needs Django in this process

    django.setup()
    from newsdesk.core import fragments  # noqa: PLC0415

    return lambda: fragments.invalidate(fragments.STRUCTURE)


def first_article_path(home_html: bytes) -> str:
    match = re.search(rb'class="card__title"[^>]*><a href="([^"]+)"', home_html)
    if not match:
        raise SystemExit("no article link on the home page: build demo content first")
    return match.group(1).decode()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--paths", nargs="*", help="default: / and the newest article")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="render every part of every page anew, as the first view after a publish does",
    )
    args = parser.parse_args()

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev"),
        # What rendering costs: the page cache would answer every request but the first.
        "PAGE_CACHE": "0",
        "DEBUG": "0",
    }
    database = (
        env.get("DATABASE_URL", "").split("@")[-1]
        or f"SQLite in {env.get('NEWSDESK_DATA_DIR', 'var')}"
    )
    started = record.start()
    rows = []
    print(f"newsdesk page benchmark: {args.requests} requests per page, one at a time")
    print(f"database: {database}")
    before = forget_every_fragment(env) if args.cold else None
    if args.cold:
        print("cold: every request renders all of the page's parts anew (no kept fragments)")
    print(f"{'page':<40} {'server':>12} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'req/s':>8}")
    with granian("newsdesk.wsgi:application", env) as app_port:
        paths = args.paths or ["/", first_article_path(fetch(app_port, "/"))]
        for path in paths:
            body = fetch(app_port, path)
            app = measure(app_port, path, args.requests, before)
            with tempfile.NamedTemporaryFile(suffix=".html") as body_file:
                body_file.write(body)
                body_file.flush()
                baseline_env = {**env, "BENCH_BODY_FILE": body_file.name}
                with granian("bench.baseline_app:application", baseline_env) as base_port:
                    base = measure(base_port, path, args.requests)
            label = path if len(path) < 40 else path[:37] + "..."
            for name, timing in (("newsdesk", app), ("bare granian", base)):
                print(
                    f"{label:<40} {name:>12} {timing.p50:8.2f} {timing.p90:8.2f}"
                    f" {timing.p99:8.2f} {timing.per_second:8.0f}"
                )
            rows.append(
                {"path": path, "bytes": len(body), "newsdesk": asdict(app), "bare": asdict(base)}
            )
            print(
                f"{'':<40} {'ratio':>12} {app.p50 / base.p50:8.1f}x slower at p50, "
                f"{base.per_second / app.per_second:.1f}x fewer requests/s; "
                f"server time ≈ {app.p50 - base.p50:.2f} ms, {len(body):,} bytes"
            )
    record.save("pages", started, rows, requests=args.requests, cold=args.cold)


if __name__ == "__main__":
    main()
