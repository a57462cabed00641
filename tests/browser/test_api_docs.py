"""The API's docs page works in a real browser with nothing loaded from another host."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_it_shows_every_operation_from_our_own_files(page: Page, foreign_requests) -> None:  # type: ignore[no-untyped-def]
    page.goto("/api/v1/docs")

    expect(page.get_by_text("newsdesk content API")).to_be_visible()
    expect(
        page.locator(".opblock-summary-path", has_text="/api/v1/articles/").first
    ).to_be_visible()
    assert foreign_requests == []
