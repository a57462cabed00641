"""Django's file cache, with an add() that only one caller wins and cheaper writes.

Django's `FileBasedCache.add()` checks whether the key exists, then writes: two processes
(or threads) adding the same key at once can both be told they added it. What relies on
add() being a claim (a comment token spent once, a duplicate post caught, a visit
counted once) holds with Redis, whose add is one SET NX; here adds take turns on a lock
file in the cache folder. Adds are rare next to reads, which take no lock.

Django's set() counts the folder's files (a directory listing) before every write, to
cull when there are more than MAX_ENTRIES; publishing one article writes about 80 tag
versions, so with a full folder most of a publish went into listing it
(bench/filecache.py; decision 0020). Here the folder is counted once per CULL_EVERY
writes of a process: it may hold up to that many entries more than MAX_ENTRIES per
process, a few hundred kilobytes.
"""

from __future__ import annotations

import os
import random
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks

# Not a cache entry's name (those end in .djcache): clear() and culling leave it alone.
LOCK_NAME = "add.lock"
CULL_EVERY = 50  # writes between two counts of the folder's files, per process


class FileCache(FileBasedCache):
    _writes_since_count = 0

    def _cull(self) -> None:
        self._writes_since_count += 1
        if self._writes_since_count < CULL_EVERY:
            return
        self._writes_since_count = 0
        names = self._list_cache_files()  # type: ignore[attr-defined]
        excess = len(names) - self._max_entries
        if excess < 0:
            return
        if self._cull_frequency == 0:
            self.clear()
            return
        # Back under the limit, and a fraction below it as Django culls (1/3 by default).
        below = self._max_entries // self._cull_frequency
        for name in random.sample(names, min(len(names), excess + below)):
            self._delete(name)  # type: ignore[attr-defined]

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        self._createdir()  # type: ignore[attr-defined]
        with open(os.path.join(self._dir, LOCK_NAME), "ab") as lock:  # type: ignore[attr-defined]
            locks.lock(lock, locks.LOCK_EX)
            try:
                return super().add(key, value, timeout, version)
            finally:
                locks.unlock(lock)
