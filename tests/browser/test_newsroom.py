"""Editors work in the Wagtail admin, in a real browser."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Page, expect

from newsdesk.articles.models import SectionPage
from newsdesk.newsroom.roles import EDITOR, WRITER
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery staple"


def member_of(group: str, username: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor() -> User:
    return member_of(EDITOR, "erin")


@pytest.fixture
def writer() -> User:
    return member_of(WRITER, "walid")


def log_in(page: Page, user: User) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url("/admin/")


def test_it_shows_a_new_headline_to_readers_once_an_editor_publishes_it(
    page: Page, editor: User, news: SectionPage
) -> None:
    article = factories.make_article(news, "Talks resume in Doha")
    log_in(page, editor)

    page.goto(f"/admin/pages/{article.pk}/edit/")
    page.locator("#id_title").fill("Talks resume in Doha after a week of silence")
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published")).to_be_visible()

    page.goto(article.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Talks resume in Doha after a week of silence"
    )


def test_it_lets_a_writer_submit_for_review_but_not_publish(
    page: Page, writer: User, news: SectionPage
) -> None:
    article = factories.make_article(news, "Talks resume in Doha")
    log_in(page, writer)

    page.goto(f"/admin/pages/{article.pk}/edit/")
    page.locator("#id_title").fill("Talks resume in Doha, says a writer")
    page.locator("footer").get_by_role("button", name="More actions").click()

    expect(page.get_by_role("button", name="Submit to Editorial review")).to_be_visible()
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    page.get_by_role("button", name="Submit to Editorial review").click()
    expect(page.get_by_text("has been submitted for moderation")).to_be_visible()

    page.goto(article.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Talks resume in Doha")
