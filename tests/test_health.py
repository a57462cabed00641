"""/health/ for load balancers: database, shared cache and the task queue."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db

BROKEN_CACHE = {
    "default": {
        "BACKEND": "newsdesk.core.rediscache.RedisCache",
        # Nothing listens on port 1: every call fails at once.
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2},
    }
}


def queue_task(waited: timedelta) -> None:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="newsdesk.comments.tasks.notify",
        backend_name="default",
        run_after=timezone.now() - waited,
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - waited)


def test_it_reports_every_part_healthy(client: Client) -> None:
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["cache"]["ok"] is True
    assert body["tasks"] == {"ok": True, "backlog": 0, "oldest_seconds": 0.0}


def test_it_is_never_cached(client: Client) -> None:
    response = client.get("/health/")
    assert "no-store" in response["Cache-Control"]


def test_it_counts_the_tasks_waiting_for_the_worker(client: Client) -> None:
    queue_task(timedelta(seconds=5))
    queue_task(timedelta(seconds=20))
    tasks = client.get("/health/").json()["tasks"]
    assert tasks["backlog"] == 2
    assert tasks["oldest_seconds"] >= 20


@override_settings(NEWSDESK_HEALTH_TASK_DELAY_SECONDS=60)
def test_it_is_degraded_but_in_service_when_tasks_wait_too_long(client: Client) -> None:
    queue_task(timedelta(minutes=5))
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"


def test_it_answers_503_when_the_shared_cache_is_down(client: Client) -> None:
    with override_settings(CACHES=BROKEN_CACHE):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["cache"]["ok"] is False


def test_it_refuses_other_methods(client: Client) -> None:
    assert client.post("/health/").status_code == 405


def test_it_answers_load_balancers_that_call_by_address(client: Client) -> None:
    assert client.get("/health/", HTTP_HOST="10.0.0.7:8000").status_code == 200
