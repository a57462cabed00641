"""The baseline: a bare WSGI app that returns fixed bytes, served by the same granian.

bench/pages.py writes the bytes newsdesk served into BENCH_BODY_FILE, so the two servers
return exactly the same response body; the difference is what newsdesk costs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

BODY = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
    start_response("200 OK", HEADERS)
    return [BODY]
