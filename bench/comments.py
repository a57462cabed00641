"""Comments benchmark: an article with 10,000 approved comments against one with none.

    .venv/bin/python bench/comments.py [--requests 200] [--comments 10000]

Builds a small site in a fresh SQLite database in a temporary folder (or uses DATABASE_URL,
which must name an empty database), then requests both articles in-process with Django's
test client, one at a time, and reports the median time and the queries per view. Two
modes: "kept" reuses the rendered comment threads (newsdesk.core.fragments), as every view
after the first does; "cold" forgets every fragment before each view, as the first view
after a comment is approved does. The target (issue 4): no more queries, at most 1.5x the
time with 10,000 comments.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--comments", type=int, default=10_000)
    args = parser.parse_args()
    os.environ.setdefault("NEWSDESK_DATA_DIR", tempfile.mkdtemp(prefix="newsdesk-bench-"))
    os.environ.setdefault("DEBUG", "0")
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings.test"
    sys.path.insert(0, str(ROOT))

    import django  # noqa: PLC0415 (settings must be chosen first)

    django.setup()
    run(args.requests, args.comments)


def run(requests: int, count: int) -> None:
    # Imported once Django is set up.
    from django.core.cache import caches  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from bench import record  # noqa: PLC0415
    from newsdesk.comments.models import Comment, Status  # noqa: PLC0415
    from tests import factories  # noqa: PLC0415

    started = record.start()
    call_command("migrate", verbosity=0)
    home = factories.make_home()
    news = factories.make_section(home, "News")
    busy = factories.make_article(news, "An article with many comments")
    quiet = factories.make_article(news, "An article with none")
    start = timezone.now() - timedelta(days=1)
    roots = Comment.objects.bulk_create(
        Comment(
            article=busy,
            name=f"Reader {n}",
            email=f"reader{n}@example.com",
            text=f"Comment {n}: a few sentences of what a reader thought.\nSecond line.",
            status=Status.APPROVED,
            created_at=start + timedelta(seconds=n),
        )
        for n in range(count * 4 // 5)
    )
    Comment.objects.bulk_create(
        Comment(
            article=busy,
            parent=root,
            root=root,
            depth=1,
            name="Replier",
            email="replier@example.com",
            text=f"A reply to {root.name}, see https://example.org/{n}",
            status=Status.APPROVED,
            created_at=root.created_at + timedelta(milliseconds=500),
        )
        for n, root in enumerate(roots[: count - len(roots)])
    )
    client = Client(HTTP_HOST="localhost")

    def measure(url: str, cold: bool) -> tuple[float, int]:
        for _ in range(20):
            client.get(url)
        times = []
        for _ in range(requests):
            if cold:
                caches["fragments"].clear()
            began = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
        if cold:
            caches["fragments"].clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return statistics.median(times), len(queries)

    engine = connection.vendor
    print(f"{Comment.objects.filter(article=busy).count()} comments; {engine}; {requests} views")
    print("| mode | none: p50 | none: queries | 10,000: p50 | 10,000: queries | ratio |")
    print("|---|---|---|---|---|---|")
    rows = []
    for cold in (False, True):
        none_ms, none_q = measure(quiet.url, cold)
        many_ms, many_q = measure(busy.url, cold)
        mode = "cold" if cold else "kept"
        print(
            f"| {mode} | {none_ms:.1f} ms | {none_q} | {many_ms:.1f} ms | {many_q} "
            f"| {many_ms / none_ms:.2f}x |"
        )
        rows.append(
            {
                "mode": mode,
                "no_comments": {"p50_ms": none_ms, "queries": none_q},
                "many_comments": {"p50_ms": many_ms, "queries": many_q},
            }
        )
    record.save("comments", started, rows, requests=requests, comments=count)


if __name__ == "__main__":
    main()
