"""Django's local-memory cache, keeping values that cannot change as they are.

LocMemCache pickles every value it stores and unpickles it on every read, so that each
reader gets its own copy: right for model instances, which code may change. A kept page
part is mostly HTML, a string that nobody can change, and unpickling it on each of a
dozen reads per page cost about a tenth of a page view. Values that say they are
immutable (`newsdesk_immutable`, see fragments._Stored) are kept as they are; every
other value is pickled as before.
"""

from __future__ import annotations

import pickle
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


class _AsIs:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class InProcessCache(LocMemCache):
    # LocMemCache's own state (not in its type stubs).
    _cache: Any
    _lock: Any
    _set: Any
    _delete: Any
    _has_expired: Any

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        if not getattr(value, "newsdesk_immutable", False):
            super().set(key, value, timeout, version)
            return
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, _AsIs(value), timeout)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            stored = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return stored.value if isinstance(stored, _AsIs) else pickle.loads(stored)
