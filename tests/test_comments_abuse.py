"""Abuse at the edges: text that reorders itself, text that looks like the form's
machinery, tampered and unreadable posts, and what the desk shows to whom."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from newsdesk.articles.models import ArticlePage
from newsdesk.comments.models import Comment, Status
from newsdesk.newsroom.roles import EDITOR, WRITER
from tests.factories import member_of

from . import factories
from .comment_helpers import form_data, form_fields, post

pytestmark = pytest.mark.django_db
LIST_URL = "/admin/snippets/comments/comment/"


@pytest.fixture
def article(news: Any) -> ArticlePage:
    return factories.make_article(news, "Talks resume in Doha")


# Bidirectional controls -----------------------------------------------------------------

RLM, LRM, ALM, ZWNJ, ZWJ = "\u200f", "\u200e", "\u061c", "\u200c", "\u200d"


@pytest.mark.parametrize(
    ("field", "sent", "stored"),
    [
        ("name", "\u202e)ffats( nimdA", ")ffats( nimdA"),  # right-to-left override
        ("name", "\u2067Admin\u2069 (staff)", "Admin (staff)"),  # isolate
        ("name", "\u202bAdmin\u202c (staff)", "Admin (staff)"),  # embedding
        ("name", f"Admin{RLM} (staff){LRM}", "Admin (staff)"),
        ("name", f"{ALM}علي", "علي"),
        ("name", f"مهدی{ZWNJ}زاده", f"مهدی{ZWNJ}زاده"),  # Persian: joiners stay
        ("name", "مريم الحسيني", "مريم الحسيني"),
        (
            "text",
            f"می{ZWNJ}خواهم این گزارش را دوباره بخوانم.",
            f"می{ZWNJ}خواهم این گزارش را دوباره بخوانم.",
        ),
        (
            "text",
            f"قال {RLM}Reuters{RLM} إن المحادثات مستمرة.",
            f"قال {RLM}Reuters{RLM} إن المحادثات مستمرة.",
        ),
        ("text", f"نه{ZWJ} فقط این", f"نه{ZWJ} فقط این"),
        ("text", f"{RLM}Good reporting.{LRM}", "Good reporting."),
        ("text", "See invoice \u202egnp.exe", "See invoice gnp.exe"),
        ("text", "\u2066Quoted\u2069 and \u2068first\u2069", "Quoted and first"),
    ],
)
def test_it_stores_names_and_text_without_bidi_controls(
    client: Client, article: ArticlePage, field: str, sent: str, stored: str
) -> None:
    post(client, article, **{field: sent})

    assert getattr(Comment.objects.get(), field) == stored


def test_it_refuses_a_name_of_nothing_but_controls(client: Client, article: ArticlePage) -> None:
    response = post(client, article, name="\u202e\u2067\u200f")

    assert response.status_code == 400
    assert "Please tell us your name." in response.content.decode()
    assert not Comment.objects.exists()


# The form's machinery is not in comments -----------------------------------------------

OLD_SLOT = "newsdesk-comment-token-slot"


@pytest.mark.parametrize("query", ["", "?comment=pending"])
def test_a_comment_quoting_the_forms_machinery_is_shown_as_written(
    client: Client, article: ArticlePage, query: str
) -> None:
    text = f'{OLD_SLOT} name="token" value="{OLD_SLOT}"'
    factories.make_comment(article, text=text, name=OLD_SLOT)

    client.get(f"{article.url}{query}")
    html = client.get(f"{article.url}{query}").content.decode()  # the kept page

    shown = f"{OLD_SLOT} name=&quot;token&quot; value=&quot;{OLD_SLOT}&quot;"
    assert f'<div class="comment__text" dir="auto">{shown}</div>' in html
    assert f'<span class="comment__name" dir="auto">{OLD_SLOT}</span>' in html
    assert form_fields(html)["token"] == ""


# Tampered and unreadable posts ---------------------------------------------------------

CHANGED = "Part of the form was changed or lost on the way."


@pytest.mark.parametrize(
    "fields",
    [{"parent": "abc"}, {"parent": "-4"}, {"token": "x" * 300}, {"website": "y" * 300}],
    ids=["parent-text", "parent-negative", "token-long", "trap-long"],
)
def test_it_says_the_form_was_changed_when_a_hidden_field_was_tampered_with(
    client: Client, article: ArticlePage, fields: dict[str, str]
) -> None:
    response = post(client, article, text="Keep this text.", **fields)

    html = response.content.decode()
    assert response.status_code == 400
    assert CHANGED in html
    assert "Please check the highlighted fields." not in html
    sent_again = form_fields(html)
    assert (sent_again["text"], sent_again["parent"]) == ("Keep this text.", "")
    assert not Comment.objects.exists()


def test_it_tells_the_script_that_the_form_was_changed(
    client: Client, article: ArticlePage
) -> None:
    response = post(client, article, json=True, parent="abc")

    assert response["Content-Type"] == "application/problem+json"
    assert CHANGED in response.json()["detail"]


def test_the_form_sent_again_after_tampering_is_accepted(
    client: Client, article: ArticlePage
) -> None:
    again = form_fields(post(client, article, parent="abc").content.decode())

    response = client.post(reverse("comments:post", args=[article.pk]), again)

    assert response.status_code == 302
    assert Comment.objects.get().parent is None


def _json_errors(client: Client, article: ArticlePage, case: str) -> Any:
    url = reverse("comments:post", args=[article.pk])
    accept = {"Accept": "application/json"}
    if case == "get":
        return client.get(url, headers=accept)
    if case == "other-site":
        return client.post(
            url, form_data(article), headers={**accept, "Origin": "https://x.example"}
        )
    if case == "unknown-article":
        return client.post("/comments/999999/", form_data(article), headers=accept)
    if case == "multipart-without-boundary":
        body = b'--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nA\r\n--x--\r\n'
        return client.generic("POST", url, body, content_type="multipart/form-data", headers=accept)
    if case == "closed":
        article.comments_open = False
        article.save()
    return post(client, article, json=True, text="" if case == "fields" else "Fine text.")


@pytest.mark.parametrize(
    ("case", "status"),
    [
        ("get", 405),
        ("other-site", 403),
        ("unknown-article", 404),
        ("multipart-without-boundary", 400),
        ("fields", 400),
        ("closed", 403),
    ],
)
def test_the_script_gets_a_problem_for_every_error(
    client: Client, article: ArticlePage, case: str, status: int
) -> None:
    response = _json_errors(client, article, case)

    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == status
    assert response.json()["detail"]


def test_a_reader_gets_the_form_page_for_an_unreadable_post(
    client: Client, article: ArticlePage
) -> None:
    response = client.generic(
        "POST",
        reverse("comments:post", args=[article.pk]),
        b"--x--",
        content_type="multipart/form-data",
    )

    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    assert 'id="comment-form"' in response.content.decode()


# The moderation desk --------------------------------------------------------------------


def test_the_commenter_history_link_keeps_the_whole_email(
    client: Client, article: ArticlePage
) -> None:
    factories.make_comment(article, email="reader+news@example.com", text="Tagged address")
    factories.make_comment(article, email="reader@example.com", text="Plain address")
    client.force_login(member_of(EDITOR))

    listing = client.get(LIST_URL).content.decode()
    history = client.get(f"{LIST_URL}?email=reader%2Bnews%40example.com").content.decode()

    assert 'href="/admin/snippets/comments/comment/?email=reader%2Bnews%40example.com"' in listing
    assert "Tagged address" in history
    assert "Plain address" not in history


BULK_ACTIONS = ["approve", "reject", "spam", "block_email", "block_client", "delete"]


@pytest.mark.parametrize("action", BULK_ACTIONS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_writer_gets_403_on_the_bulk_pages_and_sees_no_comment(
    client: Client, article: ArticlePage, action: str, method: str
) -> None:
    comment = factories.make_comment(
        article, status=Status.SPAM, name="Secret Sender", text="Hidden spam text"
    )
    client.force_login(member_of(WRITER))

    url = f"/admin/bulk/comments/comment/{action}/?id={comment.pk}&next={LIST_URL}"
    response = getattr(client, method)(url)

    assert response.status_code == 403
    assert b"Hidden spam text" not in response.content
    assert b"Secret Sender" not in response.content
    assert Comment.objects.get(pk=comment.pk).status == Status.SPAM


@pytest.mark.parametrize("action", BULK_ACTIONS)
def test_an_editor_sees_the_comments_on_the_bulk_pages(
    client: Client, article: ArticlePage, action: str
) -> None:
    comment = factories.make_comment(article, status=Status.PENDING, text="Pending text")
    client.force_login(member_of(EDITOR))

    response = client.get(f"/admin/bulk/comments/comment/{action}/?id={comment.pk}")

    assert response.status_code == 200
    assert "Pending text" in response.content.decode()


def test_a_writer_granted_moderation_may_use_the_bulk_pages(
    client: Client, article: ArticlePage
) -> None:
    comment = factories.make_comment(article, status=Status.PENDING)
    writer = member_of(WRITER)
    writer.user_permissions.add(
        Permission.objects.get(codename="change_comment", content_type__app_label="comments")
    )
    client.force_login(writer)

    client.post(f"/admin/bulk/comments/comment/approve/?id={comment.pk}&next={LIST_URL}")

    assert Comment.objects.get(pk=comment.pk).status == Status.APPROVED


@pytest.mark.parametrize(
    "address",
    [
        LIST_URL,
        "/admin/snippets/choose/comments/comment/",
        "/admin/snippets/choose/comments/comment/results/",
        "/admin/snippets/comments/comment/inspect/{pk}/",
        "/admin/snippets/comments/comment/edit/{pk}/",
        "/admin/snippets/comments/comment/history/{pk}/",
        "/admin/snippets/comments/comment/usage/{pk}/",
        "/admin/reports/site-history/",
    ],
)
def test_a_writer_sees_no_comment_text_anywhere_in_the_admin(
    client: Client, article: ArticlePage, address: str
) -> None:
    comment = factories.make_comment(article, status=Status.SPAM, text="Hidden spam text")
    client.force_login(member_of(WRITER))

    response = client.get(address.format(pk=comment.pk))

    assert response.status_code in (200, 302, 403, 404)
    assert b"Hidden spam text" not in response.content
    assert Comment.objects.filter(text="Hidden spam text").exists()
