"""The breaking-news ticker: on every page of its language, kept with the pages, gone from
every cache when it starts, is ended or expires (even before the worker runs), and
dismissed without the shared page changing."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from wagtail.models import Locale

from newsdesk.articles.models import SectionPage
from newsdesk.breaking.models import Ticker
from newsdesk.core import timed
from newsdesk.newsroom.roles import ADMINISTRATOR, EDITOR, WRITER
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
LINE = "Earthquake hits Herat"


def start(text: str = LINE, *, minutes: int = 30, language: str = "en", **fields) -> Ticker:  # type: ignore[no-untyped-def]
    """What an editor does: a ticker with an expiry, published."""
    locale = Locale.objects.get_or_create(language_code=language)[0]
    ticker = Ticker(
        text=text, locale=locale, expire_at=NOW + timedelta(minutes=minutes), live=False, **fields
    )
    ticker.full_clean()
    ticker.save()
    ticker.save_revision().publish()
    return Ticker.objects.get(pk=ticker.pk)


@pytest.fixture
def pages(news: SectionPage) -> list[str]:
    with time_machine.travel(NOW - timedelta(hours=1), tick=False):
        article = factories.make_article(news, "Aid convoy reaches the valley", tags=["aid"])
    return ["/", article.url, news.url, "/tags/aid/", "/corrections/"]


@pytest.fixture(autouse=True)
def _now():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_a_started_ticker_shows_on_every_page_of_its_language(
    client: Client, pages: list[str]
) -> None:
    start()

    assert all(LINE in client.get(url).content.decode() for url in pages)


def test_a_ticker_shows_only_in_its_own_language(client: Client, home, pages: list[str]) -> None:  # type: ignore[no-untyped-def]
    persian = Locale.objects.get_or_create(language_code="fa")[0]
    home.copy_for_translation(persian).save_revision().publish()
    start("زلزله در هرات", language="fa")

    assert "زلزله در هرات" not in client.get("/").content.decode()
    assert "زلزله در هرات" in client.get("/fa/").content.decode()


def test_starting_a_ticker_drops_every_kept_page(client: Client, pages: list[str]) -> None:
    for url in pages:
        client.get(url)
    assert client.get(pages[1])["X-Cache"] == "HIT"

    start()

    assert all(LINE in client.get(url).content.decode() for url in pages)


def test_every_page_carries_the_ticker_tag_for_caches_in_front(
    client: Client, pages: list[str]
) -> None:
    """Even with no ticker running: starting one must purge them all."""
    assert all("ticker" in client.get(url)["Surrogate-Key"].split() for url in pages)


def test_an_editor_ending_a_ticker_removes_it_from_kept_pages(
    client: Client, pages: list[str]
) -> None:
    ticker = start()
    assert LINE in client.get(pages[1]).content.decode()

    ticker.unpublish()

    assert all(LINE not in client.get(url).content.decode() for url in pages)


def test_a_kept_page_is_not_kept_past_the_tickers_expiry(client: Client, pages: list[str]) -> None:
    start(minutes=2)

    control = client.get(pages[1])["Cache-Control"]

    assert int(re.search(r"s-maxage=(\d+)", control).group(1)) <= 120  # type: ignore[union-attr]
    assert int(re.search(r"max-age=(\d+)", control).group(1)) <= 120  # type: ignore[union-attr]


def test_the_ticker_leaves_kept_pages_at_its_expiry_before_the_worker_runs(
    client: Client, pages: list[str], _now
) -> None:  # type: ignore[no-untyped-def]
    start(minutes=2)
    assert LINE in client.get(pages[1]).content.decode()
    assert client.get(pages[1])["X-Cache"] == "HIT"

    _now.shift(timedelta(minutes=2, seconds=1))

    assert Ticker.objects.get().live  # the worker has not run
    assert all(LINE not in client.get(url).content.decode() for url in pages)


def test_the_worker_ends_an_expired_ticker(pages: list[str], _now) -> None:  # type: ignore[no-untyped-def]
    ticker = start(minutes=2)
    _now.shift(timedelta(minutes=3))

    done = timed.run_due_changes()

    ticker.refresh_from_db()
    assert (done.expired, ticker.live, ticker.expired) == (1, False, True)


def test_the_worker_starts_a_scheduled_ticker_on_kept_pages(
    client: Client, pages: list[str], _now
) -> None:  # type: ignore[no-untyped-def]
    locale = Locale.objects.get(language_code="en")
    ticker = Ticker.objects.create(
        text=LINE, locale=locale, live=False, expire_at=NOW + timedelta(hours=2)
    )
    ticker.go_live_at = NOW + timedelta(minutes=10)
    ticker.save_revision(approved_go_live_at=NOW + timedelta(minutes=10))
    assert LINE not in client.get(pages[1]).content.decode()

    _now.shift(timedelta(minutes=11))
    timed.run_due_changes()

    assert LINE in client.get(pages[1]).content.decode()


def test_a_ticker_must_have_an_expiry(db) -> None:  # type: ignore[no-untyped-def]
    ticker = Ticker(text=LINE, locale=Locale.objects.get_or_create(language_code="en")[0])

    with pytest.raises(ValidationError) as error:
        ticker.full_clean()

    assert "expire_at" in error.value.message_dict


def test_the_ticker_links_to_a_chosen_page(client: Client, news: SectionPage) -> None:
    article = factories.make_article(news, "Live: the earthquake")
    start(link_page=article)

    html = client.get("/").content.decode()

    assert f'<a class="ticker__link" href="{article.url}">{LINE}</a>' in html


def test_dismissing_works_without_script_and_does_not_vary_the_shared_page(
    client: Client, pages: list[str]
) -> None:
    ticker = start()
    first = client.get(pages[1])
    again = Client(HTTP_COOKIE="newsdesk-other=1").get(pages[1])
    html = first.content.decode()

    assert again["X-Cache"] == "HIT" and again.content == first.content
    assert 'for="ticker-dismiss"' in html and 'id="ticker-dismiss"' in html
    assert f'data-ticker="{ticker.pk}-' in html
    assert "Cookie" not in first.get("Vary", "")


@pytest.mark.parametrize(("role", "status"), [(EDITOR, 200), (ADMINISTRATOR, 200), (WRITER, 302)])
def test_editors_start_tickers_and_writers_do_not(client: Client, role: str, status: int) -> None:
    client.force_login(factories.member_of(role))

    response = client.get("/admin/snippets/breaking/ticker/add/")

    assert response.status_code == status
    if status == 200:
        assert 'name="expire_at"' in response.content.decode()
