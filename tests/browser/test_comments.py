"""A reader comments; a moderator approves it in the admin; the reader sees it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Browser, Page, expect
from wagtail.models import Locale

from newsdesk.articles.models import ArticlePage, SectionPage
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
    # The bulk action at the foot of the list (each row has its own Approve too).
    moderator.get_by_role("link", name="Approve").last.click()
    moderator.get_by_role("button", name="Yes").click()
    expect(moderator.get_by_text("1 comment is now approved.")).to_be_visible()

    # The reader sees it on the article (after signing out: as any reader would).
    page.context.clear_cookies()
    page.goto(article.url)
    expect(page.locator(".comment__text")).to_have_text("سلام! A first comment from a reader.")


def persian_article(news: SectionPage) -> ArticlePage:
    article = factories.make_article(news, "Water talks")
    persian = Locale.objects.get(language_code="fa")
    for page in (news.get_parent().specific, news):
        page.copy_for_translation(persian).save_revision().publish()
    translated = article.copy_for_translation(persian)
    translated.title = "گفت‌وگوهای آب"
    translated.save_revision().publish()
    return translated


def served_from_the_cache(page: Page, address: str) -> None:
    page.request.get(address)  # someone read it before: the page is kept
    response = page.goto(address)
    assert response is not None
    assert response.headers["x-cache"] == "HIT"


def write(page: Page, name: str, text: str) -> None:
    page.locator("#id_name").fill(name)
    page.locator("#id_email").fill("reader@example.com")
    page.locator("#id_text").fill(text)


@pytest.mark.parametrize(
    ("language", "name", "texts", "thanks"),
    [
        ("en", "Maryam", ["The wells ran dry.", "And the river too."], "Thank you."),
        ("fa", "مهدی‌زاده", ["می‌خواهم بیشتر بدانم.", "سپاس از گزارش."], "سپاس."),
    ],
)
def test_a_reader_with_script_comments_twice_on_a_cached_article(
    page: Page, news: SectionPage, language: str, name: str, texts: list[str], thanks: str
) -> None:
    article = factories.make_article(news, "Talks resume") if language == "en" else None
    article = article or persian_article(news)
    served_from_the_cache(page, article.url)
    expect(page.locator("[name=token]")).to_have_value("")  # the kept page holds none

    # Starting to write asks for this reader's own token, never from a cache.
    with page.expect_response("**/token/") as asked:
        page.locator("#id_name").click()
    assert "no-store" in asked.value.headers["cache-control"]
    for text in texts:  # each comment spends its token; the next one asks again
        write(page, name, text)
        page.locator("#comment-form button[type=submit]").click()
        expect(page.locator("#comment-status")).to_contain_text(thanks)
        expect(page.locator("#id_text")).to_have_value("")

    stored = Comment.objects.order_by("created_at")
    assert [(c.name, c.text, c.status) for c in stored] == [
        (name, text, Status.PENDING) for text in texts
    ]


def test_a_reader_without_javascript_sends_with_one_more_click(
    browser: Browser, live_server: Any, news: SectionPage
) -> None:
    article = factories.make_article(news, "Talks resume")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        reader = context.new_page()
        served_from_the_cache(reader, article.url)
        write(reader, "Omid", "Written without script, and kept.")
        reader.get_by_role("button", name="Send").click()

        expect(reader.get_by_role("alert")).to_contain_text("press Send once more")
        expect(reader.locator("#id_text")).to_have_value("Written without script, and kept.")
        expect(reader.locator("#id_name")).to_have_value("Omid")
        reader.get_by_role("button", name="Send").click()

        expect(reader.locator("#comment-status-notice")).to_contain_text("awaiting moderation")
    finally:
        context.close()
    assert Comment.objects.get().text == "Written without script, and kept."
