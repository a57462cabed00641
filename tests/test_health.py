"""/health/ for load balancers: database, shared cache, the task queue and timed changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsdesk.articles.models import ArticlePage
from newsdesk.core import timed

from . import factories

pytestmark = pytest.mark.django_db

BROKEN_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
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
    # A fresh site: the worker's clock never ran, and nothing is late.
    assert body["timed_changes"] == {
        "ok": True,
        "overdue": {"go_live": 0, "expiry": 0},
        "last_run_seconds": None,
    }


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


def scheduled_article(news, go_live_in: timedelta) -> ArticlePage:  # type: ignore[no-untyped-def]
    article = ArticlePage(title="Due", slug="due", lead="Lead.", live=False)
    article.go_live_at = timezone.now() + go_live_in
    news.add_child(instance=article)
    article.save_revision().publish()
    return article


def expiring_article(news, expire_in: timedelta) -> ArticlePage:  # type: ignore[no-untyped-def]
    article = factories.make_article(news, "Expiring")
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() + expire_in)
    return article


@pytest.mark.parametrize(
    ("make", "field"), [(scheduled_article, "go_live"), (expiring_article, "expiry")]
)
def test_it_is_degraded_but_in_service_when_a_timed_change_is_late(
    client: Client, news, make, field: str
) -> None:
    make(news, timedelta(seconds=30))
    with time_machine.travel(timezone.now() + timedelta(minutes=5), tick=False):
        response = client.get("/health/")
    body = response.json()
    assert (response.status_code, body["status"]) == (200, "degraded")
    assert body["timed_changes"]["ok"] is False
    assert body["timed_changes"]["overdue"][field] == 1


def test_it_is_healthy_again_once_the_worker_made_the_change(client: Client, news) -> None:
    scheduled_article(news, timedelta(seconds=30))
    with time_machine.travel(timezone.now() + timedelta(minutes=5), tick=False):
        timed.run_if_free("worker")
        body = client.get("/health/").json()
    assert body["status"] == "ok"
    assert body["timed_changes"] == {
        "ok": True,
        "overdue": {"go_live": 0, "expiry": 0},
        "last_run_seconds": 0.0,
    }


def test_it_is_degraded_when_the_workers_clock_stopped(client: Client, news) -> None:
    timed.run_if_free("worker")
    with time_machine.travel(timezone.now() + timedelta(minutes=10), tick=False):
        body = client.get("/health/").json()
    assert body["status"] == "degraded"
    assert body["timed_changes"]["ok"] is False
    assert body["timed_changes"]["last_run_seconds"] == 600.0


def test_a_change_not_yet_late_keeps_it_healthy(client: Client, news) -> None:
    scheduled_article(news, timedelta(seconds=30))
    with time_machine.travel(timezone.now() + timedelta(seconds=90), tick=False):
        body = client.get("/health/").json()
    assert body["status"] == "ok"
    assert body["timed_changes"]["overdue"] == {"go_live": 0, "expiry": 0}
