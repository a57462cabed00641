"""`newsdesk serve`: the site, served by granian (uploaded media by the application itself,
with their own security headers: newsdesk.core.media), and the background worker beside
it, so that nothing needs a second terminal or cron.

Both run as children in this command's process group: stopping the command (Ctrl-C, or a
signal to the group) stops both, and if either stops by itself the other is stopped too.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError

from newsdesk.core.sites import point_default_site_at


def granian_command(host: str, port: int, workers: int, threads: int = 8) -> list[str]:
    os.makedirs(settings.MEDIA_ROOT, exist_ok=True)
    granian = shutil.which("granian", path=os.path.dirname(sys.executable)) or "granian"
    return [
        granian,
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        # Each thread keeps its own database connection: granian would otherwise add
        # threads (up to 512) while slow requests queue, until PostgreSQL refuses
        # connections ("too many clients"; seen under load on search).
        "--blocking-threads",
        str(threads),
        "newsdesk.wsgi:application",
    ]


def worker_command() -> list[str]:
    return [sys.executable, "-m", "newsdesk.cli", "worker", "--no-reload"]


class Command(BaseCommand):
    help = (
        "Serve the site with granian and run the background worker beside it (Ctrl-C stops both)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=settings.ENV.web_workers)
        parser.add_argument(
            "--threads",
            type=int,
            default=settings.ENV.web_threads,
            help="threads per worker, each with its own database connection",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not run the background worker (when it runs elsewhere)",
        )

    def handle(
        self,
        *args: Any,
        host: str,
        port: int,
        workers: int,
        threads: int,
        no_worker: bool,
        **options: Any,
    ) -> None:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
        self._name_the_site()
        commands = [granian_command(host, port, workers, threads)]
        if not no_worker:
            commands.append(worker_command())
        children = [subprocess.Popen(command) for command in commands]
        self.stdout.write(f"Serving newsdesk at http://{host}:{port}/ (Ctrl-C stops it)")
        self.stdout.flush()
        _supervise(children)

    def _name_the_site(self) -> None:
        """The default site takes BASE_URL's host and port, so that every absolute address
        the site writes (canonical links, feeds, sitemaps) is the one readers use."""
        try:
            point_default_site_at(settings.WAGTAILADMIN_BASE_URL)
        except DatabaseError as error:  # not migrated yet: the site says so on its own
            self.stderr.write(f"The site's address was not set from BASE_URL: {error}")


def _supervise(children: list[subprocess.Popen]) -> None:
    """Wait until a signal arrives or a child stops, then stop every child."""
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not stopping and all(child.poll() is None for child in children):
        time.sleep(0.2)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 20
    for child in children:
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            child.kill()
    if not stopping:
        # A child stopped by itself: that is a failure the caller should see.
        sys.exit(next((child.returncode for child in children if child.returncode), 1))
