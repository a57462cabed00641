"""Each newsdesk page against its stock Wagtail counterpart, same database, same articles.

    .venv/bin/python bench/compare.py --articles 10000                      # SQLite
    DATABASE_URL=postgresql://.../newsdesk_bench REDIS_URL=redis://.../7 \\
        .venv/bin/python bench/compare.py --articles 10000 \\
        --stock-database-url postgresql://.../stock_bench                 # PostgreSQL

Pages and their stock counterparts:
    home     newsdesk's home page       stock home page listing the 20 latest posts
    list     a section's first page     the blog index page (its 20 latest posts)
    article  the newest article         the same article as a stock blog post
    search   /search/?q=<a word>        stock's search view, /search/?query=<the word>

Stock Wagtail (bench/stock_wagtail) holds the very articles of the newsdesk data set
(title, lead, date and body paragraphs, exported by bench/stock_wagtail/export.py), runs on
the same kind of database as newsdesk (its own SQLite file, or its own PostgreSQL
database), keeps its connections as newsdesk does, and has its generated project's cache
(Django's default, in local memory).

newsdesk is measured three ways, each page:
    hit     page cache on: the stored page (after warm-up requests);
    warm    page cache off: the view runs, with the kept page parts and search results
            of earlier views (as every view after the first, until something changes);
    cold    page cache off and everything kept emptied before each request: every cache
            (page cache, kept parts, kept search results, Most Viewed lists, picture
            sizes) and every in-process memory (bench/urls.py `forget`), as the first
            view after a restart with an empty cache.

Three servers run side by side, one granian worker each (bench/servers.py), and requests
are sent one at a time on kept-alive connections, in rounds: each round measures every
page on every server in turn, so load from other work on the machine falls on all of
them alike. The results, with every latency, go to bench/results/ as JSON, with the
machine's load average, the article count, the database and the commit;
bench/report.py renders the tables of docs/benchmarks.md from them.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.servers import HOST, fetch, granian  # noqa: E402 - needs ROOT on the path
from bench.stock_wagtail import generate as stock_wagtail  # noqa: E402

BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
PAGES = ("home", "list", "article", "search")
VARIANTS = ("hit", "warm", "cold", "stock")


TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def stat_fields(pid: int | str) -> list[str]:
    """/proc/<pid>/stat from its third field (state) on."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def server_processes(port: int) -> list[int]:
    """The processes of the granian server on `port`: its process group (bench/servers.py
    starts each server in a session of its own)."""
    leader = None
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and f"--port\0{port}\0" in (entry / "cmdline").read_text():
                leader = entry.name
        except OSError:
            continue
    if leader is None:
        raise SystemExit(f"no server process found for port {port}")
    group = stat_fields(leader)[2]
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and stat_fields(entry.name)[2] == group:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


class Client:
    """One kept-alive connection to one server, and the CPU time its processes used."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.processes = server_processes(port)

    def cpu_ticks(self) -> int:
        """User and system time of the server's processes (all threads), in clock ticks."""
        total = 0
        for pid in self.processes:
            with contextlib.suppress(OSError):
                fields = stat_fields(pid)
                total += int(fields[11]) + int(fields[12])
        return total

    def request(self, method: str, path: str) -> tuple[int, dict[str, str], bytes]:
        try:
            self.connection.request(method, path, headers={"Host": HOST})
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed a connection left idle while the others were measured
            # (keep-alive timeout): a new one, and the request again.
            self.connection.close()
            self.connection.request(method, path, headers={"Host": HOST})
            response = self.connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body

    def timed(self, path: str) -> tuple[float, int, dict[str, str]]:
        """Wall time in ms, server CPU ticks, headers."""
        ticks = self.cpu_ticks()
        start = time.perf_counter()
        status, headers, _ = self.request("GET", path)
        elapsed = (time.perf_counter() - start) * 1000
        ticks = self.cpu_ticks() - ticks
        if status != 200:
            raise SystemExit(f"GET {path} on port {self.port} answered {status}")
        return elapsed, ticks, headers


def newsdesk_env(args: argparse.Namespace, page_cache: bool) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.render_settings",
        "DEBUG": "0",
        "PAGE_CACHE": "1" if page_cache else "0",
    }
    # Media (the pictures' originals) live there on PostgreSQL too.
    env["NEWSDESK_DATA_DIR"] = str(args.data_dir)
    return env


def run_newsdesk(args: argparse.Namespace, *command: str) -> None:
    env = newsdesk_env(args, page_cache=True)
    subprocess.run([str(BIN / "newsdesk"), *command], env=env, cwd=ROOT, check=True)


def ensure_datasets(args: argparse.Namespace) -> Path:
    """newsdesk's data set (built with `newsdesk demo` when missing) and stock Wagtail's,
    made of the same articles; returns the exported articles."""
    postgres = bool(os.environ.get("DATABASE_URL"))
    if not postgres and not (args.data_dir / "newsdesk.sqlite3").exists():
        print(f"building {args.articles:,} articles in {args.data_dir}", flush=True)
        run_newsdesk(args, "migrate", "-v0")
        run_newsdesk(args, "demo", "--articles", str(args.articles))
        if args.articles > 10_000:  # the demo indexes up to 10,000 articles itself
            run_newsdesk(args, "update_index")
    exported = ROOT / "var" / f"stock-articles-{args.database_label}-{args.articles}.jsonl"
    if not exported.exists():
        env = newsdesk_env(args, page_cache=True)
        export = [sys.executable, "-m", "bench.stock_wagtail.export", str(exported)]
        subprocess.run(export, env=env, cwd=ROOT, check=True)
    count = sum(1 for _ in exported.open())
    stock_wagtail.generate(args.stock_dir, count, exported, args.stock_database_url)
    return exported


def discover(client: Client, exported: Path) -> dict[str, tuple[str, str]]:
    """newsdesk's path and stock Wagtail's for each page, found from the home page."""
    home = client.request("GET", "/")[2].decode()
    article = re.search(r'class="card__title"[^>]*><a href="([^"]+)"', home)
    section = re.search(r'<a[^>]+href="(/[a-z-]+/)"[^>]*>\s*News\s*<', home)
    if not (article and section):
        raise SystemExit("the home page links no article or section: build the demo first")
    article_path = article.group(1)
    stock_slug = None
    with exported.open() as lines:
        for line in lines:
            row = json.loads(line)
            if row["path"].endswith(article_path):
                stock_slug = row["slug"]
    if stock_slug is None:
        raise SystemExit(f"{article_path} is not among the exported articles")
    page = client.request("GET", article_path)[2].decode()
    title = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL)
    words = sorted(re.findall(r"[A-Za-z]{5,}", title.group(1) if title else ""), key=len)
    if not words:
        raise SystemExit("the article has no title to search for")
    word = quote(words[-1].lower())
    return {
        "home": ("/", "/"),
        "list": (section.group(1), "/blog/"),
        "article": (article_path, f"/blog/{stock_slug}/"),
        "search": (f"/search/?q={word}", f"/search/?query={word}"),
    }


def forget(client: Client) -> None:
    status = client.request("POST", "/bench/forget")[0]
    if status != 204:
        raise SystemExit(f"POST /bench/forget answered {status}")


def measure(
    variant: str,
    clients: dict[str, Client],
    paths: tuple[str, str],
    args: argparse.Namespace,
) -> tuple[list[float], int, int]:
    """`args.per_round` latencies of one page on one server, the server's CPU ticks for
    them, and how many of them were answered from the page cache."""
    ours, stock = paths
    if variant == "stock":
        client, path, before = clients["stock"], stock, None
    elif variant == "hit":
        client, path, before = clients["hit"], ours, None
    else:
        client, path = clients["render"], ours
        before = (lambda: forget(client)) if variant == "cold" else None
    if before is None:
        for _ in range(args.warmup):
            client.timed(path)
    samples, ticks, hits = [], 0, 0
    for _ in range(args.per_round):
        if before:
            before()
        elapsed, used, headers = client.timed(path)
        samples.append(round(elapsed, 3))
        ticks += used
        hits += headers.get("x-cache", "").upper().startswith("HIT")
    return samples, ticks, hits


def summary(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {
        "p50": round(statistics.median(samples), 3),
        "p90": round(cuts[89], 3),
        "p99": round(cuts[98], 3),
        "mean": round(statistics.fmean(samples), 3),
    }


def git(*command: str) -> str:
    return subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True).stdout


def database_version(args: argparse.Namespace) -> str:
    env = newsdesk_env(args, page_cache=True)
    code = (
        "import django; django.setup(); from django.db import connection; "
        "c = connection; c.ensure_connection(); "
        "print(c.vendor, '.'.join(map(str, divmod(c.pg_version, 10000))) "
        "if c.vendor == 'postgresql' else c.Database.sqlite_version)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True)
    return out.stdout.decode().strip()


def run(args: argparse.Namespace, exported: Path) -> dict:
    started = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()
    rows: dict[str, dict[str, list[float]]] = {p: {v: [] for v in VARIANTS} for p in PAGES}
    hits: dict[str, dict[str, int]] = {p: dict.fromkeys(VARIANTS, 0) for p in PAGES}
    ticks: dict[str, dict[str, int]] = {p: dict.fromkeys(VARIANTS, 0) for p in PAGES}
    stock_env = stock_wagtail.environment(args.stock_dir, args.stock_database_url)
    with ExitStack() as servers:
        ports = {
            "hit": servers.enter_context(granian(APP, newsdesk_env(args, True))),
            "render": servers.enter_context(granian(APP, newsdesk_env(args, False))),
            "stock": servers.enter_context(
                granian("stocksite.wsgi:application", stock_env, cwd=args.stock_dir)
            ),
        }
        clients = {name: Client(port) for name, port in ports.items()}
        paths = discover(clients["render"], exported)
        for name, (ours, stock) in paths.items():
            fetch(ports["stock"], stock)
            fetch(ports["hit"], ours)
            print(f"{name}: newsdesk {ours}  stock {stock}", flush=True)
        loads = [load_before]
        for number in range(args.rounds):
            # A different order each round: no server always follows another.
            order = VARIANTS[number % 4 :] + VARIANTS[: number % 4]
            for page in PAGES:
                for variant in order:
                    samples, used, answered = measure(variant, clients, paths[page], args)
                    rows[page][variant].extend(samples)
                    ticks[page][variant] += used
                    hits[page][variant] += answered
            loads.append(os.getloadavg())
            print(f"round {number + 1}/{args.rounds}, load average {loads[-1][0]:.1f}", flush=True)
    return {
        "benchmark": "compare",
        "started": started.isoformat(timespec="seconds"),
        "seconds": round((datetime.datetime.now(datetime.UTC) - started).total_seconds()),
        "command": " ".join(["bench/compare.py", *sys.argv[1:]]),
        "commit": git("rev-parse", "HEAD").strip(),
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no").strip()),
        "machine": {
            "cpus": os.cpu_count(),
            "processor": cpu_model(),
            "python": platform.python_version(),
            "load_average_1_5_15": {"before": load_before, "rounds": loads},
        },
        "articles": args.articles,
        "stock_articles": sum(1 for _ in exported.open()),
        "database": args.database_label,
        "database_version": database_version(args),
        "shared_cache": "redis" if os.environ.get("REDIS_URL") else "file",
        "rounds": args.rounds,
        "per_round": args.per_round,
        "warmup": args.warmup,
        "web_threads": int(os.environ.get("WEB_THREADS", "8")),
        "paths": {page: {"newsdesk": p[0], "stock": p[1]} for page, p in paths.items()},
        "results": {
            page: {
                variant: {
                    **summary(samples),
                    # The server process's CPU (not the database server's), per request.
                    "cpu_ms": round(ticks[page][variant] * TICK_MS / len(samples), 2),
                    "page_cache_hits": hits[page][variant],
                    "samples": samples,
                }
                for variant, samples in by_variant.items()
            }
            for page, by_variant in rows.items()
        },
    }


APP = "newsdesk.wsgi:application"


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor()
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else platform.processor()


def print_table(result: dict) -> None:
    print(f"\n{result['database']}, {result['articles']:,} articles, p50 ms")
    print(f"{'page':8} " + " ".join(f"{v:>9}" for v in VARIANTS) + "  stock / warm, / cold")
    for page, cells in result["results"].items():
        p50 = {variant: cells[variant]["p50"] for variant in VARIANTS}
        print(
            f"{page:8} "
            + " ".join(f"{p50[v]:9.2f}" for v in VARIANTS)
            + f"  {p50['stock'] / p50['warm']:.1f}x, {p50['stock'] / p50['cold']:.1f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000, help="size of both data sets")
    parser.add_argument(
        "--data-dir", type=Path, help="default: var/bench-sqlite-<N> or var/bench-pg-<N>"
    )
    parser.add_argument("--stock-dir", type=Path, default=ROOT / "var" / "stock-wagtail")
    parser.add_argument(
        "--stock-database-url",
        default="",
        help="stock Wagtail's database (required with DATABASE_URL; default: SQLite file)",
    )
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--per-round", type=int, default=10, help="timed requests per round")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests before them")
    parser.add_argument(
        "--output", type=Path, help="default: bench/results/compare-<db>-<date>.json"
    )
    args = parser.parse_args()
    postgres = bool(os.environ.get("DATABASE_URL"))
    args.database_label = "postgresql" if postgres else "sqlite"
    folder = f"bench-{'pg' if postgres else 'sqlite'}-{args.articles}"
    args.data_dir = (args.data_dir or ROOT / "var" / folder).resolve()
    args.stock_dir = args.stock_dir.resolve()
    if postgres and not args.stock_database_url.startswith("postgres"):
        raise SystemExit("with DATABASE_URL, give stock Wagtail a PostgreSQL database too")
    if not postgres:
        stock_db = args.stock_dir / f"db-{args.articles}.sqlite3"
        args.stock_database_url = f"sqlite:///{stock_db}"
    exported = ensure_datasets(args)
    result = run(args, exported)
    RESULTS.mkdir(exist_ok=True)
    stamp = result["started"][:16].replace(":", "")
    output = args.output or RESULTS / f"compare-{args.database_label}-{stamp}.json"
    output.write_text(json.dumps(result, indent=1) + "\n")
    print_table(result)
    print(f"\nwritten: {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")


if __name__ == "__main__":
    main()
