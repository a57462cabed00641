"""Live coverage in a reader's browser: an open live page, served from the page cache,
shows the entry an editor posts in the admin without reloading (decision 0028), in
English and in Arabic; without script, its link fetches the new entries."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Browser, Page, expect
from wagtail.models import Locale

from newsdesk.articles.models import SectionPage
from newsdesk.live.models import LivePage
from newsdesk.newsroom.roles import EDITOR
from tests import factories
from tests.browser.test_newsroom_day import PASSWORD, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "en": {"title": "Live: floods in the delta", "entry": "The main bridge has reopened"},
    "ar": {"title": "مباشر: فيضانات في الدلتا", "entry": "أعيد فتح الجسر الرئيسي"},
}


@pytest.fixture
def editor() -> User:
    user = User.objects.create_user("erin", "erin@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


@pytest.fixture(autouse=True)
def _quick_polls(settings: Any) -> None:
    settings.NEWSDESK_LIVE_POLL_SECONDS = 1


def section_in(language: str, home: Any, news: SectionPage) -> SectionPage:
    if language == "en":
        return news
    locale = Locale.objects.get(language_code=language)
    local_home = home.copy_for_translation(locale)
    local_home.slug = f"front-{language}"
    local_home.save_revision().publish()
    section = news.copy_for_translation(locale).specific
    section.title = "أخبار"
    section.save()
    section.save_revision().publish()
    return section


def kept_live_page(
    language: str, home: Any, news: SectionPage, browser: Browser, base_url: str
) -> LivePage:
    """A live page with one entry, already in the page cache (an earlier reader's visit):
    the next reader's copy is a hit."""
    reporter = factories.PersonFactory()
    live = factories.make_live_page(
        section_in(language, home, news), WORDS[language]["title"], authors=[reporter]
    )
    factories.post_entry(live, "Rain is falling again", author=reporter)
    earlier = browser.new_context(base_url=base_url)
    earlier.new_page().goto(live.url)
    earlier.close()
    return live


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_open_page_shows_the_entry_an_editor_posts_without_reloading(
    page: Page,
    browser: Browser,
    live_server: Any,
    editor: User,
    home: Any,
    news: SectionPage,
    language: str,
) -> None:
    live = kept_live_page(language, home, news, browser, live_server.url)
    reader = browser.new_context(base_url=live_server.url).new_page()
    answer = reader.goto(live.url)
    assert answer is not None and answer.headers["x-cache"] == "HIT"
    reader.evaluate("window.stillTheSamePage = true")

    log_in(page, editor)
    page.goto(f"/admin/snippets/live/liveentry/add/?live_page={live.pk}")
    page.locator("#id_headline").fill(WORDS[language]["entry"])
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("created")).to_be_visible()

    newest = reader.locator(".live-entries .live-entry").first
    expect(newest.locator(".live-entry__headline")).to_have_text(
        WORDS[language]["entry"], timeout=15_000
    )
    assert reader.evaluate("window.stillTheSamePage") is True
    expect(reader.locator(".live-entries .live-entry")).to_have_count(2)
    reader.context.close()


def test_without_script_the_refresh_link_brings_the_new_entry(
    browser: Browser, live_server: Any, home: Any, news: SectionPage
) -> None:
    live = kept_live_page("en", home, news, browser, live_server.url)
    reader = browser.new_context(base_url=live_server.url, java_script_enabled=False).new_page()
    reader.goto(live.url)

    factories.post_entry(live, "Shelters are full", headline="Shelters are full")
    reader.get_by_role("link", name="Refresh for new entries").click()

    expect(reader.locator(".live-entry__headline").first).to_have_text("Shelters are full")
    reader.context.close()


def test_a_video_in_an_entry_that_arrived_without_reloading_plays_from_its_facade(
    page: Page, home: Any, news: SectionPage, foreign_requests: list[str]
) -> None:
    live = factories.make_live_page(news, "Live: storm over the coast")
    factories.post_entry(live, "Winds are rising")
    page.goto(live.url)

    factories.post_entry(
        live,
        "The harbour from the air",
        headline="The harbour from the air",
        embed_url="https://www.youtube.com/watch?v=abc123",
    )
    facade = page.locator(".live-entries .film-facade")
    expect(facade).to_have_count(1, timeout=15_000)
    assert foreign_requests == []
    facade.click()

    frame = page.locator("iframe.film-facade__frame")
    expect(frame).to_have_count(1)
    assert (frame.get_attribute("src") or "").startswith(
        "https://www.youtube-nocookie.com/embed/abc123"
    )
