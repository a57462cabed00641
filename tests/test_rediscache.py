"""The shared cache on Redis (newsdesk.core.rediscache). Collected only when REDIS_URL
names a server (see conftest.py)."""

from __future__ import annotations

import os

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache

from newsdesk.core.rediscache import RedisCache


def _fresh_cache() -> BaseCache:
    return RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "test-rediscache"})


def test_it_is_the_shared_cache_when_redis_is_configured() -> None:
    assert isinstance(caches["default"], RedisCache)


def test_it_reads_what_it_wrote() -> None:
    cache = _fresh_cache()
    cache.set("k", {"a": 1}, 30)
    assert cache.get("k") == {"a": 1}


def test_it_uses_one_client_for_every_read_and_write() -> None:
    cache = _fresh_cache()
    client = cache._cache.get_client()  # type: ignore[attr-defined]
    cache.set("k", 1, 30)
    cache.get("k")
    assert cache._cache.get_client(write=True) is client  # type: ignore[attr-defined]
    assert cache._cache.get_client() is client  # type: ignore[attr-defined]
