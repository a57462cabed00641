"""Django's file cache, with an add() that only one caller wins.

Django's `FileBasedCache.add()` checks whether the key exists, then writes: two processes
(or threads) adding the same key at once can both be told they added it. What relies on
add() being a claim (a comment token spent once, a duplicate post caught, a visit
counted once) holds with Redis, whose add is one SET NX; here adds take turns on a lock
file in the cache folder. Adds are rare next to reads, which take no lock.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks

# Not a cache entry's name (those end in .djcache): clear() and culling leave it alone.
LOCK_NAME = "add.lock"


class FileCache(FileBasedCache):
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
