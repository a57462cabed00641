"""Guessing a newsroom password locks the account; an administrator unlocks it (decision 0014)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Browser, Page, expect

from newsdesk.newsroom.roles import ADMINISTRATOR, WRITER

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def throttling(settings):  # type: ignore[no-untyped-def]
    settings.AXES_ENABLED = True


@pytest.fixture
def writer() -> User:
    user = User.objects.create_user("walid", "walid@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=WRITER))
    return user


@pytest.fixture
def administrator(browser: Browser, live_server) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    """An administrator signed in (in a browser of their own) before anyone guessed."""
    user = User.objects.create_user("amira", "amira@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=ADMINISTRATOR))
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    sign_in(page, "amira", PASSWORD)
    expect(page).to_have_url("/admin/")
    yield page
    context.close()


def sign_in(page: Page, username: str, password: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_it_locks_out_a_guesser_until_an_administrator_unlocks(
    page: Page, writer: User, administrator: Page
) -> None:
    for attempt in range(10):
        sign_in(page, "walid", f"guess-{attempt}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many wrong passwords")
    expect(page.get_by_text("Try again in 15 minutes")).to_be_visible()

    sign_in(page, "walid", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many wrong passwords")

    administrator.goto("/admin/lockouts/")
    row = administrator.get_by_role("row").filter(has_text="walid")
    expect(row).to_contain_text("locked")
    row.get_by_role("button", name="Unlock account").click()
    expect(administrator.get_by_text("“walid” may sign in again.")).to_be_visible()
    expect(administrator.get_by_role("row").filter(has_text="walid")).to_have_count(0)

    sign_in(page, "walid", PASSWORD)
    expect(page).to_have_url("/admin/")
