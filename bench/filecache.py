"""What one write to the embedded shared cache costs as its folder fills: Django's
FileBasedCache (which lists the folder before every write) against ours
(newsdesk.core.filecache, which lists it once per CULL_EVERY writes).

    .venv/bin/python bench/filecache.py [--writes 2000]

Writes bench/results/filecache-<database>-<time>.json (decision 0020).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from django.conf import settings

settings.configure()

from django.core.cache.backends.filebased import FileBasedCache  # noqa: E402

from bench import record  # noqa: E402
from newsdesk.core.filecache import FileCache  # noqa: E402

FILLED = (0, 1_000, 5_000, 19_000)  # entries already in the folder (MAX_ENTRIES 20,000)


def cost_of_a_write(backend: type[FileBasedCache], filled: int, writes: int) -> float:
    """Median microseconds of one set() into a folder already holding `filled` entries."""
    with tempfile.TemporaryDirectory() as folder:
        filler = FileCache(folder, {"OPTIONS": {"MAX_ENTRIES": 20_000}})
        for n in range(filled):  # filled by ours either way: only the writes below count
            filler.set(f"filled:{n}", n, 3600)
        cache = backend(folder, {"OPTIONS": {"MAX_ENTRIES": 20_000}})
        timings = []
        for n in range(writes):
            started = time.perf_counter()
            cache.set(f"tag:{n % 100}", n, 3600)
            timings.append(time.perf_counter() - started)
        return statistics.median(timings) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writes", type=int, default=2000)
    arguments = parser.parse_args()
    started = record.start()
    rows = []
    for filled in FILLED:
        django_us = cost_of_a_write(FileBasedCache, filled, arguments.writes)
        ours_us = cost_of_a_write(FileCache, filled, arguments.writes)
        rows.append({"entries": filled, "django_us": round(django_us), "ours_us": round(ours_us)})
        print(f"{filled:>6} entries: Django {django_us:8.0f} µs, ours {ours_us:6.0f} µs a write")
    print(record.save("filecache", started, {"rows": rows}, writes=arguments.writes))


if __name__ == "__main__":
    main()
