"""Reads from read replicas where that cannot show anyone stale data; the rest from the primary.

Installed only when DATABASE_REPLICA_URLS names replicas (settings/production.py). Then:

- Writes always go to the primary ("default").
- Only reads made while serving a request may go to a replica, one chosen per request so
  that the request sees one consistent snapshot. The worker, management commands and
  anything else outside a request read the primary: a task queued right after a write
  must find the row it was queued for.
- A request reads the primary when it is not a GET/HEAD/OPTIONS, when it is for the
  admin, or when its client wrote something in the last few seconds: any request that
  writes gets a short-lived cookie that pins its client's reads to the primary for the
  replication lag window (a reader who posts a comment sees it; an editor who logs in
  finds their session).
- After content changes (`fragments.invalidate`), every request reads the primary for the
  same window, so that no shared cache (kept page parts, whole pages) is filled again from
  a replica that has not yet seen the change and kept stale until the next change.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponseBase

PRIMARY = "default"
STICKY_COOKIE = "newsdesk_primary"
PAUSE_KEY = "newsdesk:replicas-paused"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class _RequestReads:
    replica: str | None  # None: this request reads the primary
    wrote: bool = False


_current: ContextVar[_RequestReads | None] = ContextVar("newsdesk_request_reads", default=None)


class PrimaryReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str:
        reads = _current.get()
        if reads is None or reads.replica is None or reads.wrote:
            return PRIMARY
        return reads.replica

    def db_for_write(self, model: type, **hints: Any) -> str:
        reads = _current.get()
        if reads is not None:
            reads.wrote = True  # and from now on this request reads its own writes
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # every alias holds the same data

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY  # replicas receive the primary's changes, migrations included


class PrimaryStickinessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.replicas = list(settings.NEWSDESK_DATABASE_REPLICAS)
        if not self.replicas:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.window = settings.NEWSDESK_PRIMARY_STICKY_SECONDS

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        replica = None if self.must_read_primary(request) else random.choice(self.replicas)
        reads = _RequestReads(replica=replica)
        token = _current.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if reads.wrote:
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=self.window,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response

    def must_read_primary(self, request: HttpRequest) -> bool:
        return (
            request.method not in SAFE_METHODS
            or STICKY_COOKIE in request.COOKIES
            or request.path_info.startswith(tuple(settings.NEWSDESK_ADMIN_PATH_PREFIXES))
            or caches["default"].get(PAUSE_KEY) is not None
        )


def pause_replicas() -> None:
    """Send every request's reads to the primary until the replicas have caught up."""
    if settings.NEWSDESK_DATABASE_REPLICAS:
        caches["default"].set(PAUSE_KEY, 1, settings.NEWSDESK_PRIMARY_STICKY_SECONDS)
