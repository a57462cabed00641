"""One cache call, the library's against the hand-written backends that decision 0020
removed (newsdesk.core.rediscache and newsdesk.core.localcache, copied below as they were
so that the comparison can be made again), in this process (no server; Redis on loopback).

    REDIS_URL=redis://127.0.0.1:6379/<n> .venv/bin/python bench/cache_calls.py \\
        [--calls 5000] [--out bench/results/cache-calls.json]

- Redis: `get` of a present key (a tag version, as fragments and the page cache read
  them) with Django's RedisCache (a new redis.Redis per call) and with ours (one per
  pool); also `get_many` of 6 keys, a page's miss in one call.
- Process memory: `get` of a kept part (fragments' stored value: 20 kB of HTML with its
  tags' versions) with Django's LocMemCache (pickled) and with ours (kept as it is).

Each figure is the median of 7 rounds of --calls calls, in microseconds per call.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.cache.backends.locmem import LocMemCache  # noqa: E402
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache  # noqa: E402
from django.core.cache.backends.redis import RedisCacheClient  # noqa: E402

from newsdesk.core import fragments  # noqa: E402


class _ReusingClient(RedisCacheClient):
    """The removed newsdesk.core.rediscache: one redis.Redis per pool, not one per call."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]
        if index not in self._clients:
            pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
            self._clients[index] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return self._clients[index]


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ReusingClient


class InProcessCache(LocMemCache):
    """The removed newsdesk.core.localcache, for kept parts: plain values unpickled."""

    def set(self, key: Any, value: Any, timeout: Any = 300, version: Any = None) -> None:
        if not isinstance(getattr(value, "value", None), str):
            super().set(key, value, timeout, version)
            return
        key = self.make_and_validate_key(key, version=version)
        with self._lock:  # type: ignore[attr-defined]
            self._set(key, (value,), timeout)  # type: ignore[attr-defined]

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        with self._lock:  # type: ignore[attr-defined]
            if self._has_expired(key):  # type: ignore[attr-defined]
                self._delete(key)  # type: ignore[attr-defined]
                return default
            stored = self._cache[key]  # type: ignore[attr-defined]
            self._cache.move_to_end(key, last=False)  # type: ignore[attr-defined]
        return stored[0] if isinstance(stored, tuple) else pickle.loads(stored)


def per_call(calls: int, call: Callable[[], object]) -> float:
    for _ in range(min(calls, 500)):
        call()
    rounds = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        rounds.append((time.perf_counter() - start) / calls * 1e6)
    return statistics.median(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "cache-calls.json")
    args = parser.parse_args()
    url = os.environ["REDIS_URL"]
    results: dict[str, float] = {}
    keys = [f"bench:tag:{n}" for n in range(6)]
    for name, backend in (
        ("Django RedisCache", DjangoRedisCache(url, {"KEY_PREFIX": "bench-calls"})),
        ("newsdesk rediscache", RedisCache(url, {"KEY_PREFIX": "bench-calls"})),
    ):
        backend.set_many(dict.fromkeys(keys, "0123456789abcdef"), 600)
        results[f"{name}: get"] = per_call(args.calls, lambda b=backend: b.get(keys[0]))
        results[f"{name}: get_many(6)"] = per_call(args.calls, lambda b=backend: b.get_many(keys))
    stored = fragments._Stored(
        versions={f"page:{n}": "0123456789abcdef" for n in range(5)},
        expires_at=datetime(2030, 1, 1, tzinfo=UTC),
        value="<article>" + "x" * 20_000 + "</article>",
    )
    for name, memory in (
        ("Django LocMemCache", LocMemCache("bench-calls-locmem", {})),
        ("newsdesk localcache", InProcessCache("bench-calls-local", {})),
    ):
        memory.set("part", stored, 600)
        results[f"{name}: get of a kept part"] = per_call(
            args.calls, lambda m=memory: m.get("part")
        )
    for label, micros in results.items():
        print(f"{label:50} {micros:8.1f} µs")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "script": "bench/cache_calls.py",
        "calls": args.calls,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load": [round(n, 2) for n in os.getloadavg()],
        "microseconds_per_call": results,
    }
    args.out.write_text(json.dumps(payload, indent=1) + "\n")


if __name__ == "__main__":
    main()
