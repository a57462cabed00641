"""An article's embargo: the newsroom has it, readers and machines get nothing of it
before its time, and at its time it goes live by itself."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify
from wagtail.search.models import IndexEntry

from newsdesk.articles.models import ArticlePage
from newsdesk.core import timed
from newsdesk.core.visibility import is_visible, visible

from . import factories
from .test_websub import Hub, hub  # noqa: F401 - the fixture, a real hub on the loopback

pytestmark = pytest.mark.django_db

EMBARGO = timedelta(minutes=30)
AFTER = EMBARGO + timedelta(minutes=1)


def embargoed(section, title: str) -> ArticlePage:  # type: ignore[no-untyped-def]
    article = ArticlePage(
        title=title,
        slug=slugify(title),
        lead="Lead.",
        live=False,
        embargo_until=timezone.now() + EMBARGO,
    )
    section.add_child(instance=article)
    article.save_revision().publish()  # the editor presses Publish
    article.refresh_from_db()
    return article


def after_the_embargo() -> time_machine.travel:
    return time_machine.travel(timezone.now() + AFTER, tick=False)


@pytest.mark.parametrize(
    ("go_live_in", "expected_in"),
    [(None, EMBARGO), (timedelta(minutes=5), EMBARGO), (timedelta(hours=2), timedelta(hours=2))],
)
def test_publishing_schedules_it_no_earlier_than_the_embargo(
    news, go_live_in: timedelta | None, expected_in: timedelta
) -> None:
    now = timezone.now()
    article = ArticlePage(title="x", lead="y", embargo_until=now + EMBARGO)
    article.go_live_at = now + go_live_in if go_live_in else None
    article.clean()
    assert article.go_live_at == now + expected_in


def test_publishing_an_embargoed_article_only_schedules_it(news) -> None:
    article = embargoed(news, "Court ruling")
    assert (article.live, article.go_live_at) == (False, article.embargo_until)
    assert article.status_string.startswith("embargoed until")


def test_the_visibility_rule_hides_a_live_page_under_embargo(news) -> None:
    article = factories.make_article(news, "Leaked early")
    ArticlePage.objects.filter(pk=article.pk).update(embargo_until=timezone.now() + EMBARGO)
    article.refresh_from_db()
    assert (list(visible(ArticlePage.objects.filter(pk=article.pk))), is_visible(article)) == (
        [],
        False,
    )
    with after_the_embargo():
        assert list(visible(ArticlePage.objects.filter(pk=article.pk))) == [article]
        assert is_visible(article)


def test_the_newsroom_can_preview_it(news) -> None:
    article = embargoed(news, "Preview me")
    editor = Client()
    editor.force_login(factories.member_of("Editor"))
    response = editor.get(f"/admin/pages/{article.pk}/view_draft/")
    assert response.status_code == 200
    assert "Preview me" in response.content.decode()


def test_readers_get_a_404_until_the_embargo_ends(client: Client, news) -> None:
    article = embargoed(news, "Secret budget")
    url = f"{news.url}secret-budget/"
    assert client.get(url).status_code == 404
    with after_the_embargo():
        timed.run_if_free("worker")
        assert client.get(url).status_code == 200
    assert ArticlePage.objects.get(pk=article.pk).live


def indexed(article: ArticlePage) -> bool:
    content_type = ContentType.objects.get_for_model(ArticlePage)
    return IndexEntry.objects.filter(content_type=content_type, object_id=str(article.pk)).exists()


def test_it_is_out_of_the_search_index_until_the_embargo_ends(news) -> None:
    article = embargoed(news, "Unindexed words")
    assert not indexed(article)
    with after_the_embargo():
        timed.run_if_free("worker")
    assert indexed(article)


def test_it_leaves_the_search_index_when_a_draft_gets_an_embargo(news) -> None:
    article = ArticlePage(title="Once a draft", slug="once-a-draft", lead="Lead.", live=False)
    news.add_child(instance=article)
    assert indexed(article)
    article.embargo_until = timezone.now() + EMBARGO
    article.save()
    assert not indexed(article)


@pytest.mark.usefixtures("hub")
def test_no_websub_ping_names_its_feeds_before_the_embargo_ends(news) -> None:
    embargoed(news, "Quiet for now")
    assert Hub.pings == []
    with after_the_embargo():
        timed.run_if_free("worker")
    assert len(Hub.pings) == 1


class FrontendCache(BaseHTTPRequestHandler):
    purged: list[str] = []

    def do_PURGE(self) -> None:
        FrontendCache.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def frontend_cache(settings) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    server = HTTPServer(("127.0.0.1", 0), FrontendCache)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    FrontendCache.purged = []
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield FrontendCache.purged
    server.shutdown()
    server.server_close()


def test_no_purge_names_its_address_before_the_embargo_ends(
    news, frontend_cache: list[str], django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article = embargoed(news, "Not yet")
    assert "/news/not-yet/" not in frontend_cache
    with after_the_embargo(), django_capture_on_commit_callbacks(execute=True):
        timed.run_if_free("worker")
    assert ArticlePage.objects.get(pk=article.pk).live
    assert "/news/not-yet/" in frontend_cache
