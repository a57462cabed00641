"""Analytics tests run against each real store: the database always, and Redis whenever
REDIS_URL names a server (CI's second pass). Without REDIS_URL the Redis case is not
generated at all rather than skipped."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from newsdesk.analytics import pipeline, stores, visitors

STORE_KINDS = ["database"] + (["redis"] if settings.NEWSDESK_ANALYTICS["REDIS_URL"] else [])
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
READER_IP = "203.0.113.7"


def make_store(kind: str, name: str | None = None) -> stores.ViewStore:
    """A store of `kind`; Redis stores made with the same `name` share their keys."""
    if kind == "redis":
        name = name or uuid.uuid4().hex[:8]
        prefix = f"{settings.NEWSDESK_ANALYTICS['REDIS_PREFIX']}:{name}"
        return stores.RedisStore(settings.NEWSDESK_ANALYTICS["REDIS_URL"], prefix=prefix)
    # Large batches and no timer: a test writes the buffer when it calls flush().
    return stores.DatabaseStore(batch_size=100_000, flush_seconds=3600)


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, db: None) -> Iterator[stores.ViewStore]:
    """The active store for this test (what the beacon and the lists use)."""
    active = make_store(request.param)
    previous = stores.use_store(active)
    yield active
    if isinstance(active, stores.RedisStore):
        active.clear()
    stores.use_store(previous)


@pytest.fixture(autouse=True)
def _forget_process_memory() -> Iterator[None]:
    # Page ids are reused once a test's rows are rolled back; the salt lives in the cache,
    # which every test empties.
    pipeline.forget_pages()
    visitors.forget_salts()
    pipeline.is_bot.cache_clear()
    yield
    pipeline.forget_pages()
    visitors.forget_salts()


def send_beacon(client: Client, page_id: Any, **headers: Any) -> Any:
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    headers.setdefault("REMOTE_ADDR", READER_IP)
    body = page_id if isinstance(page_id, bytes) else json.dumps({"page": page_id})
    # sendBeacon() sends a string as text/plain: no CORS preflight, no CSRF token.
    return client.post("/analytics/view", data=body, content_type="text/plain", **headers)
