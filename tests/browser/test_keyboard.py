"""Keyboard users reach the content without tabbing through the masthead."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def front_page(page: Page, news) -> Page:  # type: ignore[no-untyped-def]
    """The home page with a section in the masthead, so the skip link has links to skip."""
    page.goto("/")
    return page


def test_it_makes_the_skip_link_the_first_tab_stop(front_page: Page) -> None:
    front_page.keyboard.press("Tab")

    skip_link = front_page.get_by_role("link", name="Skip to content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()


def test_it_moves_focus_to_the_main_content_from_the_skip_link(front_page: Page) -> None:
    front_page.keyboard.press("Tab")
    front_page.keyboard.press("Enter")

    expect(front_page.locator("main")).to_be_focused()
