"""`newsdesk serve`: the site, served by granian, with uploaded media served beside it."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


def granian_command(host: str, port: int, workers: int) -> list[str]:
    media_root = str(settings.MEDIA_ROOT)
    os.makedirs(media_root, exist_ok=True)
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
        "--static-path-route",
        settings.MEDIA_URL.rstrip("/"),
        "--static-path-mount",
        media_root,
        "newsdesk.wsgi:application",
    ]


class Command(BaseCommand):
    help = "Serve the site with granian (replaces this process, so Ctrl-C stops the server)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=settings.ENV.web_workers)

    def handle(self, *args: Any, host: str, port: int, workers: int, **options: Any) -> None:
        command = granian_command(host, port, workers)
        self.stdout.write(f"Serving newsdesk at http://{host}:{port}/ (Ctrl-C stops it)")
        self.stdout.flush()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE)
        os.execv(command[0], command)
