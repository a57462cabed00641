"""A reader comments; a moderator approves it in the admin; the reader sees it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Page, expect

from newsdesk.articles.models import SectionPage
from newsdesk.comments.models import Comment, Status
from newsdesk.newsroom.roles import EDITOR
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery staple"


def test_it_publishes_a_readers_comment_once_a_moderator_approves_it(
    page: Page, news: SectionPage
) -> None:
    article = factories.make_article(news, "Talks resume in Doha")
    editor = User.objects.create_user("erin", "erin@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name=EDITOR))

    # The reader posts; the script shows that the comment awaits moderation.
    page.goto(article.url)
    page.locator("#id_name").fill("Maryam")
    page.locator("#id_email").fill("maryam@example.com")
    page.locator("#id_text").fill("سلام! A first comment from a reader.")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#comment-status")).to_have_text(
        "Thank you. Your comment is awaiting moderation."
    )
    assert Comment.objects.get().status == Status.PENDING

    # Not public yet.
    page.reload()
    expect(page.get_by_text("A first comment from a reader.")).to_have_count(0)

    # A moderator approves it from the queue.
    moderator = page  # the same browser, signed in as an editor
    moderator.goto("/admin/login/")
    moderator.get_by_label("Username").fill("erin")
    moderator.get_by_label("Password").fill(PASSWORD)
    moderator.get_by_role("button", name="Sign in").click()
    moderator.goto("/admin/snippets/comments/comment/?status=pending")
    moderator.locator("[data-bulk-action-checkbox]").first.check()
    moderator.get_by_role("link", name="Approve").click()
    moderator.get_by_role("button", name="Yes").click()
    expect(moderator.get_by_text("1 comment is now approved.")).to_be_visible()

    # The reader sees it on the article (after signing out: as any reader would).
    page.context.clear_cookies()
    page.goto(article.url)
    expect(page.locator(".comment__text")).to_have_text("سلام! A first comment from a reader.")
