"""Most Viewed in real Chromium: reading an article sends the beacon, and the article
rises in the Day list once the list is refreshed; a crawler's visit changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Browser, Page, Route, expect

from newsdesk.analytics import pipeline, selectors, stores
from newsdesk.articles.models import ArticlePage
from tests import factories
from tests.analytics.conftest import BROWSER, make_store

from .conftest import TIMEOUT_MS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture
def store() -> Iterator[stores.ViewStore]:
    kind = "redis" if settings.NEWSDESK_ANALYTICS["REDIS_URL"] else "database"
    active = make_store(kind)
    previous = stores.use_store(active)
    pipeline.forget_pages()
    yield active
    if isinstance(active, stores.RedisStore):
        active.clear()
    stores.use_store(previous)


def open_as(browser: Browser, live_server, user_agent: str) -> Page:  # type: ignore[no-untyped-def]
    """A fresh browser context that presents `user_agent` (headless Chromium's own says
    "HeadlessChrome", which the crawler list rightly counts as a bot)."""
    context = browser.new_context(
        base_url=live_server.url, user_agent=user_agent, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    own_host = urlsplit(live_server.url).netloc

    def only_the_live_server(route: Route) -> None:
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_the_live_server)
    return context.new_page()


@pytest.fixture
def stories(store, news) -> tuple[ArticlePage, ArticlePage]:  # type: ignore[no-untyped-def]
    popular = factories.make_article(news, "Dam talks resume in Geneva")
    unread = factories.make_article(news, "Ceasefire holds along the river")
    store.add_view(stores.View(popular.pk, popular.locale_id, news.pk, timezone.now(), 3))
    store.flush()
    return popular, unread


def refresh_lists(store: stores.ViewStore, article: ArticlePage) -> None:
    """What happens by itself within a minute on a live site: the batch is written and the
    cached ranking expires."""
    store.flush()
    selectors.forget_rankings(article.locale_id)


def day_titles(page: Page) -> list[str]:
    page.goto("/")
    return page.locator("#most-viewed-day li a").all_inner_texts()


def test_it_counts_a_readers_view_and_lists_the_article_in_the_day_tab(
    browser: Browser, live_server, store, stories
) -> None:
    _popular, unread = stories
    reader = open_as(browser, live_server, BROWSER)
    assert day_titles(reader) == ["Dam talks resume in Geneva"]

    with reader.expect_request("**/analytics/view") as beacon:
        reader.goto(unread.url)
    assert beacon.value.response().status == 204  # type: ignore[union-attr]
    refresh_lists(store, unread)

    assert day_titles(reader) == ["Dam talks resume in Geneva", "Ceasefire holds along the river"]
    reader.context.close()


def test_it_counts_nothing_for_a_crawler(browser: Browser, live_server, store, stories) -> None:
    _popular, unread = stories
    crawler = open_as(browser, live_server, GOOGLEBOT)

    with crawler.expect_request("**/analytics/view") as beacon:
        crawler.goto(unread.url)
    assert beacon.value.response().status == 204  # type: ignore[union-attr]
    refresh_lists(store, unread)

    assert day_titles(crawler) == ["Dam talks resume in Geneva"]
    assert store.drops([timezone.now().date()]) == {"bot": 1}
    crawler.context.close()


def test_it_switches_the_lists_with_the_arrow_keys(
    browser: Browser, live_server, store, stories
) -> None:
    reader = open_as(browser, live_server, BROWSER)
    reader.goto("/")
    day_tab = reader.get_by_role("tab", name="Day")
    expect(day_tab).to_have_attribute("aria-selected", "true")
    expect(reader.locator("#most-viewed-week")).to_be_hidden()

    day_tab.focus()
    reader.keyboard.press("ArrowRight")

    week_tab = reader.get_by_role("tab", name="Week")
    expect(week_tab).to_be_focused()
    expect(week_tab).to_have_attribute("aria-selected", "true")
    expect(reader.get_by_role("tabpanel")).to_have_attribute("id", "most-viewed-week")
    expect(reader.locator("#most-viewed-day")).to_be_hidden()
    reader.keyboard.press("End")
    expect(reader.get_by_role("tab", name="Month")).to_be_focused()
    reader.context.close()


def test_it_shows_all_three_lists_without_javascript(
    browser: Browser, live_server, store, stories
) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")

    for window in ("day", "week", "month"):
        expect(page.locator(f"#most-viewed-{window}")).to_be_visible()
    expect(page.get_by_role("tablist")).to_be_hidden()
    context.close()
