"""The reader's own token (decision 0013): scripts posting from cached pages, single use,
readers without script, and rate limits that nobody can spend for someone else."""

from __future__ import annotations

import json
import re
import threading
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from newsdesk.articles.models import ArticlePage
from newsdesk.comments import pipeline
from newsdesk.comments.models import Comment, Status
from newsdesk.core.fastpath import PageCacheHits

from . import factories
from .comment_helpers import form_fields, post
from .test_page_cache_fastpath import Reader

pytestmark = pytest.mark.django_db

CONFIRM = "press Send once more"
CONFIRM_MESSAGE = "To keep automated posts out, please press Send once more to post your comment."


@pytest.fixture
def article(news: Any) -> ArticlePage:
    return factories.make_article(news, "Talks resume in Doha")


@pytest.fixture
def three_seconds(settings: Any) -> None:
    """The site's minimum time between starting to write and sending."""
    settings.COMMENTS_MIN_SECONDS = 3


def later(seconds: int) -> Any:
    return time_machine.travel(timezone.now() + timedelta(seconds=seconds), tick=True)


def page_token(html: str) -> str:
    match = re.search(r'name="token" value="([^"]*)"', html)
    assert match, "the page has no comment form"
    return match.group(1)


def fetch_token(client: Client, article: ArticlePage) -> str:
    response = client.get(reverse("comments:token", args=[article.pk]))
    assert response.status_code == 200
    return str(response.json()["token"])


# A script and the cached page ----------------------------------------------------------


def test_a_cached_article_gives_every_reader_the_same_form_without_a_token(article) -> None:
    reader = Reader(PageCacheHits(WSGIHandler()))
    first = reader.get(article.url)
    second = reader.get(article.url)

    assert (first.ran_django, second.ran_django) == (True, False)
    assert second.body == first.body
    assert 'id="comment-form"' in second.body.decode()
    assert page_token(second.body.decode()) == ""


@pytest.mark.usefixtures("three_seconds")
def test_a_script_posting_straight_after_fetching_a_cached_article_is_refused(article) -> None:
    reader = Reader(PageCacheHits(WSGIHandler()))
    reader.get(article.url)
    cached = reader.get(article.url)
    assert not cached.ran_django  # answered at the door, as a script would get it

    response = post(Client(), article, token=page_token(cached.body.decode()))

    assert response.status_code == 400
    assert CONFIRM in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.usefixtures("three_seconds")
def test_a_script_posting_straight_after_asking_for_a_token_is_too_fast(
    client: Client, article: ArticlePage
) -> None:
    token = fetch_token(client, article)

    response = post(client, article, token=token)

    assert response.status_code == 400
    assert "very quick" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.usefixtures("three_seconds")
def test_the_minimum_time_counts_from_the_tokens_issue(
    client: Client, article: ArticlePage
) -> None:
    token = fetch_token(client, article)

    with later(4):
        response = post(client, article, token=token)

    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_the_token_is_never_cached_and_each_reader_gets_their_own(article) -> None:
    reader = Reader(PageCacheHits(WSGIHandler()))
    address = reverse("comments:token", args=[article.pk])

    first, second = reader.get(address), reader.get(address)

    assert (first.ran_django, second.ran_django) == (True, True)
    assert "no-store" in first.headers["Cache-Control"]
    assert first.headers["X-Cache"] == "BYPASS"
    assert first.body != second.body
    assert pipeline.read_token(json.loads(first.body)["token"], article.pk) is not None


def test_a_token_for_another_article_is_refused(client: Client, article, news) -> None:
    other = factories.make_article(news, "Another story")

    response = post(client, article, token=fetch_token(client, other))

    assert CONFIRM in response.content.decode()
    assert not Comment.objects.exists()


# Single use ------------------------------------------------------------------------------


def test_a_token_is_good_for_one_comment(client: Client, article: ArticlePage) -> None:
    token = fetch_token(client, article)

    first = post(client, article, token=token, text="The first comment.")
    second = post(client, article, token=token, text="The second comment.")

    assert (first.status_code, second.status_code) == (302, 400)
    assert CONFIRM in second.content.decode()
    assert list(Comment.objects.values_list("text", flat=True)) == ["The first comment."]
    fresh = form_fields(second.content.decode())["token"]
    assert fresh != token
    assert pipeline.read_token(fresh, article.pk) is not None


def test_of_posts_sent_at_once_with_one_token_only_one_spends_it(article) -> None:
    raw = pipeline.make_token(article.pk)
    token = pipeline.read_token(raw, article.pk)
    assert token is not None
    start = threading.Barrier(8)
    won: list[bool] = []

    def spend() -> None:
        start.wait()
        won.append(token.spend())

    threads = [threading.Thread(target=spend) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(won) == [False] * 7 + [True]


def test_the_script_gets_a_new_token_with_a_refusal_once_its_own_is_spent(
    client: Client, article: ArticlePage
) -> None:
    token = fetch_token(client, article)
    post(client, article, token=token)

    response = post(client, article, json=True, token=token, text="Again, with the same token.")

    body = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert CONFIRM in body["detail"]
    assert body["token"] != token
    assert post(client, article, json=True, token=body["token"], text="Now").status_code == 201


@pytest.mark.usefixtures("three_seconds")
def test_a_too_quick_post_keeps_its_token_for_the_next_try(
    client: Client, article: ArticlePage
) -> None:
    token = fetch_token(client, article)

    response = post(client, article, json=True, token=token)

    assert response.json()["token"] == token  # the time already spent still counts
    with later(4):
        assert post(client, article, json=True, token=token).status_code == 201


# A reader without script -----------------------------------------------------------------


@pytest.mark.usefixtures("three_seconds")
def test_a_reader_without_script_posts_with_one_more_click(
    client: Client, article: ArticlePage
) -> None:
    page = client.get(article.url).content.decode()
    text = "The wells in the south ran dry «again»; می‌خواهم بیشتر بدانم."

    first = post(client, article, token=page_token(page), text=text, name="Omid")

    assert first.status_code == 400
    assert CONFIRM in first.content.decode()
    fields = form_fields(first.content.decode())
    assert (fields["name"], fields["email"], fields["text"]) == (
        "Omid",
        "maryam@example.com",
        text,
    )
    with later(5):  # reading the message and pressing Send
        second = client.post(reverse("comments:post", args=[article.pk]), fields)
    assert second.status_code == 302
    assert Comment.objects.get().text == text


@pytest.mark.usefixtures("three_seconds")
def test_a_reader_who_confirms_too_quickly_keeps_the_text_and_the_token(
    client: Client, article: ArticlePage
) -> None:
    confirm = form_fields(post(client, article, token="").content.decode())

    hurried = client.post(reverse("comments:post", args=[article.pk]), confirm)

    assert "very quick" in hurried.content.decode()
    again = form_fields(hurried.content.decode())
    assert again == confirm
    with later(4):
        assert client.post(reverse("comments:post", args=[article.pk]), again).status_code == 302


# Nobody can spend another reader's allowance -------------------------------------------


@pytest.mark.usefixtures("three_seconds")
def test_bogus_posts_with_a_victims_email_do_not_lock_the_victim_out(
    client: Client, article: ArticlePage, news: Any
) -> None:
    victim = {"email": "victim@example.com"}
    attacker = {**victim, "REMOTE_ADDR": "198.51.100.7"}
    other = factories.make_article(news, "Another story")
    bogus: list[dict[str, Any]] = [
        {"token": ""},
        {"token": "forged:token:value"},
        {"token": pipeline.make_token(other.pk)},
        {"token": pipeline.make_token(article.pk)},  # too quick
        {"token": pipeline.make_token(article.pk), "parent": "abc"},
        {"text": ""},
    ] * 2
    for fields in bogus:
        assert post(client, article, **attacker, **fields).status_code == 400

    token = fetch_token(client, article)  # the victim starts writing
    with later(4):
        response = post(client, article, **victim, token=token, REMOTE_ADDR="203.0.113.5")

    assert response.status_code == 302
    stored = Comment.objects.get()
    assert (stored.email, stored.status, stored.reason) == ("victim@example.com", "pending", "")


def test_accepted_posts_with_a_victims_email_only_send_the_victims_comment_to_moderators(
    client: Client, article: ArticlePage
) -> None:
    for n in range(6):
        post(client, article, email="victim@example.com", text=f"Fake {n}", REMOTE_ADDR="10.9.9.9")

    response = post(client, article, email="victim@example.com", REMOTE_ADDR="203.0.113.5")

    assert response.status_code == 302
    mine = Comment.objects.get(text__startswith="A thoughtful")
    assert (mine.status, mine.reason) == (Status.PENDING, "rate_limit:email")


def test_the_token_costs_no_database_query(client: Client, article: ArticlePage) -> None:
    address = reverse("comments:token", args=[article.pk])
    client.get(address)  # the site and its settings, as any first request

    with CaptureQueriesContext(connection) as queries:
        token = client.get(address).json()["token"]

    assert len(queries) == 0
    assert pipeline.read_token(token, article.pk) is not None


@pytest.mark.parametrize(("language", "button"), [("ar", "«إرسال»"), ("fa", "«ارسال»")])
def test_it_asks_arabic_and_persian_readers_to_press_send_in_their_language(
    language: str, button: str
) -> None:
    with translation.override(language):
        asked = gettext(CONFIRM_MESSAGE)

    assert button in asked
