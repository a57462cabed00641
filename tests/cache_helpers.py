"""Watching what the shared cache is asked for, without changing what it answers."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache


class counting_cache_reads:
    """Records the keys read from the shared cache while the block runs (a get_many that
    the backend makes of single gets counts once)."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self._inside_get_many = False

    def __enter__(self) -> counting_cache_reads:
        real_get_many, real_get = cache.get_many, cache.get

        def get_many(keys: list[str], *args: Any, **kwargs: Any) -> Any:
            self.keys.extend(keys)
            self._inside_get_many = True
            try:
                return real_get_many(keys, *args, **kwargs)
            finally:
                self._inside_get_many = False

        def get(key: str, *args: Any, **kwargs: Any) -> Any:
            if not self._inside_get_many:
                self.keys.append(key)
            return real_get(key, *args, **kwargs)

        cache.get_many = get_many  # type: ignore[method-assign,assignment]
        cache.get = get  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        del cache.get_many
        del cache.get
