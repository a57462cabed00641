"""The shared cache on Redis: Django's own backend (decision 0020). Collected only when
REDIS_URL names a server (see conftest.py)."""

from __future__ import annotations

import os

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.redis import RedisCache


def _fresh_cache() -> BaseCache:
    return RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "test-rediscache"})


def test_it_is_the_shared_cache_when_redis_is_configured() -> None:
    assert isinstance(caches["default"], RedisCache)


def test_it_reads_what_it_wrote() -> None:
    cache = _fresh_cache()
    cache.set("k", {"a": 1}, 30)
    assert cache.get("k") == {"a": 1}
