"""Servers for the benchmarks: granian started in its own process group, waited for,
asked for a page, and stopped with its whole group (its workers outlive a killed parent)."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRANIAN = str(Path(sys.executable).with_name("granian"))
# As `newsdesk serve` runs it (WEB_THREADS, default 8), for every server measured.
THREADS = int(os.environ.get("WEB_THREADS", "8"))
HOST = "localhost"


def free_port() -> int:
    """A free port: any the system gives, or on a shared machine the first free one of the
    100 from BENCH_PORTS on (as bench/layers.py)."""
    first = int(os.environ.get("BENCH_PORTS", "0"))
    for port in range(first, first + 100) if first else [0]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise SystemExit(f"no free port from BENCH_PORTS={first} on")


@contextmanager
def granian(
    target: str, env: dict[str, str], cpu: int | None = None, cwd: Path = ROOT
) -> Iterator[int]:
    """One granian worker serving `target` on a free port, pinned to `cpu` if given."""
    port = free_port()
    pinned = ["taskset", "-c", str(cpu)] if cpu is not None else []
    command = [
        *pinned,
        GRANIAN,
        *("--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)),
        *("--workers", "1", "--blocking-threads", str(THREADS), "--log-level", "warning"),
        target,
    ]
    process = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True)
    try:
        wait_for(port)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"no server came up on port {port}")


def fetch(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Host": HOST})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"GET {path} answered {response.status}")
    return body
