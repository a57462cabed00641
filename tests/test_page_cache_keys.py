"""Page-cache keys from what each kind of page reads (decision 0012): the map's filters,
list pages' page number, search's fields, an article's comment paging. Through the
middleware and through the WSGI fast path, as readers get them."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client

from newsdesk.core.fastpath import PageCacheHits

from .edge_content import EdgeSite, edge_site
from .test_map_pages import listed_titles
from .test_page_cache_fastpath import Reader

__all__ = ["edge_site"]

pytestmark = pytest.mark.django_db

WELL_FORMED_BUT_UNKNOWN = "sessionid=" + "a1" * 16


def checked_period(html: str) -> str:
    found = re.search(r'name="period" value="([^"]+)"[^>]*\bchecked', html)
    assert found is not None
    return found.group(1)


def test_a_filtered_map_gets_its_own_view_while_the_plain_map_is_cached(
    client: Client, edge_site: EdgeSite
) -> None:
    client.get("/map/")
    assert client.get("/map/")["X-Cache"] == "HIT"

    filtered = client.get("/map/?period=24h&category=shelling")

    assert filtered["X-Cache"] == "MISS"
    html = filtered.content.decode()
    assert checked_period(html) == "24h"
    assert len(listed_titles(html)) == 1  # the shelling event, not the airstrike


def test_a_first_filtered_request_does_not_become_the_plain_maps_copy(
    client: Client, edge_site: EdgeSite
) -> None:
    client.get("/map/?period=24h&category=shelling")

    plain = client.get("/map/")

    assert plain["X-Cache"] == "MISS"
    assert checked_period(plain.content.decode()) == "30d"
    assert len(listed_titles(plain.content.decode())) == 2


def test_a_filtered_map_is_kept_for_its_own_address(client: Client, edge_site: EdgeSite) -> None:
    first = client.get("/map/?category=shelling&period=24h")
    # The same filters in another order or form are the same view.
    again = client.get("/map/?period=24h&category=shelling&category=shelling")
    assert (first["X-Cache"], again["X-Cache"]) == ("MISS", "HIT")
    assert again.content == first.content


def test_the_fast_path_answers_a_filtered_map_with_the_filtered_view(edge_site: EdgeSite) -> None:
    reader = Reader(PageCacheHits(WSGIHandler()))
    reader.get("/map/")
    assert not reader.get("/map/").ran_django

    filtered = reader.get("/map/?period=24h")
    from_door = reader.get("/map/?period=24h")

    assert filtered.ran_django and not from_door.ran_django
    assert checked_period(from_door.body.decode()) == "24h"
    assert checked_period(reader.get("/map/").body.decode()) == "30d"


@pytest.mark.parametrize(
    "junk",
    ["utm_source=newsletter&fbclid=abc", "page=1", "period=24h", "comments=2", "q=water"],
)
def test_a_parameter_a_page_does_not_read_shares_the_plain_pages_entry(
    client: Client, edge_site: EdgeSite, junk: str
) -> None:
    client.get("/news/")
    response = client.get(f"/news/?{junk}")
    assert response["X-Cache"] == "HIT"


@pytest.mark.parametrize(
    "url",
    [
        "/news/?page=²",
        "/news/?page=-1",
        "/news/?page=9",
        "/news/?page=501",
        "/map/?page=9",
        "/map/?period=%00",
        "/map/?category=no-such-category",
        "/search/?q=water&page=①",
    ],
)
def test_a_value_a_page_cannot_use_makes_no_entry(
    client: Client, edge_site: EdgeSite, url: str
) -> None:
    first = client.get(url)
    again = client.get(url)
    assert first.status_code in (400, 404)
    assert again["X-Cache"] == "BYPASS"


@pytest.mark.parametrize("query", ["comments=²", "reply=①", "comment=%00", "comments=0"])
def test_a_bad_comment_parameter_makes_no_entry(
    client: Client, edge_site: EdgeSite, query: str
) -> None:
    url = f"{edge_site.article.url}?{query}"
    first = client.get(url)
    again = client.get(url)
    assert first.status_code in (400, 404)
    assert again["X-Cache"] == "BYPASS"


def test_a_reply_to_no_comment_shows_the_article_but_makes_no_entry(
    client: Client, edge_site: EdgeSite
) -> None:
    url = f"{edge_site.article.url}?reply=987654"
    first = client.get(url)
    again = client.get(url)
    assert first.status_code == 200
    assert "Water talks resume" in first.content.decode()
    assert again["X-Cache"] == "BYPASS"


def test_a_reply_to_a_comment_is_kept_for_its_address(client: Client, edge_site: EdgeSite) -> None:
    comment = edge_site.article.comments.get()  # type: ignore[attr-defined]
    url = f"{edge_site.article.url}?reply={comment.pk}"
    first = client.get(url)
    again = client.get(url)
    assert (first["X-Cache"], again["X-Cache"]) == ("MISS", "HIT")
    assert comment.name in again.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=water&evil=planted-value",
        "/map/?evil=planted-value",
        "/news/?evil=planted-value",
    ],
)
def test_a_page_does_not_repeat_a_parameter_it_does_not_read(
    client: Client, edge_site: EdgeSite, url: str
) -> None:
    html = client.get(url).content.decode()
    assert "<html" in html
    assert "planted-value" not in html


def test_a_pages_canonical_link_names_its_clean_address(
    client: Client, edge_site: EdgeSite
) -> None:
    html = client.get("/news/?utm_source=newsletter&page=1").content.decode()
    assert '<link rel="canonical" href="http://localhost/news/">' in html


@pytest.mark.parametrize("cookie", ["sessionid=abc", WELL_FORMED_BUT_UNKNOWN, "sessionid="])
def test_a_made_up_session_cookie_still_gets_the_cached_page(
    edge_site: EdgeSite, cookie: str
) -> None:
    Client().get("/news/")
    name, _sep, value = cookie.partition("=")
    reader = Client()
    reader.cookies[name] = value
    assert reader.get("/news/")["X-Cache"] == "HIT"


def test_the_fast_path_answers_a_malformed_session_cookie_itself(edge_site: EdgeSite) -> None:
    reader = Reader(PageCacheHits(WSGIHandler()))
    reader.get("/news/")
    answer = reader.get("/news/", cookie="sessionid=abc")
    assert not answer.ran_django
    assert answer.headers["X-Cache"] == "HIT"


def test_the_fast_path_leaves_a_well_formed_cookie_to_django_which_serves_the_page(
    edge_site: EdgeSite,
) -> None:
    reader = Reader(PageCacheHits(WSGIHandler()))
    reader.get("/news/")
    answer = reader.get("/news/", cookie=WELL_FORMED_BUT_UNKNOWN)
    assert answer.ran_django
    assert answer.headers["X-Cache"] == "HIT"


def test_a_logged_in_reader_never_gets_a_cached_page(edge_site: EdgeSite) -> None:
    Client().get("/news/")
    editor = Client()
    editor.force_login(User.objects.create_user("editor-edge", password="pw"))
    response = editor.get("/news/")
    assert response["X-Cache"] == "BYPASS"
    assert "private" in response["Cache-Control"]


def test_the_fast_path_leaves_a_real_session_to_django_which_bypasses_the_cache(
    edge_site: EdgeSite,
) -> None:
    session = SessionStore()
    session["seen"] = True
    session.create()
    reader = Reader(PageCacheHits(WSGIHandler()))
    reader.get("/news/")
    answer = reader.get("/news/", cookie=f"sessionid={session.session_key}")
    assert answer.ran_django
    assert answer.headers["X-Cache"] == "BYPASS"
