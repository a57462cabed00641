"""Each named check of the pipeline, each moderation mode, and bad input at the edge."""

from __future__ import annotations

import time
from datetime import timedelta
from io import BytesIO
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from newsdesk.articles.models import ArticlePage
from newsdesk.comments import pipeline
from newsdesk.comments.models import Blocked, Comment, CommentSettings, Moderation, Status
from newsdesk.newsroom.roles import EDITOR

from . import factories
from .comment_helpers import post

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news) -> ArticlePage:  # type: ignore[no-untyped-def]
    return factories.make_article(news, "Talks resume in Doha")


def site_settings(**fields: Any) -> None:
    settings_row = CommentSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(settings_row, name, value)
    settings_row.save()


def aged_token(article: ArticlePage, seconds: int) -> str:
    with time_machine.travel(time.time() - seconds, tick=False):
        return pipeline.make_token(article.pk)


# Storing and refusing ------------------------------------------------------------------


def test_it_stores_a_good_comment_as_pending(client: Client, article: ArticlePage) -> None:
    response = post(client, article)

    assert response.status_code == 302
    assert response["Location"].endswith("?comment=pending#comment-status-notice")
    assert Comment.objects.get().status == Status.PENDING


def test_it_stores_no_raw_address_only_a_network_hash(client: Client, article: ArticlePage) -> None:
    post(client, article, REMOTE_ADDR="203.0.113.9")

    stored = Comment.objects.get()
    assert "203.0.113" not in str(stored.__dict__)
    assert stored.client_hash == pipeline.client_hash("203.0.113.200")


def test_it_hashes_ipv6_by_its_64_network() -> None:
    assert pipeline.client_hash("2001:db8::1") == pipeline.client_hash("2001:db8::ffff:1")
    assert pipeline.client_hash("2001:db8::1") != pipeline.client_hash("2001:db8:0:1::1")


def test_it_refuses_empty_text_with_a_field_message_and_keeps_the_name(
    client: Client, article: ArticlePage
) -> None:
    response = post(client, article, text="", name="Keep me")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Please write your comment." in html
    assert 'value="Keep me"' in html
    assert not Comment.objects.exists()


def test_it_refuses_oversized_text_and_keeps_it_in_the_form(
    client: Client, article: ArticlePage
) -> None:
    text = "Long words. " * 400

    response = post(client, article, text=text)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Please shorten your comment to 3000 characters" in html
    assert text.strip() in html
    assert not Comment.objects.exists()


def test_it_refuses_a_nul_character_as_a_form_error(client: Client, article: ArticlePage) -> None:
    response = post(client, article, text="java\x00script:alert(1)")

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_it_refuses_a_bad_email_with_a_useful_message(client: Client, article: ArticlePage) -> None:
    response = post(client, article, email="not-an-address")

    assert "Please check your email address" in response.content.decode()


def test_it_answers_the_script_with_a_problem_per_field(
    client: Client, article: ArticlePage
) -> None:
    response = post(client, article, json=True, text="", name="")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert set(response.json()["errors"]) == {"text", "name"}


def test_it_answers_the_script_that_a_comment_awaits_moderation(
    client: Client, article: ArticlePage
) -> None:
    response = post(client, article, json=True)

    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert "awaiting moderation" in response.json()["message"]


def test_it_refuses_a_post_from_another_sites_page(client: Client, article: ArticlePage) -> None:
    # Pages are cached for every reader, so the form has no CSRF token: the Origin decides.
    client.defaults["HTTP_ORIGIN"] = "https://elsewhere.example"
    response = post(client, article)

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_it_refuses_a_get(client: Client, article: ArticlePage) -> None:
    assert client.get(f"/comments/{article.pk}/").status_code == 405


def test_it_answers_404_for_an_unknown_article(client: Client, article: ArticlePage) -> None:
    assert client.post("/comments/999999/", {}).status_code == 404


def test_it_stores_a_double_submit_once(client: Client, article: ArticlePage) -> None:
    first = post(client, article)
    second = post(client, article)

    assert first.status_code == 302
    assert second.status_code == 409
    assert "already have this comment" in second.content.decode()
    assert Comment.objects.count() == 1


def test_it_refuses_a_closed_article(client: Client, article: ArticlePage) -> None:
    article.comments_open = False
    article.save()

    response = post(client, article)

    assert response.status_code == 403
    assert "closed" in response.content.decode()


def test_it_closes_comments_after_the_sites_number_of_days(client: Client, news: Any) -> None:
    old = factories.make_article(news, published_at=timezone.now() - timedelta(days=40))
    site_settings(close_after_days=30)

    assert post(client, old).status_code == 403


def test_it_stores_honeypot_submissions_as_spam_with_the_reason(
    client: Client, article: ArticlePage
) -> None:
    response = post(client, article, website="http://spam.example")

    stored = Comment.objects.get()
    assert (stored.status, stored.reason) == (Status.SPAM, "honeypot")
    assert response.status_code == 302  # the bot learns nothing


def test_it_refuses_a_form_sent_faster_than_a_person_can(
    client: Client, article: ArticlePage, settings: Any
) -> None:
    settings.COMMENTS_MIN_SECONDS = 3

    response = post(client, article, token=aged_token(article, 0))

    assert response.status_code == 400
    assert "very quick" in response.content.decode()


def test_it_accepts_a_form_after_the_minimum_time(
    client: Client, article: ArticlePage, settings: Any
) -> None:
    settings.COMMENTS_MIN_SECONDS = 3

    assert post(client, article, token=aged_token(article, 5)).status_code == 302


def test_it_sends_back_a_form_older_than_a_day_to_be_confirmed(
    client: Client, article: ArticlePage
) -> None:
    response = post(client, article, token=aged_token(article, 60 * 60 * 25))

    assert response.status_code == 400
    assert "press Send once more" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("token", ["", "forged:token:value"])
def test_it_refuses_a_missing_or_forged_token(
    client: Client, article: ArticlePage, token: str
) -> None:
    assert post(client, article, token=token).status_code == 400
    assert not Comment.objects.exists()


def test_it_refuses_a_token_for_another_article(
    client: Client, article: ArticlePage, news: Any
) -> None:
    other = factories.make_article(news)

    assert post(client, article, token=pipeline.make_token(other.pk)).status_code == 400


def test_it_limits_comments_per_client_network(client: Client, article: ArticlePage) -> None:
    for n in range(5):
        post(
            client,
            article,
            email=f"r{n}@example.com",
            text=f"Comment {n}",
            REMOTE_ADDR="198.51.100.1",
        )

    response = post(client, article, email="r9@example.com", REMOTE_ADDR="198.51.100.77")

    assert response.status_code == 429
    assert "too quickly" in response.content.decode()
    assert Comment.objects.count() == 5


def test_it_limits_each_reader_behind_a_trusted_proxy_apart(
    client: Client, article: ArticlePage, settings
) -> None:
    settings.NEWSDESK_TRUSTED_PROXIES = 1
    for n in range(5):
        post(
            client,
            article,
            email=f"r{n}@example.com",
            text=f"Comment {n}",
            REMOTE_ADDR="10.0.0.1",
            forwarded_for="198.51.100.1",
        )

    response = post(
        client, article, email="r9@example.com", REMOTE_ADDR="10.0.0.1", forwarded_for="203.0.113.7"
    )

    assert response.status_code != 429
    assert Comment.objects.count() == 6


def test_it_holds_comments_beyond_the_limit_per_email_for_moderators(
    client: Client, article: ArticlePage
) -> None:
    # Anyone can type anyone's email: too many with one is held, never refused.
    site_settings(moderation=Moderation.NONE)
    for n in range(5):
        post(client, article, text=f"Comment {n}", REMOTE_ADDR=f"192.0.{n}.1")

    response = post(client, article, REMOTE_ADDR="192.0.9.1")

    assert response.status_code == 302
    held = Comment.objects.get(text__startswith="A thoughtful")
    assert (held.status, held.reason) == (Status.PENDING, "rate_limit:email")
    assert Comment.objects.filter(status=Status.APPROVED).count() == 5


def test_it_refuses_too_many_links(client: Client, article: ArticlePage) -> None:
    text = "See https://a.example https://b.example www.c.example"

    response = post(client, article, text=text)

    assert response.status_code == 400
    assert "at most 2 links" in response.content.decode()


@pytest.mark.parametrize(
    ("kind", "value", "fields"),
    [
        ("word", "casino", {"text": "Best CASINO bonus here"}),
        ("email", "troll@example.com", {"email": "Troll@example.com"}),
        ("client", pipeline.client_hash("203.0.113.5"), {"REMOTE_ADDR": "203.0.113.5"}),
    ],
)
def test_it_stores_blocked_submissions_as_spam(
    client: Client, article: ArticlePage, kind: str, value: str, fields: dict[str, str]
) -> None:
    Blocked.objects.create(kind=kind, value=value)

    post(client, article, **fields)

    stored = Comment.objects.get()
    assert (stored.status, stored.reason) == (Status.SPAM, f"blocked:{kind}")


@pytest.mark.parametrize(("answer", "status"), [(b"true", Status.SPAM), (b"false", Status.PENDING)])
def test_it_asks_the_spam_service_when_one_is_set(
    client: Client, article: ArticlePage, settings: Any, answer: bytes, status: str
) -> None:
    settings.COMMENTS_SPAM_SERVICE_URL = "https://key.rest.akismet.example/1.1/comment-check"
    with mock.patch("urllib.request.urlopen", return_value=BytesIO(answer)) as urlopen:
        post(client, article)

    assert urlopen.call_args.args[0].full_url.endswith("/comment-check")
    assert Comment.objects.get().status == status


def test_it_does_not_ask_a_spam_service_by_default(client: Client, article: ArticlePage) -> None:
    with mock.patch("urllib.request.urlopen") as urlopen:
        post(client, article)

    urlopen.assert_not_called()
    # Stored as usual, waiting for a moderator, with no spam verdict.
    stored = Comment.objects.get()
    assert (stored.status, stored.reason) == (Status.PENDING, "")


# Moderation modes ------------------------------------------------------------------------


def test_it_pre_moderates_every_comment_by_default(client: Client, article: ArticlePage) -> None:
    factories.make_comment(article, email="regular@example.com")

    post(client, article, email="regular@example.com")

    assert Comment.objects.filter(status=Status.PENDING).count() == 1


def test_it_publishes_at_once_when_moderation_is_off(client: Client, article: ArticlePage) -> None:
    site_settings(moderation=Moderation.NONE)

    response = post(client, article)

    comment = Comment.objects.get()
    assert comment.status == Status.APPROVED
    assert response["Location"].endswith(f"#comment-{comment.pk}")


def test_it_holds_only_first_time_commenters_in_that_mode(
    client: Client, article: ArticlePage
) -> None:
    site_settings(moderation=Moderation.FIRST_TIME)
    factories.make_comment(article, email="regular@example.com")

    post(client, article, email="regular@example.com", text="Known reader")
    post(client, article, email="new@example.com", text="New reader")

    assert Comment.objects.get(text="Known reader").status == Status.APPROVED
    assert Comment.objects.get(text="New reader").status == Status.PENDING


def test_it_holds_only_comments_with_links_in_that_mode(
    client: Client, article: ArticlePage
) -> None:
    site_settings(moderation=Moderation.LINKS)

    post(client, article, text="Plain words")
    post(client, article, text="See https://example.org")

    assert Comment.objects.get(text="Plain words").status == Status.APPROVED
    assert Comment.objects.get(text="See https://example.org").status == Status.PENDING


# Replies ---------------------------------------------------------------------------------


def test_it_attaches_a_reply_to_its_parent(client: Client, article: ArticlePage) -> None:
    parent = factories.make_comment(article)

    post(client, article, parent=parent.pk)

    reply = Comment.objects.get(parent=parent)
    assert (reply.root, reply.depth) == (parent, 1)


def test_it_attaches_replies_to_deep_comments_at_the_deepest_level(
    client: Client, article: ArticlePage
) -> None:
    root = factories.make_comment(article)
    child = factories.make_comment(article, root)
    grandchild = factories.make_comment(article, child)

    post(client, article, parent=grandchild.pk)

    reply = Comment.objects.get(text__startswith="A thoughtful")
    assert (reply.parent, reply.root, reply.depth) == (child, root, 2)


def test_it_refuses_a_reply_to_an_unpublished_comment(client: Client, article: ArticlePage) -> None:
    hidden = factories.make_comment(article, status=Status.PENDING)

    response = post(client, article, parent=hidden.pk)

    assert response.status_code == 400
    assert "no longer available" in response.content.decode()


def test_it_applies_a_changed_moderation_mode_at_once(client: Client, article: ArticlePage) -> None:
    client.get(article.url)  # the site's rules are now kept in the cache
    site_settings(moderation=Moderation.NONE)

    post(client, article)

    assert Comment.objects.get().status == Status.APPROVED


def test_it_does_not_email_moderators_about_spam(client: Client, article: ArticlePage) -> None:
    editor = User.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name=EDITOR))

    post(client, article, website="http://spam.example")

    assert Comment.objects.get().status == Status.SPAM
    assert mail.outbox == []
