"""How a process follows `changes` in the embedded file cache (changewatch.FileWatch)."""

from __future__ import annotations

from pathlib import Path

from django.core.cache.backends.filebased import FileBasedCache

from newsdesk.core.changewatch import FileWatch


def _cache_and_watch(folder: Path) -> tuple[FileBasedCache, FileWatch]:
    cache = FileBasedCache(str(folder), {})
    return cache, FileWatch(cache._key_to_file("changes"))


def test_it_gives_a_new_version_when_the_tag_is_written_again(tmp_path: Path) -> None:
    cache, watch = _cache_and_watch(tmp_path)
    cache.set("changes", "v1", 60)
    before = watch.version()
    cache.set("changes", "v2", 60)
    after = watch.version()
    assert after is not None
    assert after != before


def test_it_keeps_its_version_while_the_tag_is_not_written(tmp_path: Path) -> None:
    cache, watch = _cache_and_watch(tmp_path)
    cache.set("changes", "v1", 60)
    before = watch.version()
    cache.set("other", "x", 60)
    assert before is not None
    assert watch.version() == before


def test_it_says_nothing_when_the_tag_has_no_file(tmp_path: Path) -> None:
    cache, watch = _cache_and_watch(tmp_path)
    cache.set("changes", "v1", 60)
    assert watch.version() is not None
    cache.clear()
    assert watch.version() is None
