"""Which of CI's two runs has which test module (`--ci-share`, decision 0018).

No Django here: tools/ci_seconds.py reads it too.
"""

from __future__ import annotations

import functools
import json
import zlib
from pathlib import Path

# Test modules of code that is not the same on the embedded setup (SQLite, the file cache
# and its change file) and in production (PostgreSQL, Redis and its channel): the search
# backends (with their query budgets), the view stores, the cache backends and what is
# built on them, the task queue; and the newsroom's timed and locked features (corrections,
# the ticker, live coverage, newsletters, the editor's desk: the worker's queue, row locks
# that SQLite does not take), whose issue asks for both. CI runs these on both databases,
# and every other test in one of its two runs (--ci-share, decision 0018).
ON_BOTH_DATABASES = (
    "analytics/",
    "test_changewatch.py",
    "test_comments_pipeline.py",
    "test_corrections.py",
    "test_editors_desk.py",
    "test_feed_cache.py",
    "test_filecache.py",
    "test_filewatch.py",
    "test_fragments.py",
    "test_health.py",
    "test_invalidation",
    "test_kept_parts_memory.py",
    "test_live",
    "test_newsletters.py",
    "test_page_cache",
    "test_rediscache.py",
    "test_search",
    "test_throttling.py",
    "test_ticker.py",
    "test_timed_changes",
)
CI_SHARES = ("sqlite", "postgresql")
# Seconds per module measured in CI's runs (tools/ci_seconds.py), to balance the two.
CI_SECONDS = Path(__file__).resolve().parent / "ci_seconds.json"


def shares_of(module: str) -> tuple[str, ...]:
    """The CI runs that have a test module (its path under tests/): both for the modules of
    ON_BOTH_DATABASES, otherwise one, the same every time: the one that balances the runs'
    measured seconds (tests/ci_seconds.json), or for a module not measured yet, a hash of
    its path."""
    if module.startswith(ON_BOTH_DATABASES):
        return CI_SHARES
    balanced = balanced_shares()
    if module in balanced:
        return (balanced[module],)
    return (CI_SHARES[zlib.crc32(module.encode()) % len(CI_SHARES)],)


@functools.cache
def balanced_shares() -> dict[str, str]:
    """Each measured module in the run with fewer seconds so far, the longest first, after
    what each run has whatever the balance (tools/ci_seconds.py writes the measurements)."""
    measured = json.loads(CI_SECONDS.read_text(encoding="utf-8"))
    totals = {share: measured["fixed"][share] for share in CI_SHARES}
    chosen = {}
    for module, seconds in sorted(measured["modules"].items(), key=lambda m: (-m[1], m[0])):
        share = min(CI_SHARES, key=lambda s: (totals[s], s))
        chosen[module] = share
        totals[share] += seconds
    return chosen
