"""Pages do everything they do under the strict Content-Security-Policy, in a real browser.

Chromium reports every blocked script, style, frame or picture as a console error and as a
`securitypolicyviolation` event; the test listens for both.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from newsdesk.articles.models import SectionPage
from tests import factories
from tests.browser.test_newsroom import EDITOR, log_in, member_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.fixture
def violations(page: Page) -> Iterator[list[str]]:
    found: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            found.append(message.text)

    page.on("console", on_console)
    page.add_init_script(RECORD_VIOLATIONS)
    yield found


def visit(page: Page, violations: list[str], url: str) -> None:
    page.goto(url, wait_until="networkidle")
    violations.extend(page.evaluate("window.__violations"))


def test_it_runs_the_reading_pages_without_a_violation(  # type: ignore[no-untyped-def]
    page: Page, violations: list[str], home, news, topic_index, reporter
) -> None:
    topic = factories.make_topic(topic_index, "Water rights")
    article = factories.make_article(
        news, "Ceasefire holds along the river", authors=[reporter], topics=[topic]
    )
    factories.pick_for_home(home, [article])
    factories.put_in_focus(home, [topic])

    visit(page, violations, "/")
    expect(page.get_by_role("link", name="Ceasefire holds along the river").first).to_be_visible()
    visit(page, violations, article.url)
    expect(page.locator("#comments, .comments").first).to_be_attached()
    visit(page, violations, "/search/?q=ceasefire")
    expect(page.get_by_role("link", name="Ceasefire holds along the river")).to_be_visible()
    assert violations == []


def test_it_opens_the_gallery_viewer_without_a_violation(  # type: ignore[no-untyped-def]
    page: Page, violations: list[str], home
) -> None:
    gallery = factories.make_photo_gallery(factories.make_gallery_index(home), pictures=2)
    visit(page, violations, gallery.url)
    page.locator("[data-viewer-index='0']").click()
    expect(page.get_by_role("dialog").locator(".viewer__count")).to_have_text("1 of 2")
    violations.extend(page.evaluate("window.__violations"))
    assert violations == []


def test_it_reports_a_violation_when_a_page_breaks_the_policy(  # type: ignore[no-untyped-def]
    page: Page, violations: list[str], home
) -> None:
    visit(page, violations, "/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = 1'; document.body.append(s); }"
    )
    page.wait_for_timeout(100)
    violations.extend(page.evaluate("window.__violations"))
    assert page.evaluate("window.ran") is None
    assert any("script-src" in violation for violation in violations)


def test_it_lets_a_film_player_load_once_the_reader_presses_play(  # type: ignore[no-untyped-def]
    page: Page, violations: list[str], foreign_requests: list[str], home
) -> None:
    film = factories.make_film(
        factories.make_gallery_index(home), external_url="https://www.youtube.com/watch?v=abc123"
    )
    visit(page, violations, film.url)
    assert foreign_requests == []
    page.locator("[data-film-provider]").click()
    # The policy let the frame ask its host; the test browser then refused the request.
    expect(page.locator("iframe.film-facade__frame")).to_be_attached()
    page.wait_for_timeout(300)
    assert any(url.startswith("https://www.youtube-nocookie.com/") for url in foreign_requests)
    violations.extend(page.evaluate("window.__violations"))
    assert violations == []


def test_it_keeps_the_admin_page_editor_working_under_the_admin_policy(
    page: Page, violations: list[str], news: SectionPage
) -> None:
    article = factories.make_article(news, "Talks resume in Doha")
    log_in(page, member_of(EDITOR, "erin"))
    visit(page, violations, f"/admin/pages/{article.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value("Talks resume in Doha")
    page.get_by_role("button", name="Toggle preview").click()
    expect(page.frame_locator("iframe").first.get_by_role("heading", level=1)).to_have_text(
        "Talks resume in Doha"
    )
    violations.extend(page.evaluate("window.__violations"))
    assert violations == []
