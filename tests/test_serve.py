"""`newsdesk serve`, as `make demo` runs it: granian, whitenoise static files and media."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from email.message import Message
from pathlib import Path

import pytest

from newsdesk.core.management.commands.serve import granian_command

from .commands import NEWSDESK, newsdesk_env

# Servers in processes of their own, on the embedded database whatever the run's: run once
# in CI (see .ci/run).
pytestmark = pytest.mark.servers
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    status, _headers, body = _fetch(url)
    return status, body


def _fetch(url: str) -> tuple[int, Message, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


_served_pid: dict[str, int] = {}


@pytest.fixture(scope="module")
def served(new_data_dir: Callable[[], Path]) -> Iterator[tuple[str, Path]]:
    data_dir = new_data_dir()
    port = _free_port()
    # The embedded default and the demo's settings, as a new user gets them.
    env = {**newsdesk_env(data_dir), "BASE_URL": f"http://127.0.0.1:{port}"}
    # Its own process group: granian's workers outlive a killed parent.
    server = subprocess.Popen(
        [NEWSDESK, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    _served_pid[base] = server.pid
    try:
        _wait_until_up(base)
        yield base, data_dir
    finally:
        _stop(server)


def _stop(server: subprocess.Popen) -> None:
    """Stop the server's whole process group; kill it if it does not stop in time."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        raise


def _wait_until_up(base: str, seconds: float = 180) -> None:
    # Generous: on a loaded CI machine, starting granian's workers and the task worker
    # (each importing Django and Wagtail) can take a minute.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            _get(f"{base}/admin/login/")
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("newsdesk serve did not come up")


def test_it_serves_the_admin_login(served: tuple[str, Path]) -> None:
    base, _data = served
    status, body = _get(f"{base}/admin/login/")
    assert status == 200
    assert b"<form" in body


def test_it_serves_the_stylesheet(served: tuple[str, Path]) -> None:
    base, _data = served
    status, body = _get(f"{base}/static/newsdesk/css/site.css")
    assert status == 200
    assert body == (ROOT / "newsdesk/static/newsdesk/css/site.css").read_bytes()


def test_it_serves_uploaded_media(served: tuple[str, Path]) -> None:
    base, data_dir = served
    (data_dir / "media" / "hello.txt").write_text("uploaded")
    assert _get(f"{base}/media/hello.txt") == (200, b"uploaded")


def test_it_serves_media_that_cannot_run_as_a_page(served: tuple[str, Path]) -> None:
    base, data_dir = served
    (data_dir / "media" / "upload.html").write_text("<script>alert(1)</script>")
    status, headers, _body = _fetch(f"{base}/media/upload.html")
    assert status == 200
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == (
        "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox"
    )


def test_it_answers_a_missing_page_with_the_sites_own_page(served: tuple[str, Path]) -> None:
    base, _data = served
    status, body = _get(f"{base}/fa/no-such-page/")
    assert status == 404
    assert b'<html lang="fa" dir="rtl">' in body
    assert b"URLconf" not in body and b"DEBUG = True" not in body


def test_it_names_the_site_by_base_url(served: tuple[str, Path]) -> None:
    base, _data = served
    status, body = _get(f"{base}/robots.txt")
    assert status == 200
    assert f"Sitemap: {base}/sitemap.xml".encode() in body


def _child_pids(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if f"PPid:\t{pid}\n" in status.read_text():
                found.append(int(status.parent.name))
        except OSError:
            continue
    return found


def _children_of(pid: int) -> list[str]:
    """Command lines of the processes whose parent is `pid`."""
    commands = []
    for child in _child_pids(pid):
        try:
            commands.append(
                Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            )
        except OSError:
            continue
    return commands


def test_it_runs_the_background_worker_beside_the_server(served: tuple[str, Path]) -> None:
    base, _data = served
    server_pid = _served_pid[base]
    children = _children_of(server_pid)
    assert any("granian" in command for command in children)
    assert any(" worker" in command for command in children)


def test_it_stops_server_and_worker_when_asked_to_stop(
    new_data_dir: Callable[[], Path],
) -> None:
    env = newsdesk_env(new_data_dir())
    port = _free_port()
    server = subprocess.Popen(
        [NEWSDESK, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_until_up(f"http://127.0.0.1:{port}")
        children = _child_pids(server.pid)
        assert len(children) == 2
        server.send_signal(signal.SIGTERM)  # the command only, not its group
        assert server.wait(timeout=30) == 0
        time.sleep(0.5)
        assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)


def test_it_gives_each_granian_worker_a_fixed_number_of_threads() -> None:
    # Each thread holds a database connection: an open-ended pool exhausts PostgreSQL.
    command = granian_command("127.0.0.1", 8000, workers=2, threads=6)
    assert command[command.index("--blocking-threads") + 1] == "6"
