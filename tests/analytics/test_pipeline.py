"""Each step of the ingest pipeline, and each reason it drops a view, through the beacon."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from newsdesk.analytics import pipeline
from newsdesk.analytics.pipeline import RATE_LIMIT_PER_MINUTE, Reason
from newsdesk.analytics.stores import ViewStore
from newsdesk.analytics.windows import Window
from tests import factories

from .conftest import BROWSER, send_beacon

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def views_of(store: ViewStore, article, window: Window = Window.DAY) -> int:  # type: ignore[no-untyped-def]
    store.flush()
    return dict(store.top(window, article.locale_id, timezone.now())).get(article.pk, 0)


def dropped(store: ViewStore, reason: Reason) -> int:
    store.flush()
    return store.drops([timezone.now().date()]).get(reason.value, 0)


@pytest.fixture
def article(news):  # type: ignore[no-untyped-def]
    return factories.make_article(news, "Ceasefire holds along the river")


def test_it_counts_a_view_from_a_readers_browser(client: Client, store, article) -> None:
    response = send_beacon(client, article.pk)

    assert response.status_code == 204
    assert views_of(store, article) == 1


def test_it_sets_no_cookie_and_forbids_caching_the_answer(client: Client, store, article) -> None:
    response = send_beacon(client, article.pk)

    assert response.cookies == {}
    assert response["Cache-Control"] == "no-store"


def test_it_counts_a_view_from_the_no_js_pixel(client: Client, store, article) -> None:
    response = client.get(
        f"/analytics/view.gif?page={article.pk}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="192.0.2.1"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert views_of(store, article) == 1


# validate ---------------------------------------------------------------------------------


def test_it_answers_400_with_a_problem_for_a_body_that_is_not_json(
    client: Client, store, article
) -> None:
    response = send_beacon(client, b"page=12")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "The body must be JSON."
    assert dropped(store, Reason.MALFORMED) == 1


@pytest.mark.parametrize("page", ["abc", None, True, -3, 2**40, [1], {"id": 1}, 1.5])
def test_it_answers_400_for_a_page_id_that_is_not_one(
    client: Client, store, article, page: object
) -> None:
    response = send_beacon(client, page)

    assert response.status_code == 400
    assert "page" in response.json()["detail"]


def test_it_answers_400_for_json_that_is_not_an_object(client: Client, store, article) -> None:
    assert send_beacon(client, b"[1, 2]").status_code == 400


def test_it_refuses_a_body_over_the_size_limit(client: Client, store, article) -> None:
    response = send_beacon(client, b'{"page": 1, "pad": "' + b"x" * 600 + b'"}')

    assert response.status_code == 413
    assert dropped(store, Reason.TOO_LARGE) == 1


def test_it_drops_a_view_of_a_page_that_does_not_exist(client: Client, store, article) -> None:
    response = send_beacon(client, article.pk + 1000)

    assert response.status_code == 204
    assert dropped(store, Reason.UNKNOWN_PAGE) == 1


def test_it_drops_a_view_of_an_unpublished_article(client: Client, store, article) -> None:
    article.unpublish()

    send_beacon(client, article.pk)

    assert views_of(store, article) == 0
    assert dropped(store, Reason.UNKNOWN_PAGE) == 1


def test_it_drops_a_view_of_a_page_that_is_not_an_article(client: Client, store, news) -> None:
    send_beacon(client, news.pk)

    assert dropped(store, Reason.UNKNOWN_PAGE) == 1


def test_it_refuses_a_get_on_the_beacon_address(client: Client, store) -> None:
    assert client.get("/analytics/view").status_code == 405


# prefetch -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_PURPOSE": "preview"},
        {"HTTP_X_MOZ": "prefetch"},
    ],
)
def test_it_drops_prefetches_and_prerenders(
    client: Client, store, article, header: dict[str, str]
) -> None:
    send_beacon(client, article.pk, **header)

    assert views_of(store, article) == 0
    assert dropped(store, Reason.PREFETCH) == 1


# bot -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "user_agent",
    [
        GOOGLEBOT,
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/131.0.0.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "",
    ],
)
def test_it_drops_crawlers_scripts_and_requests_without_a_user_agent(
    client: Client, store, article, user_agent: str
) -> None:
    send_beacon(client, article.pk, HTTP_USER_AGENT=user_agent)

    assert views_of(store, article) == 0
    assert dropped(store, Reason.BOT) == 1


# rate limit ----------------------------------------------------------------------------------


def test_it_drops_views_past_the_limit_for_one_client(client: Client, store, article) -> None:
    # Other user agents from one address: new "visitors", one client.
    with time_machine.travel(datetime(2026, 11, 20, 10, 0, 5, tzinfo=UTC), tick=False):
        for n in range(RATE_LIMIT_PER_MINUTE + 3):
            send_beacon(client, article.pk, HTTP_USER_AGENT=f"{BROWSER} reader/{n}")

        assert views_of(store, article) == RATE_LIMIT_PER_MINUTE
        assert dropped(store, Reason.RATE_LIMITED) == 3


def test_it_lets_a_client_send_again_the_next_minute(client: Client, store, article) -> None:
    with time_machine.travel(datetime(2026, 11, 20, 10, 0, 5, tzinfo=UTC), tick=False) as clock:
        for n in range(RATE_LIMIT_PER_MINUTE + 1):
            send_beacon(client, article.pk, HTTP_USER_AGENT=f"{BROWSER} reader/{n}")
        clock.shift(60)
        send_beacon(client, article.pk, HTTP_USER_AGENT=f"{BROWSER} reader/late")

        assert views_of(store, article) == RATE_LIMIT_PER_MINUTE + 1


# dedupe ----------------------------------------------------------------------------------------


def test_it_counts_one_view_per_reader_per_article_per_day(client: Client, store, article) -> None:
    for _ in range(3):
        send_beacon(client, article.pk)

    assert views_of(store, article) == 1
    assert dropped(store, Reason.DUPLICATE) == 2


def test_it_counts_another_browser_at_the_same_address_as_another_reader(
    client: Client, store, article
) -> None:
    send_beacon(client, article.pk)
    send_beacon(client, article.pk, HTTP_USER_AGENT=BROWSER.replace("131", "130"))

    assert views_of(store, article) == 2


def test_it_counts_one_reader_once_for_each_article(client: Client, store, news) -> None:
    first, second = factories.make_article(news), factories.make_article(news)

    send_beacon(client, first.pk)
    send_beacon(client, second.pk)

    assert views_of(store, first) == 1
    assert views_of(store, second) == 1


def test_it_counts_the_same_reader_again_after_midnight(client: Client, store, article) -> None:
    with time_machine.travel(datetime(2026, 11, 20, 23, 59, tzinfo=UTC), tick=False) as clock:
        send_beacon(client, article.pk)
        send_beacon(client, article.pk)
        clock.move_to(datetime(2026, 11, 21, 0, 1, tzinfo=UTC))
        send_beacon(client, article.pk)
        send_beacon(client, article.pk)

        assert views_of(store, article) == 2  # one each day, both within the Day window
        assert dropped(store, Reason.DUPLICATE) == 1  # today's repeat (yesterday's is a day off)


def test_it_reads_the_readers_address_behind_a_trusted_proxy(
    client: Client, store, article, settings
) -> None:
    settings.NEWSDESK_TRUSTED_PROXIES = 1

    for reader in ("198.51.100.1", "198.51.100.2"):
        send_beacon(client, article.pk, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=reader)

    assert views_of(store, article) == 2


# off the hot path -----------------------------------------------------------------------------


def test_it_finishes_the_pipeline_in_the_background_when_configured(
    client: Client, store, article, settings
) -> None:
    settings.NEWSDESK_ANALYTICS = {**settings.NEWSDESK_ANALYTICS, "BACKGROUND": True}

    assert send_beacon(client, article.pk).status_code == 204
    assert send_beacon(client, article.pk).status_code == 204
    assert send_beacon(client, b"{}").status_code == 400  # still answered at once
    pipeline.wait_until_idle()

    assert views_of(store, article) == 1
    assert dropped(store, Reason.DUPLICATE) == 1


def test_it_counts_queued_views_and_writes_the_batch_on_shutdown(
    client: Client, store, article
) -> None:
    # What a worker still holds when it stops: an event in the queue, counts in the buffer.
    send_beacon(client, article.pk, HTTP_USER_AGENT=f"{BROWSER} first")
    event = pipeline.Event(at=timezone.now(), ip="192.0.2.9", user_agent=BROWSER, purpose="")
    event.target = pipeline.live_article(article.pk)
    pipeline._queue.put(event)

    pipeline.shutdown()  # registered with atexit and multiprocessing's finalizers

    store_rows = store.top(Window.DAY, article.locale_id, timezone.now())
    assert store_rows == [(article.pk, 2)]


# Counted in one place for every worker process: a second process, as a second worker.
SEND_FROM_ANOTHER_PROCESS = """
import django, sys
django.setup()
from newsdesk.analytics import pipeline
client, minute, times = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
print(sum(pipeline.rate_limiter.allow(client, minute) for _ in range(times)))
"""


def send_from_another_process(client_id: str, minute: int, times: int) -> int:
    """How many of `times` events the other process let through."""
    result = subprocess.run(
        [sys.executable, "-c", SEND_FROM_ANOTHER_PROCESS, client_id, str(minute), str(times)],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsdesk.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


def test_it_counts_one_clients_events_across_worker_processes(db) -> None:
    minute = int(timezone.now().timestamp()) // 60
    first = send_from_another_process("client-a", minute, 20)
    second = send_from_another_process("client-a", minute, 20)
    assert (first, second) == (20, RATE_LIMIT_PER_MINUTE - 20)
    assert not pipeline.rate_limiter.allow("client-a", minute)
