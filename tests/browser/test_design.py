"""The site's frame on a phone: the header's search, the map's folds, the error pages; and
how blocks line up (related cards, the home page's lead, the Gallery's tabs)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from newsdesk.articles.models import ArticleRelatedLink
from tests import factories
from tests.browser.test_map import fill, make_map, wait_for_map
from tests.maps.factories import make_area, make_category

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def phone(browser: Browser, live_server) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_script(browser: Browser, live_server) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, is_mobile=True, java_script_enabled=False
    )
    yield context.new_page()
    context.close()


def test_it_searches_from_the_header_on_a_phone(phone: Page, home) -> None:  # type: ignore[no-untyped-def]
    phone.goto("/")
    box = phone.locator("#masthead-q")
    expect(box).to_be_hidden()
    phone.get_by_role("button", name="Search").click()
    box.fill("drought")
    box.press("Enter")
    phone.wait_for_url("**/search/?q=drought")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("drought")


def test_it_opens_the_search_page_from_the_header_without_script(
    phone_without_script: Page,
    home,  # type: ignore[no-untyped-def]
) -> None:
    phone_without_script.goto("/")
    phone_without_script.locator("[data-search-toggle]").click()
    phone_without_script.wait_for_url("**/search/")
    expect(phone_without_script.locator("#search-q")).to_be_visible()


def test_it_folds_the_map_legend_and_the_event_list_on_a_phone(phone: Page, home, news) -> None:  # type: ignore[no-untyped-def]
    page = make_map(home)
    fill(news)
    phone.goto(page.url)
    wait_for_map(phone)
    fold = phone.locator(".map-legend__fold")
    expect(fold).to_have_attribute("aria-expanded", "false")
    expect(phone.locator(".map-legend__toggle").first).to_be_hidden()
    expect(phone.locator("details[data-fold-on-phone]")).not_to_have_attribute("open", "")
    expect(phone.locator("[data-map-list] li").first).to_be_hidden()
    fold.click()
    expect(phone.locator(".map-legend__toggle").first).to_be_visible()


def test_it_moves_the_categories_button_aside_while_a_popup_is_open_on_a_phone(  # type: ignore[no-untyped-def]
    phone: Page, home, news
) -> None:
    page = make_map(home)
    fill(news)
    phone.goto(page.url)
    wait_for_map(phone)
    legend = phone.locator(".map-legend")
    expect(legend).to_be_visible()
    phone.locator("details[data-fold-on-phone] summary").click()
    phone.locator(".map-event__show").first.click()
    expect(phone.locator(".leaflet-popup-content")).to_be_visible()
    expect(legend).to_be_hidden()
    phone.locator(".leaflet-popup-close-button").click()
    expect(legend).to_be_visible()


def test_it_puts_the_folded_event_list_right_under_the_timeline_on_a_phone(  # type: ignore[no-untyped-def]
    phone: Page, home, news
) -> None:
    page = make_map(home)
    fill(news)
    phone.goto(page.url)
    wait_for_map(phone)
    timeline = phone.locator(".map-timeline").bounding_box()
    events = phone.locator("#map-events-title").bounding_box()
    assert timeline is not None and events is not None
    assert 0 < events["y"] - (timeline["y"] + timeline["height"]) <= 32


def test_it_lines_up_related_headlines_with_and_without_a_picture(page: Page, home, news) -> None:  # type: ignore[no-untyped-def]
    pictured = factories.make_article(
        news,
        "A related story with a picture",
        hero_image=factories.ImageFactory(),
        hero_alt="A well",
    )
    plain = factories.make_article(news, "A related story without one")
    article = factories.make_article(news, "The story being read")
    for position, related in enumerate([pictured, plain]):
        article.related_links.add(ArticleRelatedLink(page=related, sort_order=position))
    article.save_revision().publish()
    page.goto(article.url)

    titles = page.locator(".related .card__title")
    expect(titles).to_have_count(2)
    first, second = (titles.nth(n).bounding_box() for n in range(2))
    assert first is not None and second is not None
    assert first["x"] != second["x"]  # side by side
    assert abs(first["y"] - second["y"]) < 1


@pytest.mark.parametrize(
    ("pictures", "framed"),
    [
        ((True, False), [True, True]),
        ((False, True, False), [True, True, False]),  # the third is alone in its row
        ((False, False, True, True), [False, False, True, True]),
    ],
    ids=["beside-a-picture", "odd-one-out", "rows-of-a-kind"],
)
def test_it_frames_a_related_story_without_a_picture_only_beside_one_with_a_picture(  # type: ignore[no-untyped-def]
    page: Page, home, news, pictures: tuple[bool, ...], framed: list[bool]
) -> None:
    article = factories.make_article(news, "The story being read")
    for position, pictured in enumerate(pictures):
        fields = {"hero_image": factories.ImageFactory(), "hero_alt": "A well"} if pictured else {}
        related = factories.make_article(news, f"Related story {position}", **fields)
        article.related_links.add(ArticleRelatedLink(page=related, sort_order=position))
    article.save_revision().publish()
    page.goto(article.url)

    cards = page.locator(".related .card")
    expect(cards).to_have_count(len(pictures))
    offsets = cards.evaluate_all(
        """(all) => all.map((card) =>
          card.querySelector('.card__kicker').getBoundingClientRect().top
          - card.getBoundingClientRect().top)"""
    )
    assert [offset > 50 for offset in offsets] == framed


def test_it_gives_a_related_story_without_a_picture_no_frame_on_a_phone(  # type: ignore[no-untyped-def]
    phone: Page, home, news
) -> None:
    pictured = factories.make_article(
        news,
        "A related story with a picture",
        hero_image=factories.ImageFactory(),
        hero_alt="A well",
    )
    plain = factories.make_article(news, "A related story without one")
    article = factories.make_article(news, "The story being read")
    for position, related in enumerate([pictured, plain]):
        article.related_links.add(ArticleRelatedLink(page=related, sort_order=position))
    article.save_revision().publish()
    phone.goto(article.url)

    card = phone.locator(".related .card").nth(1)
    expect(card).to_contain_text("without one")
    top, kicker = card.bounding_box(), card.locator(".card__kicker").bounding_box()
    assert top is not None and kicker is not None
    assert kicker["y"] - top["y"] < 1  # one column: the text starts the card


def test_it_keeps_the_stories_beside_the_lead_as_short_as_teasers(page: Page, home, news) -> None:  # type: ignore[no-untyped-def]
    long_lead = " ".join(["The negotiators returned to the table after weeks of pressure."] * 6)
    stories = [factories.make_article(news, lead=long_lead) for _ in range(3)]
    factories.pick_for_home(home, stories)
    page.goto("/")

    lead = page.locator(".editors-choice__more .card__lead").first
    lines = lead.evaluate(
        "(p) => p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)"
    )
    assert lines <= 4.05


def test_it_draws_one_rule_between_the_gallery_tabs_and_the_first_section(page: Page, home) -> None:  # type: ignore[no-untyped-def]
    index = factories.make_gallery_index(home)
    factories.make_photo_gallery(index)
    page.goto(index.url)
    tabs_rule = page.locator(".gallery-tabs").evaluate(
        "(e) => getComputedStyle(e).borderBottomWidth"
    )
    titles = page.locator(".gallery-section .block-title")
    rules = titles.evaluate_all("(all) => all.map((e) => getComputedStyle(e).borderTopWidth)")
    assert tabs_rule == "1px"
    assert rules == ["0px", "2px"]  # Photo under the tabs' rule; Film after the photos


def test_it_folds_a_legend_that_would_cover_much_of_a_wide_map(page: Page, home, news) -> None:  # type: ignore[no-untyped-def]
    map_page = make_map(home)
    fill(news)
    for slug in ("shelling", "territorial-change", "political", "humanitarian"):
        make_category(slug)
    for party in ("Party B", "Party C", "Party D"):
        make_area(party)
    page.goto(map_page.url)
    wait_for_map(page)

    fold = page.locator(".map-legend__fold")
    expect(fold).to_have_attribute("aria-expanded", "false")
    fold.click()
    expect(page.locator(".map-legend__toggle").first).to_be_visible()
    expect(page.locator(".map-legend__party").first).to_be_visible()


def test_it_puts_the_film_badge_at_the_foot_of_the_poster(phone: Page, home) -> None:  # type: ignore[no-untyped-def]
    index = factories.make_gallery_index(home)
    factories.make_film(index, "A film with its title on its poster")
    phone.goto(index.url)

    badge = phone.locator(".media-card__badge").first.bounding_box()
    picture = phone.locator(".media-card__image").first.bounding_box()
    assert badge is not None and picture is not None
    # Posters carry their own title at the top: the badge stays in the lower half.
    assert badge["y"] > picture["y"] + picture["height"] / 2
    assert badge["y"] + badge["height"] <= picture["y"] + picture["height"]


@pytest.mark.parametrize(
    ("prefix", "direction"), [("", "ltr"), ("/ar", "rtl"), ("/fa", "rtl")], ids=["en", "ar", "fa"]
)
def test_it_shows_its_own_404_in_each_language_on_a_phone(
    phone: Page,
    home,  # type: ignore[no-untyped-def]
    prefix: str,
    direction: str,
) -> None:
    response = phone.goto(f"{prefix}/no-such-page/")
    assert response is not None and response.status == 404
    assert phone.locator("html").get_attribute("dir") == direction
    overflow = phone.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
    expect(phone.locator(".error-page h1")).to_be_visible()
    expect(phone.locator("[data-search-toggle]")).to_be_visible()
