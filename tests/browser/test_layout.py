"""The layout holds on a small phone and mirrors for right-to-left languages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from newsdesk.articles.models import ArticlePage
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SECTIONS = ["Analysis", "Opinion", "Interviews", "Reports", "Investigations", "Multimedia"]


@pytest.fixture
def article(home, news, topic_index, reporter) -> ArticlePage:  # type: ignore[no-untyped-def]
    """A crowded site: many sections in the masthead, a long headline, long tags."""
    for title in SECTIONS:
        factories.make_section(home, title)
    topic = factories.make_topic(topic_index, "Water rights in the Tigris and Euphrates basin")
    article = factories.make_article(
        news,
        "Negotiators from Baghdad, Ankara and Damascus reconvene after an unprecedented drought",
        authors=[reporter],
        topics=[topic],
        tags=["Intergovernmental negotiations", "Transboundary water management"],
        dateline="Sulaymaniyah",
    )
    factories.pick_for_home(home, [article])
    factories.put_in_focus(home, [topic])
    return article


@pytest.fixture
def phone(browser: Browser, live_server) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, is_mobile=True
    )
    yield context.new_page()
    context.close()


def sideways_overflow(page: Page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


# Elements partly on the screen that stick out of its sides, except inside a box that clips
# or scrolls them (the phone's row of sections scrolls sideways). Wholly off the screen is
# hidden on purpose (a form's trap for robots).
ELEMENTS_OUTSIDE = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (node) => {
    for (let up = node.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll("*")].filter((node) => {
    const box = node.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(node).visibility === "hidden") return false;
    const onScreen = box.right > 0 && box.left < width;
    return onScreen && (box.left < -1 || box.right > width + 1) && !clipped(node);
  }).map((node) => node.tagName.toLowerCase() + "." + [...node.classList].join("."));
}"""


def test_it_fits_every_kind_of_page_on_a_360_pixel_wide_phone(
    phone: Page, article: ArticlePage, news, topic_index
) -> None:
    topic = article.topic_links.first().topic
    tag = article.tags.first()
    year = article.published_at.year
    for path in (
        "/",
        article.url,
        topic.url,
        news.url,
        topic_index.url,
        "/authors/leila-haddad/",
        f"/tags/{tag.slug}/",
        "/search/?q=negotiators",
        "/search/?q=qqxzv",
        f"/archive/{year}/",
        f"/archive/{year}/{article.published_at.month}/",
        "/corrections/",
        "/no-such-page/",
    ):
        response = phone.goto(path)
        # The page itself, laid out on the phone's width.
        expected = 404 if path == "/no-such-page/" else 200
        assert response is not None and response.status == expected, path
        assert phone.evaluate("document.documentElement.clientWidth") == 360, path
        assert sideways_overflow(phone) == 0, path
        assert phone.evaluate(ELEMENTS_OUTSIDE) == [], path


def test_it_mirrors_the_masthead_for_persian_readers(page: Page, article: ArticlePage) -> None:
    page.goto("/fa/")

    assert page.locator("html").get_attribute("dir") == "rtl"
    brand = page.locator(".masthead__brand").bounding_box()
    nav = page.locator(".masthead__nav").bounding_box()
    assert brand and nav
    assert brand["x"] > nav["x"]
