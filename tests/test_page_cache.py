"""Whole pages for anonymous readers (newsdesk.core.pagecache): who gets them, and HTTP."""

from __future__ import annotations

import brotli
import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from newsdesk.comments import services
from newsdesk.comments.models import Status
from newsdesk.core import pagecache

from . import factories
from .comment_helpers import post

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news, reporter):  # type: ignore[no-untyped-def]
    return factories.make_article(news, "Water talks resume", authors=[reporter])


@pytest.fixture
def editor(db, django_user_model):  # type: ignore[no-untyped-def]
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client = Client()
    client.force_login(user)
    return client


def test_it_serves_the_second_anonymous_view_from_the_cache(client, article) -> None:
    first = client.get(article.url)
    second = client.get(article.url)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert second.content == first.content


@pytest.mark.parametrize("url", ["/", "/news/", "article"])
def test_it_hits_again_once_the_shared_cache_lost_everything(client, article, url) -> None:
    """An emptied shared cache (a restart, a flush, eviction) costs one render, not every
    later one: parts kept in this process carry tag versions the shared cache no longer
    has, and a page made with them could never be found current again."""
    address = article.url if url == "article" else url
    client.get(address)
    assert client.get(address)["X-Cache"] == "HIT"
    caches["default"].clear()

    first = client.get(address)
    second = client.get(address)

    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")


def test_it_hits_again_after_losing_everything_while_following_changes(
    client, article, watching_changes
) -> None:
    """The same while the process hears changes on the channel (newsdesk serve): an emptied
    shared cache announces nothing, so only the shared versions can tell."""
    client.get(article.url)
    assert client.get(article.url)["X-Cache"] == "HIT"
    caches["default"].clear()

    client.get(article.url)

    assert client.get(article.url)["X-Cache"] == "HIT"


def test_it_serves_a_hit_without_a_query(client, article) -> None:
    client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        hit = client.get(article.url)
    assert (hit.status_code, hit["X-Cache"]) == (200, "HIT")
    assert b"Water talks resume" in hit.content
    assert len(queries) == 0


def test_it_gives_query_parameters_a_page_does_not_read_the_same_page(client, article) -> None:
    client.get(article.url)
    assert client.get(f"{article.url}?utm_source=newsletter&fbclid=x")["X-Cache"] == "HIT"


def test_it_keeps_each_page_of_a_list_apart(client, news, article) -> None:
    client.get(news.url)
    assert client.get(f"{news.url}?page=2")["X-Cache"] != "HIT"


def test_it_never_fills_the_cache_for_a_logged_in_editor(client, editor, article) -> None:
    assert editor.get(article.url)["X-Cache"] == "BYPASS"
    assert client.get(article.url)["X-Cache"] == "MISS"


def test_it_never_serves_an_editor_a_cached_page(client, editor, article) -> None:
    client.get(article.url)
    response = editor.get(article.url)
    assert response["X-Cache"] == "BYPASS"
    assert {part.strip() for part in response["Cache-Control"].split(",")} == {
        "private",
        "no-cache",
    }


def test_it_does_not_keep_a_page_that_sets_a_cookie(client, article) -> None:
    # A password-protected page shows a form with a CSRF cookie.
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    first = client.get(article.url)
    assert "csrftoken" in first.cookies
    assert client.get(article.url)["X-Cache"] == "BYPASS"


def test_it_answers_a_matching_etag_with_not_modified(client, article) -> None:
    etag = client.get(article.url)["ETag"]
    response = client.get(article.url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_it_uses_a_strong_etag_that_changes_with_the_page(client, article) -> None:
    before = client.get(article.url)["ETag"]
    article.title = "Water talks collapse"
    article.save_revision().publish()
    after = client.get(article.url)["ETag"]
    assert not before.startswith("W/")
    assert before != after


def test_it_tells_shared_caches_how_long_to_keep_a_page(client, news, article) -> None:
    control = client.get(news.url)["Cache-Control"]
    assert control.startswith("public, max-age=30, s-maxage=")
    assert "stale-while-revalidate=30" in control


def test_it_names_the_pages_tags_for_cdns(client, article) -> None:
    response = client.get(article.url)
    keys = response["Surrogate-Key"].split(" ")
    assert f"page:{article.pk}" in keys
    assert response["Cache-Tag"].split(",") == keys


def test_it_serves_a_hit_compressed_as_stored(client, article) -> None:
    plain = client.get(article.url).content
    response = client.get(article.url, headers={"Accept-Encoding": "gzip, br"})
    assert response["Content-Encoding"] == "br"
    assert brotli.decompress(response.content) == plain


def test_it_answers_head_without_a_body(client, article) -> None:
    client.get(article.url)
    response = client.head(article.url)
    assert (response["X-Cache"], response.content) == ("HIT", b"")


def test_it_keeps_a_404_only_until_a_page_takes_its_address(client, news) -> None:
    address = "/news/a-story-to-come/"
    assert client.get(address).status_code == 404
    assert client.get(address)["X-Cache"] == "HIT"
    factories.make_article(news, "A story to come", slug="a-story-to-come")
    assert client.get(address).status_code == 200


def test_it_caches_no_comment_form_token_for_csrf(client, article) -> None:
    response = client.get(article.url)
    # The kept page has the comment form, which fetches its token when it is used.
    assert b'id="comment-form"' in response.content
    assert b"csrfmiddlewaretoken" not in response.content
    assert not response.cookies


def test_it_takes_a_comment_without_a_csrf_token(article) -> None:
    strict = Client(enforce_csrf_checks=True)
    response = post(strict, article)
    assert response.status_code == 302


def test_it_shows_an_approved_comment_on_a_cached_article_at_once(client, article) -> None:
    comment = factories.make_comment(article, status=Status.PENDING, text="Wells ran dry.")
    assert b"Wells ran dry." not in client.get(article.url).content
    services.moderate(comment, Status.APPROVED)
    response = client.get(article.url)
    assert b"Wells ran dry." in response.content


def test_it_keeps_pages_showing_most_viewed_no_longer_than_its_lists(client, article) -> None:
    # Most Viewed is counted again every LIST_SECONDS (60); the page goes with it.
    response = client.get(article.url)
    entry = pagecache.cache.get(pagecache.key_for(response.wsgi_request))
    assert entry.expires_at - entry.stored_at <= 60
    assert "s-maxage=60" in response["Cache-Control"] or "s-maxage=59" in response["Cache-Control"]
