"""What each in-process cache layer buys: the site as shipped against the site with one
layer replaced by what Django or redis-py gives, or with all of them replaced, served
as `newsdesk serve` serves it (granian, its command line), directly and behind Varnish.
Decision 0020 quotes its results (bench/results/cache-layers-postgresql-redis.json),
measured at commit 34f4b1b with two more variants, for the two pieces that decision then
replaced by Django's own (newsdesk.core.rediscache, newsdesk.core.localcache).

    DATABASE_URL=postgresql://... REDIS_URL=redis://127.0.0.1:6379/<n> \\
        .venv/bin/python bench/layers.py [--duration 5] [--cold 120] [--out bench/results/x.json]

The layers (bench/layers_settings.py says how each is replaced):
- `changewatch` (newsdesk.core.changewatch) against reading `changes` per page, and
  against redis-py's client-side caching (`clientcache`);
- `fastpath` (newsdesk.core.fastpath) against Django's page cache middleware alone.

For each variant, on loopback, one granian worker pinned to --server-cpu, wrk (or this
script's own client for the cold rows) pinned to --client-cpu:
- warm hit: an article and the home page with the page cache on, after a first request;
- warm miss: the same with the page cache off (PAGE_CACHE=0), page parts kept;
- cold: a new process on an emptied shared cache (FLUSHDB of REDIS_URL's database),
  then --cold distinct articles, each requested once, 4 at a time;
- behind Varnish (deploy/varnish/default.vcl), with the site's caches warm and Varnish
  empty: the same articles, each a Varnish miss; and a Varnish hit with wrk.

Raw results go to --out as JSON (committed in bench/results/), and a table to stdout.
Needs wrk, taskset and varnishd; installs nothing. Only loopback is ever asked.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import Result, parse_wrk  # noqa: E402 - needs ROOT on the path
from bench.servers import HOST, wait_for  # noqa: E402

BIN = Path(sys.executable).parent
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
VARIANTS = {
    "as shipped": "",
    "no change channel": "changewatch",
    "redis-py client-side cache": "changewatch,clientcache",
    "no fast path": "fastpath",
    "all replaced": "changewatch,fastpath",
}


PORTS = range(
    int(os.environ.get("BENCH_PORTS", "8200")), int(os.environ.get("BENCH_PORTS", "8200")) + 100
)
_next_port = iter(PORTS)


def free_port() -> int:
    """The next free port of the range the benchmark may use (BENCH_PORTS, 100 ports)."""
    for port in _next_port:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port left in {PORTS}")


@dataclass
class Row:
    variant: str
    page: str
    state: str
    front: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def server_command(port: int, without: set[str]) -> list[str]:
    """`newsdesk serve`'s own granian command line, for one worker."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.layers_settings"}
    code = (
        "import django, json; django.setup();"
        "from newsdesk.core.management.commands.serve import granian_command;"
        f"print(json.dumps(granian_command('127.0.0.1', {port}, 1)))"
    )
    printed = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    command: list[str] = json.loads(printed.strip().splitlines()[-1])
    if "fastpath" in without:
        command[-1] = "bench.layers_wsgi:application"
    return command


@contextmanager
def serving(without: set[str], page_cache: bool, cpu: int) -> Iterator[int]:
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.layers_settings",
        "BENCH_WITHOUT": ",".join(sorted(without)),
        "DEBUG": "0",
        "PAGE_CACHE": "1" if page_cache else "0",
    }
    command = ["taskset", "-c", str(cpu), *server_command(port, without)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    try:
        wait_for(port)
        yield port
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)


@contextmanager
def varnish(backend_port: int) -> Iterator[int]:
    with tempfile.TemporaryDirectory() as folder:
        vcl = Path(folder) / "default.vcl"
        vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
        port = free_port()
        command = [
            shutil.which("varnishd") or "/usr/sbin/varnishd",
            *("-F", "-j", "none", "-n", str(Path(folder) / "v")),
            *("-a", f"127.0.0.1:{port}", "-T", f"127.0.0.1:{free_port()}"),
            *("-f", str(vcl), "-s", "malloc,64m"),
        ]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(port)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=30)


def get(connection: http.client.HTTPConnection, path: str) -> int:
    connection.request("GET", path, headers={"Host": HOST, "Accept-Encoding": "gzip, br"})
    response = connection.getresponse()
    response.read()
    return response.status


def wrk(port: int, path: str, args: argparse.Namespace, seconds: float) -> Result:
    command = [
        *("taskset", "-c", str(args.client_cpu), "wrk", "-t", "1", "-c", str(args.connections)),
        *(
            "-d",
            f"{max(1, round(seconds))}s",
            "--latency",
            "--timeout",
            "10s",
            "-H",
            f"Host: {HOST}",
        ),
        *("-H", "Accept-Encoding: gzip, br", f"http://127.0.0.1:{port}{path}"),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def warm(port: int, path: str, args: argparse.Namespace) -> Result:
    get(http.client.HTTPConnection("127.0.0.1", port, timeout=60), path)
    wrk(port, path, args, args.warmup)
    return wrk(port, path, args, args.duration)


def each_once(port: int, paths: list[str], threads: int = 4) -> Result:
    """Every path requested once, `threads` at a time: latencies and the overall rate."""
    samples: list[float] = []
    errors = 0
    lock = threading.Lock()
    queue = list(reversed(paths))

    def work() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not queue:
                    return
                path = queue.pop()
            start = time.perf_counter()
            status = get(connection, path)
            took = (time.perf_counter() - start) * 1000
            with lock:
                samples.append(took)
                errors += status != 200

    started = time.perf_counter()
    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(samples, n=100)
    return Result(len(samples) / elapsed, statistics.median(samples), cuts[98], errors)


def article_paths(port: int, count: int) -> list[str]:
    """Articles named by the site's sitemaps, as paths on this host."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    found: list[str] = []
    connection.request("GET", "/sitemap.xml", headers={"Host": HOST})
    index = connection.getresponse().read().decode()
    for sitemap in re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", index):
        if "article" not in sitemap:
            continue
        connection.request("GET", sitemap, headers={"Host": HOST})
        body = connection.getresponse().read().decode()
        found += re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", body)
        if len(found) >= count:
            return found[:count]
    raise SystemExit(f"the sitemaps name fewer than {count} articles")


def flush_shared_cache() -> None:
    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()


def row(variant: str, page: str, state: str, front: str, result: Result, n: int) -> Row:
    return Row(
        variant, page, state, front, result.per_second, result.p50, result.p99, n, result.errors
    )


def measure(name: str, without: set[str], args: argparse.Namespace, paths: dict) -> list[Row]:
    rows: list[Row] = []
    cold = paths["cold"]
    flush_shared_cache()
    with serving(without, True, args.server_cpu) as port:
        result = each_once(port, cold)
        rows.append(row(name, f"{len(cold)} articles", "cold", "direct", result, len(cold)))
        with varnish(port) as front:
            result = each_once(front, cold)
            rows.append(
                row(name, f"{len(cold)} articles", "site warm, Varnish cold", "Varnish", result, 0)
            )
            if args.varnish_hits:
                each_once(front, [paths["article"]] * 2)
                result = warm(front, paths["article"], args)
                rows.append(row(name, "article", "warm hit", "Varnish", result, 0))
        for page in ("article", "home"):
            result = warm(port, paths[page], args)
            rows.append(row(name, page, "warm hit", "direct", result, 0))
    with serving(without, False, args.server_cpu) as port:
        for page in ("article", "home"):
            result = warm(port, paths[page], args)
            rows.append(row(name, page, "warm miss (no page cache)", "direct", result, 0))
    for line in rows:
        print(
            f"| {line.variant} | {line.page} | {line.state} | {line.front} "
            f"| {line.requests_per_second:,.0f} | {line.p50_ms:.2f} | {line.p99_ms:.2f} "
            f"| {line.errors} |",
            flush=True,
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=5, help="seconds per wrk run")
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--cold", type=int, default=120, help="distinct articles, cold rows")
    parser.add_argument("--server-cpu", type=int, default=0)
    parser.add_argument("--client-cpu", type=int, default=1)
    parser.add_argument("--only", action="append", help="variant names to run (default: all)")
    parser.add_argument("--varnish-hits", action="store_true", help="also Varnish hits, wrk")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "results" / "cache-layers.json"
    )
    args = parser.parse_args()
    if not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
        raise SystemExit("set DATABASE_URL and REDIS_URL: the layers are measured on both")
    with serving(set(), True, args.server_cpu) as port:
        home = get_home(port)
        cold = article_paths(port, args.cold + 1)
    paths = {"article": cold[0], "home": home, "cold": cold[1:]}
    print("| variant | page | state | front | req/s | p50 ms | p99 ms | errors |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |", flush=True)
    rows: list[Row] = []
    for name, without in VARIANTS.items():
        if args.only and name not in args.only:
            continue
        rows += measure(name, set(filter(None, without.split(","))), args, paths)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "script": "bench/layers.py",
                "arguments": {k: str(v) for k, v in vars(args).items()},
                "database": "PostgreSQL",
                "shared cache": "Redis",
                "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, load "
                + " ".join(f"{n:.2f}" for n in os.getloadavg()),
                "commit": subprocess.run(
                    ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
                ).stdout.strip(),
                "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "paths": {"article": paths["article"], "home": home},
                "rows": [asdict(line) for line in rows],
            },
            indent=1,
        )
        + "\n"
    )
    print(f"written: {args.out}")


def get_home(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    if get(connection, "/") != 200:
        raise SystemExit("the home page does not answer 200: build the demo content")
    return "/"


if __name__ == "__main__":
    main()
