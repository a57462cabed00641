"""Settings for bench/layers.py: the site's own, with the in-process layers that
BENCH_WITHOUT names (comma-separated) replaced by what Django or redis-py gives.

- `changewatch`: no channel (NEWSDESK_WATCH_CHANGES off): `changes` is read per page;
- `clientcache`: with `changewatch`, redis-py's client-side caching (RESP3 tracking)
  on the shared cache's connections, so that `changes` is read from the client's copy;
- `fastpath`: chosen by the WSGI target (bench/layers_wsgi.py), listed here for the name.
"""

from __future__ import annotations

import os

from newsdesk.settings.dev import *  # noqa: F403
from newsdesk.settings.dev import CACHES

WITHOUT = {name for name in os.environ.get("BENCH_WITHOUT", "").split(",") if name}

if "clientcache" in WITHOUT and "redis" in CACHES["default"]["BACKEND"]:
    from redis.cache import CacheConfig

    CACHES["default"]["OPTIONS"] = {"protocol": 3, "cache_config": CacheConfig(max_size=10_000)}
if "changewatch" in WITHOUT:
    NEWSDESK_WATCH_CHANGES = False
