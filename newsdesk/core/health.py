"""/health/: whether this app server can do its work, for load balancers and monitoring.

503 when the database or the shared cache cannot be reached: a load balancer then stops
sending readers here. A long task queue, and timed changes that are late (a scheduled
go-live or expiry more than NEWSDESK_HEALTH_TIMED_CHANGES_DELAY_SECONDS past, or the
worker's clock not run for as long), are reported ("degraded") but answered with 200: they
mean the worker is behind or stopped, which taking app servers out would not mend (every
app server shares the one database, so all of them would go out at once).
Never cached, and not a page, so neither the page cache nor view counting sees it.

Answered by a middleware placed first, before anything else can fail or redirect: load
balancers call app servers by their own address (not an allowed host name), over plain
HTTP (which production redirects), and the site's other middleware already reads the
cache this endpoint exists to report on.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult

from . import timed

CACHE_KEY = "newsdesk:health"


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.path = settings.NEWSDESK_HEALTH_PATH

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info == self.path:
            return health(request)
        return self.get_response(request)


@require_safe
@never_cache
def health(request: HttpRequest) -> HttpResponseBase:
    database = _check_database()
    cache = _check_cache()
    no_database = {"ok": False, "error": "no database"}
    tasks = _check_tasks() if database["ok"] else no_database
    timed_changes = _check_timed_changes() if database["ok"] else no_database
    if not (database["ok"] and cache["ok"]):
        status = "error"
    elif not (tasks["ok"] and timed_changes["ok"]):
        status = "degraded"
    else:
        status = "ok"
    body = {
        "status": status,
        "database": database,
        "cache": cache,
        "tasks": tasks,
        "timed_changes": timed_changes,
    }
    return JsonResponse(body, status=503 if status == "error" else 200)


def _timed(check: Any) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        check()
    except Exception as error:  # any failure means "not healthy", whatever raised it
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 2)}


def _check_database() -> dict[str, Any]:
    def ping() -> None:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")

    return _timed(ping)


def _check_cache() -> dict[str, Any]:
    def round_trip() -> None:
        shared = caches["default"]
        token = uuid.uuid4().hex
        shared.set(CACHE_KEY, token, 30)
        if shared.get(CACHE_KEY) != token:
            raise LookupError("the cache did not keep a value")

    return _timed(round_trip)


def _check_tasks() -> dict[str, Any]:
    """How many background tasks wait, and for how long the oldest has waited."""
    try:
        waiting = DBTaskResult.objects.ready()
        backlog = waiting.count()
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    except DatabaseError as error:
        return {"ok": False, "error": error.__class__.__name__}
    waited = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    limit = settings.NEWSDESK_HEALTH_TASK_DELAY_SECONDS
    return {"ok": waited <= limit, "backlog": backlog, "oldest_seconds": round(waited, 1)}


def _check_timed_changes() -> dict[str, Any]:
    """Scheduled go-lives and expiries that are late, and when the worker's clock last ran
    (None: it never has, e.g. on a fresh site; only late changes count then)."""
    now = timezone.now()
    grace = timedelta(seconds=settings.NEWSDESK_HEALTH_TIMED_CHANGES_DELAY_SECONDS)
    try:
        overdue = timed.overdue(now, grace)
        last_run = timed.last_finished_at()
    except DatabaseError as error:
        return {"ok": False, "error": error.__class__.__name__}
    since = (now - last_run).total_seconds() if last_run else None
    clock_stopped = since is not None and since > grace.total_seconds()
    return {
        "ok": not any(overdue.values()) and not clock_stopped,
        "overdue": overdue,
        "last_run_seconds": None if since is None else round(since, 1),
    }
