"""The embedded shared cache (newsdesk.core.filecache): Django's file cache that counts its
folder once per CULL_EVERY writes instead of before every write."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from newsdesk.core.filecache import CULL_EVERY, FileCache

MAX_ENTRIES = 20


def entries(folder: Path) -> int:
    return len(list(folder.glob("*.djcache")))


@pytest.fixture
def cache(tmp_path: Path) -> FileCache:
    return FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": MAX_ENTRIES}})


@pytest.mark.parametrize("writes", [MAX_ENTRIES + 1, 3 * CULL_EVERY, 10 * CULL_EVERY + 7])
def test_it_never_holds_more_than_a_counts_worth_of_writes_past_its_limit(
    cache: FileCache, tmp_path: Path, writes: int
) -> None:
    for n in range(writes):
        cache.set(f"key:{n}", n)
        assert entries(tmp_path) < MAX_ENTRIES + CULL_EVERY


def test_it_culls_once_it_has_counted_a_full_folder(cache: FileCache, tmp_path: Path) -> None:
    for n in range(5 * CULL_EVERY):
        cache.set(f"key:{n}", n)

    # The last write was a count: culled back under the limit.
    assert entries(tmp_path) <= MAX_ENTRIES


def test_it_keeps_what_was_written_below_its_limit(cache: FileCache) -> None:
    for n in range(MAX_ENTRIES - 1):
        cache.set(f"key:{n}", n)

    assert [cache.get(f"key:{n}") for n in range(MAX_ENTRIES - 1)] == list(range(MAX_ENTRIES - 1))


def _write_many(folder: str, writer: int, writes: int) -> None:
    cache = FileCache(folder, {"OPTIONS": {"MAX_ENTRIES": MAX_ENTRIES}})
    for n in range(writes):
        cache.set(f"writer:{writer}:key:{n}", n)


def test_several_processes_culling_at_once_stay_within_a_count_each(tmp_path: Path) -> None:
    """Each worker process counts and culls on its own: they may delete the same files at
    once (the later delete finds nothing, which Django's cache allows) and each may be up
    to a count's worth of writes past the limit, never more."""
    writers = [
        multiprocessing.get_context("fork").Process(
            target=_write_many, args=(str(tmp_path), writer, 6 * CULL_EVERY)
        )
        for writer in range(3)
    ]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=60)

    assert [process.exitcode for process in writers] == [0, 0, 0]
    assert 0 < entries(tmp_path) < MAX_ENTRIES + len(writers) * CULL_EVERY
