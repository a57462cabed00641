"""Throughput under load: newsdesk's pages against a bare granian app and stock Wagtail.

    .venv/bin/python bench/load.py --articles 100000 [--duration 10] [--connections 8]

For the article, home, topic and search pages, measures with wrk on loopback:

- newsdesk with its page cache on (PAGE_CACHE=1: every request after the first
  is a cache hit) and off (PAGE_CACHE=0: every request is a miss and runs the
  view, with the kept page parts of newsdesk.core.fragments as after any first view);
- the ceiling: bench/bare_app.py under the same granian, answering each path with the
  very bytes newsdesk served for it;
- with --stock-articles N, an article page of a stock Wagtail site of N generated articles
  on SQLite (bench/stock_wagtail). Like-for-like comparisons with stock Wagtail (same
  database, same articles, each page against its counterpart) are bench/compare.py's.

Every server runs one granian worker pinned to one core (taskset, --server-cpu); wrk runs
pinned to another (--client-cpu), so the load generator does not take the server's core.
Servers run one after another, never together. Ratios are of requests per second measured
in the same run, so a busier machine moves both sides of each ratio.

The data set: SQLite in var/bench-load-<articles>/ (built with `newsdesk demo` when
missing), or the PostgreSQL database that DATABASE_URL names (build it first, see
docs/benchmarks.md). Needs wrk (`apt-get install wrk`) and taskset (util-linux); the script
installs nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import record  # noqa: E402 - needs ROOT on the path
from bench.servers import HOST, fetch, granian  # noqa: E402
from bench.stock_wagtail import generate as stock_wagtail  # noqa: E402

BIN = Path(sys.executable).parent
PAGE_CACHE_ENV = "PAGE_CACHE"  # 1: on (the default), 0: off; honoured by the page cache
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Result:
    per_second: float
    p50: float
    p99: float
    errors: int


@dataclass
class Row:
    page: str
    server: str
    result: Result


def require_tools() -> None:
    missing = [tool for tool in ("wrk", "taskset") if shutil.which(tool) is None]
    if missing:
        raise SystemExit(
            f"missing: {', '.join(missing)}. Install with: apt-get install wrk util-linux"
        )


def wrk(port: int, path: str, args: argparse.Namespace, seconds: float) -> Result:
    command = [
        *("taskset", "-c", str(args.client_cpu)),
        "wrk",
        *("-t", "1", "-c", str(args.connections), "-d", f"{seconds:g}s"),
        *("--latency", "--timeout", "10s", "-H", f"Host: {HOST}"),
        f"http://127.0.0.1:{port}{path}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> Result:
    def latency(percent: str) -> float:
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if not match:
            raise SystemExit(f"wrk printed no {percent}% latency:\n{output}")
        return float(match.group(1)) * UNITS[match.group(2)]

    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if not rate:
        raise SystemExit(f"wrk printed no rate:\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(bad.group(1)) if bad else 0
    errors += sum(int(n) for n in sockets.groups()) if sockets else 0
    return Result(float(rate.group(1)), latency("50"), latency("99"), errors)


def measure(port: int, path: str, args: argparse.Namespace) -> Result:
    wrk(port, path, args, args.warmup)
    return wrk(port, path, args, args.duration)


def newsdesk_env(args: argparse.Namespace, page_cache: bool) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev"),
        "DEBUG": "0",
        PAGE_CACHE_ENV: "1" if page_cache else "0",
    }
    if not env.get("DATABASE_URL"):
        env["NEWSDESK_DATA_DIR"] = str(args.data_dir)
    return env


def ensure_dataset(args: argparse.Namespace) -> None:
    if os.environ.get("DATABASE_URL") or (args.data_dir / "newsdesk.sqlite3").exists():
        return
    print(f"building {args.articles:,} articles in {args.data_dir} (once)", flush=True)
    env = newsdesk_env(args, page_cache=True)
    newsdesk = str(BIN / "newsdesk")
    subprocess.run([newsdesk, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    demo = [newsdesk, "demo", "--articles", str(args.articles)]
    subprocess.run(demo, env=env, cwd=ROOT, check=True)
    # The demo skips the search index above 10,000 articles; the search page needs it.
    subprocess.run([newsdesk, "update_index"], env=env, cwd=ROOT, check=True)


def discover(port: int) -> dict[str, str]:
    """The pages to measure, found by following the home page's links."""
    home = fetch(port, "/").decode()
    article = re.search(r'class="card__title"[^>]*><a href="([^"]+)"', home)
    topic = re.search(r'href="(/in-focus/[^"/]+/)"', home)
    if not (article and topic):
        raise SystemExit("the home page links no article or topic: build the demo content")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", fetch(port, article.group(1)).decode(), re.DOTALL)
    words = sorted(re.findall(r"[A-Za-z]{5,}", title.group(1) if title else ""), key=len)
    if not words:
        raise SystemExit("the article has no title to search for")
    return {
        "article": article.group(1),
        "home": "/",
        "topic": topic.group(1),
        "search": f"/search/?q={quote(words[-1].lower())}",
    }


def run(args: argparse.Namespace) -> list[Row]:
    rows: list[Row] = []
    with granian("newsdesk.wsgi:application", newsdesk_env(args, True), args.server_cpu) as port:
        pages = discover(port)
        bodies = {name: fetch(port, path) for name, path in pages.items()}
        for name, path in pages.items():
            rows.append(Row(name, "page cache hit", measure(port, path, args)))
    with granian("newsdesk.wsgi:application", newsdesk_env(args, False), args.server_cpu) as port:
        for name, path in pages.items():
            rows.append(Row(name, "page cache miss", measure(port, path, args)))
    with tempfile.TemporaryDirectory() as folder:
        manifest = {}
        for name, path in pages.items():
            file = Path(folder) / f"{name}.html"
            file.write_bytes(bodies[name])
            manifest[path] = str(file)
        (Path(folder) / "bodies.json").write_text(json.dumps(manifest))
        env = {**os.environ, "BENCH_BODIES": str(Path(folder) / "bodies.json")}
        with granian("bench.bare_app:application", env, args.server_cpu) as port:
            for name, path in pages.items():
                rows.append(Row(name, "bare granian", measure(port, path, args)))
    if args.stock_articles:
        target = args.stock_dir.resolve()
        stock_wagtail.generate(target, args.stock_articles)
        env = stock_wagtail.environment(target)
        with granian("stocksite.wsgi:application", env, args.server_cpu, cwd=target) as port:
            fetch(port, stock_wagtail.ARTICLE_PATH)
            result = measure(port, stock_wagtail.ARTICLE_PATH, args)
            rows.append(Row("article", "stock Wagtail", result))
    report(rows, pages, bodies, args)
    return rows


def report(
    rows: list[Row], pages: dict[str, str], bodies: dict[str, bytes], args: argparse.Namespace
) -> None:
    bare = {row.page: row.result.per_second for row in rows if row.server == "bare granian"}
    stock = next((row.result.per_second for row in rows if row.server == "stock Wagtail"), None)
    print()
    print(
        f"wrk: 1 thread, {args.connections} connections, {args.duration:g} s per measurement "
        f"after {args.warmup:g} s of warm-up; server on CPU {args.server_cpu}, "
        f"wrk on CPU {args.client_cpu}"
    )
    print("| page | server | req/s | p50 ms | p99 ms | ÷ bare granian | ÷ stock Wagtail | errors |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        result = row.result
        ceiling = f"{result.per_second / bare[row.page]:.1%}" if row.page in bare else ""
        floor = (
            f"{result.per_second / stock:.1f}x"
            if stock and row.server in ("page cache miss", "page cache hit")
            else ""
        )
        print(
            f"| {row.page} | {row.server} | {result.per_second:,.0f} | {result.p50:.2f} "
            f"| {result.p99:.2f} | {ceiling} | {floor} | {result.errors} |"
        )
    print()
    for name, path in pages.items():
        print(f"{name}: {path} ({len(bodies[name]):,} bytes)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000, help="size of the data set")
    parser.add_argument("--data-dir", type=Path, help="default: var/bench-load-<articles>")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--warmup", type=int, default=2, help="seconds before each one")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--server-cpu", type=int, default=0)
    parser.add_argument("--client-cpu", type=int, default=1)
    parser.add_argument(
        "--stock-articles", type=int, default=0, help="articles in stock Wagtail; 0: skip it"
    )
    parser.add_argument("--stock-dir", type=Path, default=ROOT / "var" / "stock-wagtail")
    args = parser.parse_args()
    args.data_dir = args.data_dir or ROOT / "var" / f"bench-load-{args.articles}"
    require_tools()
    ensure_dataset(args)
    database = os.environ.get("DATABASE_URL", "").split("@")[-1] or f"SQLite in {args.data_dir}"
    print(f"newsdesk load benchmark, {args.articles:,} articles, database: {database}", flush=True)
    started = record.start()
    rows = run(args)
    record.save(
        "load",
        started,
        [{"page": row.page, "server": row.server, **asdict(row.result)} for row in rows],
        articles=args.articles,
        stock_articles=args.stock_articles,
        duration=args.duration,
        warmup=args.warmup,
        connections=args.connections,
        server_cpu=args.server_cpu,
        client_cpu=args.client_cpu,
    )


if __name__ == "__main__":
    main()
