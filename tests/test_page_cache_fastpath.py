"""Page-cache hits answered at the WSGI door (newsdesk.core.fastpath), before Django runs.

Driven through the real WSGI application, as granian calls it, with the real cache."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from wagtail.models import Locale

from newsdesk.core import fragments
from newsdesk.core.fastpath import PageCacheHits

from . import factories
from .cache_helpers import counting_cache_reads

pytestmark = pytest.mark.django_db


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    ran_django: bool


class Reader:
    """Calls a WSGI application the way a server does, and tells whether Django ran."""

    def __init__(self, app: PageCacheHits) -> None:
        self.app = app

    def get(self, path: str, method: str = "GET", **headers: str) -> Answer:
        path, _sep, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "localhost",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": io.StringIO(),
            **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
        }
        started: list[Any] = []
        answered: list[tuple[str, list[tuple[str, str]]]] = []

        def count(**kwargs: Any) -> None:
            started.append(kwargs)

        with _django_test_connections():
            request_started.connect(count)
            try:
                result = self.app(environ, lambda status, hdrs, *a: answered.append((status, hdrs)))
                body = b"".join(result)
                getattr(result, "close", lambda: None)()
            finally:
                request_started.disconnect(count)
        status, header_list = answered[-1]
        return Answer(int(status.split()[0]), dict(header_list), body, bool(started))


@pytest.fixture
def reader() -> Reader:
    return Reader(PageCacheHits(WSGIHandler()))


@pytest.fixture
def article(news, reporter):  # type: ignore[no-untyped-def]
    return factories.make_article(news, "Water talks resume", authors=[reporter])


@contextmanager
def _django_test_connections() -> Iterator[None]:
    """As Django's test client does: requests must not close the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_it_answers_a_repeated_read_without_entering_django(reader, article) -> None:
    first = reader.get(article.url)
    second = reader.get(article.url)
    assert (first.ran_django, second.ran_django) == (True, False)
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("MISS", "HIT")
    assert second.body == first.body


def test_it_sends_the_headers_django_sends_for_the_same_hit(article) -> None:
    Reader(PageCacheHits(WSGIHandler())).get(article.url)
    from_django = Reader(PageCacheHits(WSGIHandler())).get(article.url)
    fast = Reader(PageCacheHits(WSGIHandler()))
    fast.get(article.url)
    from_door = fast.get(article.url)
    assert (from_django.ran_django, from_door.ran_django) == (True, False)
    assert from_door.headers == from_django.headers
    assert from_door.body == from_django.body


def test_it_sends_the_coding_the_reader_accepts(reader, article) -> None:
    reader.get(article.url, accept_encoding="br")
    answer = reader.get(article.url, accept_encoding="gzip, br")
    assert not answer.ran_django
    assert answer.headers["Content-Encoding"] == "br"
    assert answer.headers["Content-Length"] == str(len(answer.body))


def test_it_answers_a_matching_etag_with_not_modified(reader, article) -> None:
    etag = reader.get(article.url).headers["ETag"]
    answer = reader.get(article.url, if_none_match=etag)
    assert not answer.ran_django
    assert (answer.status, answer.body) == (304, b"")


def test_it_answers_head_without_a_body(reader, article) -> None:
    length = reader.get(article.url).headers["Content-Length"]
    answer = reader.get(article.url, method="HEAD")
    assert not answer.ran_django
    assert answer.body == b""
    assert answer.headers["Content-Length"] == length


def test_it_shows_an_edit_on_the_next_read(reader, article) -> None:
    reader.get(article.url)
    article.title = "Water talks collapse"
    article.save_revision().publish()
    answer = reader.get(article.url)
    assert answer.ran_django
    assert b"Water talks collapse" in answer.body


def test_it_keeps_answering_after_a_change_to_something_the_page_does_not_show(
    reader, article
) -> None:
    reader.get(article.url)
    fragments.invalidate("page:999999")
    answer = reader.get(article.url)
    assert not answer.ran_django
    assert (answer.status, answer.headers["X-Cache"]) == (200, "HIT")
    assert b"Water talks resume" in answer.body


@pytest.mark.usefixtures("reading_changes")
def test_it_reads_one_tag_per_hit_while_nothing_changes(reader, article) -> None:
    reader.get(article.url)
    reader.get(article.url)
    reads = counting_cache_reads()
    with reads:
        reader.get(article.url)
    assert reads.keys == [fragments.TAG_KEY.format(fragments.CHANGES)]


@pytest.mark.usefixtures("watching_changes")
def test_it_asks_the_shared_cache_nothing_for_a_hit_while_nothing_changes(reader, article) -> None:
    reader.get(article.url)
    reader.get(article.url)
    with counting_cache_reads() as reads:
        answer = reader.get(article.url)
    assert (answer.ran_django, reads.keys) == (False, [])


def test_it_leaves_a_logged_in_reader_to_django(reader, article) -> None:
    session = SessionStore()
    session["seen"] = True
    session.create()
    reader.get(article.url)
    answer = reader.get(article.url, cookie=f"sessionid={session.session_key}")
    assert answer.ran_django
    assert answer.headers["X-Cache"] == "BYPASS"


def test_it_leaves_other_methods_to_django(reader, article) -> None:
    reader.get(article.url)
    assert reader.get(article.url, method="OPTIONS").ran_django


def test_it_leaves_an_expired_entry_to_django(reader, article) -> None:
    reader.get(article.url)
    key = next(iter(reader.app._kept))
    kept = reader.app._kept[key]
    kept.entry = replace(kept.entry, expires_at=time.time() - 1)
    assert reader.get(article.url).ran_django


def test_it_serves_an_entry_another_process_stored(article) -> None:
    learner = Reader(PageCacheHits(WSGIHandler()))
    learner.get(article.url)
    # This process learned the address, then lost its own copy (memory limit).
    learner.app._kept.clear()
    learner.app._kept_bytes = 0
    answer = learner.get(article.url)
    assert not answer.ran_django
    assert (answer.status, answer.headers["X-Cache"]) == (200, "HIT")
    assert b"Water talks resume" in answer.body


def test_it_keeps_no_more_bytes_than_allowed(settings, reader, news) -> None:
    limits = {"LOCAL_BYTES": 1, "LOCAL_SIGNATURES": 50_000}
    settings.NEWSDESK_PAGE_CACHE = {**settings.NEWSDESK_PAGE_CACHE, "FAST_PATH": limits}
    answers = [reader.get(factories.make_article(news, f"Story {n}").url) for n in range(3)]
    # Every page is still served, only none is kept in this process.
    assert [answer.status for answer in answers] == [200, 200, 200]
    assert b"Story 2" in answers[-1].body
    assert len(reader.app._kept) == 0


def test_it_is_off_with_the_page_cache(settings, reader, article) -> None:
    settings.NEWSDESK_PAGE_CACHE = {**settings.NEWSDESK_PAGE_CACHE, "ENABLED": False}
    reader.get(article.url)
    assert reader.get(article.url).ran_django


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_it_answers_a_translated_page_as_django_does(home, language) -> None:  # type: ignore[no-untyped-def]
    translated = home.copy_for_translation(Locale.objects.get(language_code=language))
    translated.save_revision().publish()
    Reader(PageCacheHits(WSGIHandler())).get(f"/{language}/")
    from_django = Reader(PageCacheHits(WSGIHandler())).get(f"/{language}/")
    fast = Reader(PageCacheHits(WSGIHandler()))
    fast.get(f"/{language}/")
    from_door = fast.get(f"/{language}/")
    assert (from_django.ran_django, from_door.ran_django) == (True, False)
    assert from_door.headers["Content-Language"] == language
    assert (from_door.headers, from_door.body) == (from_django.headers, from_django.body)


@pytest.mark.parametrize(
    "proxy_header",
    [{"x_forwarded_proto": "https"}, {"x_forwarded_host": "mirror.example"}],
    ids=["scheme", "host"],
)
def test_it_leaves_a_request_through_another_proxy_address_to_django(
    reader, article, proxy_header
) -> None:
    reader.get(article.url)
    reader.get(article.url)
    assert reader.get(article.url, **proxy_header).ran_django


@pytest.mark.parametrize("query", ["", "?part=entries"])
def test_it_shows_a_new_live_entry_on_the_next_read(reader, news, reporter, query) -> None:  # type: ignore[no-untyped-def]
    live = factories.make_live_page(news, "Live: the vote", authors=[reporter])
    factories.post_entry(live, "Polls open", author=reporter)
    reader.get(live.url + query)
    assert not reader.get(live.url + query).ran_django

    factories.post_entry(live, "Turnout is high", author=reporter)

    answer = reader.get(live.url + query)
    assert answer.ran_django
    assert b"Turnout is high" in answer.body
