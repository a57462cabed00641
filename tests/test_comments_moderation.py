"""The state machine, the moderation desk and who may use it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client

from newsdesk.articles.models import ArticlePage
from newsdesk.comments import services
from newsdesk.comments.models import (
    Blocked,
    BlockKind,
    Comment,
    CommentEdit,
    Status,
    TransitionError,
)
from newsdesk.newsroom.roles import ADMINISTRATOR, EDITOR, WRITER
from tests.factories import member_of

from . import factories
from .comment_helpers import post

pytestmark = pytest.mark.django_db
LIST_URL = "/admin/snippets/comments/comment/"


@pytest.fixture
def article(news) -> ArticlePage:  # type: ignore[no-untyped-def]
    return factories.make_article(news, "Talks resume in Doha")


@pytest.mark.parametrize("target", [Status.APPROVED, Status.REJECTED, Status.SPAM])
def test_it_moves_a_pending_comment_to_any_decision(article: ArticlePage, target: str) -> None:
    comment = factories.make_comment(article, status=Status.PENDING)

    services.moderate(comment, target)

    comment.refresh_from_db()
    assert comment.status == target
    assert comment.decided_at is not None


@pytest.mark.parametrize("start", [Status.APPROVED, Status.REJECTED, Status.SPAM])
def test_it_lets_a_moderator_send_a_decision_back_to_the_queue(
    article: ArticlePage, start: str
) -> None:
    comment = factories.make_comment(article, status=start)

    services.moderate(comment, Status.PENDING)

    assert Comment.objects.get(pk=comment.pk).status == Status.PENDING


def test_it_refuses_a_move_to_the_same_status(article: ArticlePage) -> None:
    comment = factories.make_comment(article, status=Status.APPROVED)

    with pytest.raises(TransitionError):
        comment.transition(Status.APPROVED)


def test_it_refuses_a_move_decided_elsewhere_meanwhile(article: ArticlePage) -> None:
    comment = factories.make_comment(article, status=Status.PENDING)
    stale_copy = Comment.objects.get(pk=comment.pk)
    services.moderate(comment, Status.REJECTED)
    Comment.objects.filter(pk=comment.pk).update(status=Status.APPROVED)

    with pytest.raises(TransitionError):
        stale_copy.transition(Status.APPROVED)


def test_it_records_who_decided(article: ArticlePage) -> None:
    editor = member_of(EDITOR)
    comment = factories.make_comment(article, status=Status.PENDING)

    services.moderate(comment, Status.APPROVED, by=editor)

    assert Comment.objects.get(pk=comment.pk).decided_by == editor


@pytest.mark.parametrize("role", [EDITOR, ADMINISTRATOR])
def test_it_shows_the_moderation_queue_to_editors_and_administrators(
    client: Client, article: ArticlePage, role: str
) -> None:
    factories.make_comment(article, status=Status.PENDING, text="Please moderate me")
    client.force_login(member_of(role))

    response = client.get(LIST_URL, {"status": "pending"})

    assert response.status_code == 200
    assert "Please moderate me" in response.content.decode()


def test_it_keeps_a_writer_out_of_the_moderation_queue(
    client: Client, article: ArticlePage
) -> None:
    client.force_login(member_of(WRITER))

    assert client.get(LIST_URL).status_code in (302, 403)


def test_it_lets_a_writer_moderate_once_granted(client: Client, article: ArticlePage) -> None:
    writer = member_of(WRITER)
    writer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_comment", "change_comment"])
    )
    client.force_login(writer)

    assert client.get(LIST_URL).status_code == 200


def test_it_refuses_a_writer_the_bulk_approve(client: Client, article: ArticlePage) -> None:
    comment = factories.make_comment(article, status=Status.PENDING)
    client.force_login(member_of(WRITER))

    client.post(f"/admin/bulk/comments/comment/approve/?id={comment.pk}&next={LIST_URL}", {})

    assert Comment.objects.get(pk=comment.pk).status == Status.PENDING


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", Status.APPROVED), ("reject", Status.REJECTED), ("spam", Status.SPAM)],
)
def test_it_decides_on_many_comments_at_once(
    client: Client, article: ArticlePage, action: str, status: str
) -> None:
    comments = [factories.make_comment(article, status=Status.PENDING) for _ in range(3)]
    client.force_login(member_of(EDITOR))
    ids = "&".join(f"id={c.pk}" for c in comments)

    response = client.post(f"/admin/bulk/comments/comment/{action}/?{ids}&next={LIST_URL}", {})

    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {status}


def test_it_filters_the_queue_by_commenter_for_their_history(
    client: Client, article: ArticlePage
) -> None:
    factories.make_comment(article, email="troll@example.com", text="First by troll")
    factories.make_comment(article, email="kind@example.com", text="First by kind reader")
    client.force_login(member_of(EDITOR))

    html = client.get(LIST_URL, {"email": "troll@example.com"}).content.decode()

    assert "First by troll" in html
    assert "First by kind reader" not in html


def test_it_records_a_moderators_edit_with_its_reason(client: Client, article: ArticlePage) -> None:
    comment = factories.make_comment(article, text="Call me on 555-0100, great story")
    editor = member_of(EDITOR)
    client.force_login(editor)

    response = client.post(
        f"{LIST_URL}edit/{comment.pk}/",
        {"text": "Great story", "edit_reason": "removed a phone number"},
    )

    assert response.status_code == 302
    edit = CommentEdit.objects.get(comment=comment)
    assert (edit.old_text, edit.new_text) == ("Call me on 555-0100, great story", "Great story")
    assert (edit.reason, edit.editor) == ("removed a phone number", editor)


def test_it_refuses_an_edit_without_a_reason(client: Client, article: ArticlePage) -> None:
    comment = factories.make_comment(article, text="Original")
    client.force_login(member_of(EDITOR))

    client.post(f"{LIST_URL}edit/{comment.pk}/", {"text": "Changed", "edit_reason": ""})

    assert Comment.objects.get(pk=comment.pk).text == "Original"


@pytest.mark.parametrize(("action", "kind"), [("block_email", "email"), ("block_client", "client")])
def test_it_blocks_a_commenter_from_the_desk(
    client: Client, article: ArticlePage, action: str, kind: str
) -> None:
    comment = factories.make_comment(article, email="Troll@Example.com", client_hash="abc123")
    client.force_login(member_of(EDITOR))

    client.post(f"/admin/bulk/comments/comment/{action}/?id={comment.pk}&next={LIST_URL}", {})

    assert Blocked.objects.filter(kind=kind).values_list("value", flat=True).get() in (
        "troll@example.com",
        "abc123",
    )
    assert Comment.objects.get(pk=comment.pk).status == Status.SPAM


def test_it_emails_moderators_about_a_new_pending_comment(
    client: Client, article: ArticlePage
) -> None:
    member_of(EDITOR)

    post(client, article)

    assert [m.to for m in mail.outbox] == [["editor@example.org"]]
    assert "awaiting moderation" in mail.outbox[0].subject


def test_it_tells_a_commenter_of_a_reply_only_once_it_is_approved(article: ArticlePage) -> None:
    parent = factories.make_comment(article, email="asker@example.com", notify_replies=True)
    reply = factories.make_comment(article, parent, status=Status.PENDING)
    assert mail.outbox == []

    services.moderate(reply, Status.APPROVED)

    assert [m.to for m in mail.outbox] == [["asker@example.com"]]


def test_it_does_not_tell_a_commenter_who_did_not_ask(article: ArticlePage) -> None:
    parent = factories.make_comment(article, notify_replies=False)
    reply = factories.make_comment(article, parent, status=Status.PENDING)

    services.moderate(reply, Status.APPROVED)

    reply.refresh_from_db()
    assert reply.status == Status.APPROVED
    assert mail.outbox == []


def test_it_blocks_with_a_normalised_value(article: ArticlePage) -> None:
    comment = factories.make_comment(article, email=" Spam@Example.COM")

    entry = services.block(comment, BlockKind.EMAIL)

    assert entry.value == "spam@example.com"
