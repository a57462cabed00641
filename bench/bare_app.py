"""The ceiling: a bare WSGI app under the same granian, returning the bytes newsdesk served.

bench/load.py fetches every page it measures from newsdesk, writes each body to a file
and names them in BENCH_BODIES (a JSON object: request path -> file). This app answers
each path with exactly those bytes and nothing else, so the gap between the two servers is
what newsdesk costs. The bytes are read once, at start-up.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path


def _load() -> dict[str, tuple[bytes, list[tuple[str, str]]]]:
    bodies = json.loads(Path(os.environ["BENCH_BODIES"]).read_text())
    loaded = {}
    for path, file in bodies.items():
        body = Path(file).read_bytes()
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
        loaded[path] = (body, headers)
    return loaded


PAGES = _load()
NOT_FOUND = (b"not found", [("Content-Type", "text/plain"), ("Content-Length", "9")])


def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
    path = environ.get("PATH_INFO", "/")
    query = environ.get("QUERY_STRING")
    body, headers = PAGES.get(f"{path}?{query}" if query else path, NOT_FOUND)
    start_response("200 OK" if body is not NOT_FOUND[0] else "404 Not Found", headers)
    return [body]
