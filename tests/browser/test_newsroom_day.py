"""An editor corrects a published article, and starts and ends a breaking-news ticker, in
the Wagtail admin; readers see both, through the page cache (decision 0025)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.breaking.models import Ticker
from newsdesk.newsroom.roles import EDITOR
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery staple"
LINE = "Earthquake hits Herat"


@pytest.fixture
def editor() -> User:
    user = User.objects.create_user("erin", "erin@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


# The admin's editing pages are the heaviest the tests load.
ADMIN_NAVIGATION_MS = 30_000


def log_in(page: Page, user: User) -> None:
    page.set_default_navigation_timeout(ADMIN_NAVIGATION_MS)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url("/admin/")


def publish(page: Page) -> None:
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()


def reader(browser: Browser, base_url: str, *, script: bool = True) -> Page:
    context = browser.new_context(base_url=base_url, java_script_enabled=script)
    return context.new_page()


def fresh(visitor: Page, browser: Browser, base_url: str) -> Page:
    """A reader arriving now: the browser's own copy may live its max-age (30 s), which
    the site allows; what this checks is every cache on the server's side."""
    visitor.context.close()
    return reader(browser, base_url)


def test_an_editor_corrects_a_published_article(
    page: Page, browser: Browser, live_server, editor: User, news: SectionPage
) -> None:  # type: ignore[no-untyped-def]
    article = factories.make_article(news, "Talks resume in Doha")
    visitor = reader(browser, live_server.url)
    visitor.goto(article.url)  # kept by the page cache before the correction

    log_in(page, editor)
    page.goto(f"/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name=re.compile(r"^Add note$", re.I)).click()
    page.locator("#id_notes-0-text").fill("An earlier version gave the wrong date.")
    publish(page)
    expect(page.get_by_text("has been published")).to_be_visible()

    visitor = fresh(visitor, browser, live_server.url)
    visitor.goto(article.url)
    expect(visitor.locator(".article__notes")).to_contain_text(
        "An earlier version gave the wrong date."
    )
    visitor.goto("/corrections/")
    expect(visitor.locator(".notes-list")).to_contain_text("Talks resume in Doha")
    assert ArticlePage.objects.get(pk=article.pk).updated_at is not None
    visitor.context.close()


def test_an_editor_starts_and_ends_a_ticker_on_every_page(
    page: Page, browser: Browser, live_server, editor: User, news: SectionPage
) -> None:  # type: ignore[no-untyped-def]
    article = factories.make_article(news, "Aid convoy reaches the valley")
    visitor = reader(browser, live_server.url)
    visitor.goto(article.url)  # kept by the page cache before the ticker starts
    ends = timezone.localtime(timezone.now() + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")

    log_in(page, editor)
    page.goto("/admin/snippets/breaking/ticker/add/")
    page.locator("#id_locale").select_option(label="English")
    page.locator("#id_text").fill(LINE)
    page.locator("#id_expire_at").fill(ends)
    publish(page)
    expect(page.get_by_text("published")).to_be_visible()

    visitor = fresh(visitor, browser, live_server.url)
    for url in ("/", article.url, news.url):
        visitor.goto(url)
        expect(visitor.locator(".ticker")).to_contain_text(LINE)

    ticker = Ticker.objects.get()
    page.goto(f"/admin/snippets/breaking/ticker/unpublish/{ticker.pk}/")
    page.get_by_role("button", name=re.compile("unpublish", re.I)).click()

    visitor = fresh(visitor, browser, live_server.url)
    for url in ("/", article.url, news.url):
        visitor.goto(url)
        expect(visitor.locator(".ticker")).to_have_count(0)
    visitor.context.close()


def test_a_reader_dismisses_the_ticker_and_it_stays_dismissed_on_kept_pages(
    browser: Browser, live_server, news: SectionPage
) -> None:  # type: ignore[no-untyped-def]
    article = factories.make_article(news, "Aid convoy reaches the valley")
    ticker = Ticker.objects.create(
        text=LINE,
        locale=article.locale,
        live=False,
        expire_at=timezone.now() + timedelta(hours=1),
    )
    ticker.save_revision().publish()
    visitor = reader(browser, live_server.url)
    other = reader(browser, live_server.url)

    visitor.goto("/")
    visitor.get_by_text("Dismiss").click()
    expect(visitor.locator(".ticker__bar")).to_be_hidden()
    visitor.goto(article.url)
    other.goto(article.url)  # the same kept page

    expect(visitor.locator(".ticker__bar")).to_be_hidden()
    expect(other.locator(".ticker__bar")).to_be_visible()
    visitor.context.close()
    other.context.close()


def test_the_ticker_is_dismissed_without_script(
    browser: Browser, live_server, news: SectionPage
) -> None:  # type: ignore[no-untyped-def]
    article = factories.make_article(news, "Aid convoy reaches the valley")
    ticker = Ticker.objects.create(
        text=LINE, locale=article.locale, live=False, expire_at=timezone.now() + timedelta(hours=1)
    )
    ticker.save_revision().publish()
    visitor = reader(browser, live_server.url, script=False)

    visitor.goto(article.url)
    expect(visitor.locator(".ticker__bar")).to_be_visible()
    visitor.get_by_text("Dismiss").click()

    expect(visitor.locator(".ticker__bar")).to_be_hidden()
    visitor.context.close()
