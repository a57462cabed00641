"""The map page in a real browser, with every request to another host refused.

The basemap (country borders) comes from our own world-atlas file, the events and areas
from our API: nothing may be fetched elsewhere, and the `foreign_requests` fixture
(conftest.py) records any attempt."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from wagtail.models import Locale, Site

from newsdesk.lib import localformat
from newsdesk.maps.models import EventArticle, MapPage
from tests import factories
from tests.maps.factories import make_area, make_category, make_event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Around Aleppo: close enough to cluster at low zoom.
CLUSTERED = [(36.2 + i * 0.03, 37.15 + i * 0.04) for i in range(12)]


def make_map(home, locale=None):  # type: ignore[no-untyped-def]
    page = home.add_child(instance=MapPage(title="Map of Latest Developments", slug="map"))
    page.save_revision().publish()
    return page


def fill(news, locale=None):  # type: ignore[no-untyped-def]
    """12 events near Aleppo over the last 20 days, one in Basra linked to an article."""
    now = timezone.now()
    strike, clash = make_category("airstrike", color="#c0392b"), make_category("clashes")
    extra = {"locale": locale} if locale else {}
    for i, (lat, lon) in enumerate(CLUSTERED):
        make_event(
            (strike, clash)[i % 2],
            title=f"Event near Aleppo {i}",
            latitude=lat,
            longitude=lon,
            occurred_at=now - timedelta(days=2 + i * 1.5),
            **extra,
        )
    article = factories.make_article(news, "The bridge at Basra")
    bridge = make_event(
        strike,
        title="Bridge strike",
        latitude=30.5,
        longitude=47.8,
        place_name="Basra",
        occurred_at=now - timedelta(hours=2),
        **extra,
    )
    EventArticle.objects.create(event=bridge, article=article)
    make_area("Party A", valid_from=now - timedelta(days=40))
    return article


def make_arabic_map(home, news):  # type: ignore[no-untyped-def]
    """An Arabic home with its map, and fill()'s events in Arabic."""
    arabic, _created = Locale.objects.get_or_create(language_code="ar")
    arabic_home = home.copy_for_translation(arabic)
    arabic_home.save_revision().publish()
    map_page = make_map(arabic_home)
    fill(news, locale=arabic)
    return map_page


def events_on_map(page: Page) -> int:
    """Markers drawn one by one plus the counts shown on cluster icons."""
    return int(
        page.evaluate(
            """() => document.querySelectorAll('.map-marker-icon').length +
            [...document.querySelectorAll('.marker-cluster span')]
              .map(span => span.textContent.replace(/[\u06f0-\u06f9\u0660-\u0669]/g,
                d => String(d.charCodeAt(0) % 16)))  // Persian and Arabic-Indic digits
              .reduce((sum, text) => sum + parseInt(text, 10), 0)"""
        )
    )


def wait_for_map(page: Page, count: str = "13") -> None:
    expect(page.locator(".news-map__canvas--drawn path.map-country").first).to_be_attached()
    expect(page.locator("[data-map-status]")).to_contain_text(count)


def wait_for_markers_to_settle(page: Page) -> None:
    """Markers join their clusters a slice at a time after the count is shown: a popup
    opened meanwhile closes when its marker is clustered. Waits until the map's markers
    have not changed for half a second, as a reader's first click comes later."""
    page.wait_for_function(
        """() => {
          const count = document.querySelectorAll(".leaflet-marker-icon").length;
          const seen = window.markersSeen || (window.markersSeen = { count: -1, since: 0 });
          if (seen.count !== count) { seen.count = count; seen.since = performance.now(); }
          return performance.now() - seen.since > 500;
        }""",
        polling=100,
    )


def test_it_draws_the_basemap_and_markers_from_our_host_only(
    page: Page, home, news, foreign_requests: list[str]
) -> None:
    map_page = make_map(home)
    fill(news)

    page.goto(f"{map_page.url}?lat=33&lon=42&z=6")
    wait_for_map(page)

    # The region's countries in detail and the rest of the world: every country of the atlas.
    assert page.locator("path.map-country").count() > 170
    assert page.locator("path.map-area").count() == 1  # the area of control, now
    assert events_on_map(page) == 13
    page.wait_for_load_state("networkidle")
    assert foreign_requests == []


def test_it_clusters_markers_at_low_zoom(page: Page, home, news) -> None:
    map_page = make_map(home)
    fill(news)

    page.goto(f"{map_page.url}?lat=34&lon=40&z=4")
    wait_for_map(page)

    expect(page.locator(".marker-cluster").first).to_be_visible()
    assert page.locator(".map-marker-icon").count() < 13


def test_it_shows_fewer_markers_for_the_last_24_hours(page: Page, home, news) -> None:
    map_page = make_map(home)
    fill(news)
    page.goto(f"{map_page.url}?lat=33&lon=42&z=5")
    wait_for_map(page)

    page.get_by_label("Last 24 hours").check()

    expect(page.locator("[data-map-status]")).to_contain_text("1 events")
    assert events_on_map(page) == 1
    expect(page.locator("[data-map-list] .map-event")).to_have_count(1)
    assert "period=24h" in page.url  # the view can be shared


def test_it_hides_a_category_from_the_legend(page: Page, home, news) -> None:
    map_page = make_map(home)
    fill(news)
    page.goto(f"{map_page.url}?lat=33&lon=42&z=5")
    wait_for_map(page)

    page.locator(".map-legend__toggle[data-category='clashes']").click()

    expect(page.locator("[data-map-status]")).to_contain_text("7 events")
    assert events_on_map(page) == 7
    assert "category=airstrike" in page.url


def test_it_opens_a_popup_that_links_to_the_article(page: Page, home, news, live_server) -> None:  # type: ignore[no-untyped-def]
    # The API gives full addresses, made from the site's host and port: the live server's.
    address = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=address.port)
    map_page = make_map(home)
    article = fill(news)
    page.goto(f"{map_page.url}?lat=33&lon=42&z=6")
    wait_for_map(page)
    wait_for_markers_to_settle(page)

    page.locator(".leaflet-marker-icon[title='Bridge strike']").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Bridge strike")
    expect(popup).to_contain_text("Basra")
    popup.get_by_role("link", name="The bridge at Basra").click()

    expect(page).to_have_url(f"{live_server.url}{article.url}")
    expect(page.locator("h1")).to_have_text("The bridge at Basra")


def test_it_draws_the_map_in_arabic_right_to_left(
    page: Page, home, news, foreign_requests: list[str]
) -> None:
    map_page = make_arabic_map(home, news)
    make_area("Border guards", party_ar="حرس الحدود")

    page.goto(f"{map_page.url}?lat=33&lon=42&z=6")
    wait_for_map(page)

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert events_on_map(page) == 13
    # Controls mirror: zoom where reading starts (right), legend on the left.
    expect(page.locator(".leaflet-top.leaflet-right .leaflet-control-zoom")).to_be_visible()
    expect(page.locator(".leaflet-top.leaflet-left .map-legend")).to_be_visible()
    expect(page.locator(".map-legend__party")).to_contain_text(["حرس الحدود"])
    page.wait_for_load_state("networkidle")
    assert foreign_requests == []


def open_arabic_bridge_popup(page: Page, home, news) -> None:  # type: ignore[no-untyped-def]
    """The Arabic map, with the Basra bridge strike's popup open (its category, Airstrike,
    has an English name only)."""
    map_page = make_arabic_map(home, news)
    page.goto(f"{map_page.url}?lat=33&lon=42&z=6")
    wait_for_map(page)
    page.locator(".leaflet-marker-icon[title='Bridge strike']").click()


def test_it_starts_an_arabic_popup_at_the_right(page: Page, home, news) -> None:  # type: ignore[no-untyped-def]
    open_arabic_bridge_popup(page, home, news)

    popup = page.locator(".leaflet-popup-content-wrapper")
    expect(popup).to_contain_text("Basra")
    # Measured at once, from the popup's edges (the map may still be panning).
    gaps = popup.evaluate(
        """(popup) => {
          const edge = popup.getBoundingClientRect();
          const range = document.createRange();  // the place's name, a short line
          range.selectNodeContents(popup.querySelector(".map-popup__place"));
          const words = range.getBoundingClientRect();
          const close = popup.parentElement
            .querySelector(".leaflet-popup-close-button").getBoundingClientRect();
          return {
            words_right: edge.right - words.right,
            words_left: words.left - edge.left,
            close_left: close.left - edge.left,
          };
        }"""
    )
    # The text starts at the right, as Arabic is read; the close button is on the left.
    assert gaps["words_right"] < 24
    assert gaps["words_left"] > 100
    assert gaps["close_left"] < 24


def test_an_english_category_in_an_arabic_popup_keeps_to_its_side_of_the_date(
    page: Page, home, news
) -> None:
    open_arabic_bridge_popup(page, home, news)

    meta = page.locator(".leaflet-popup-content .map-popup__meta")
    expect(meta).to_contain_text("Airstrike")
    boxes = meta.evaluate(
        """(meta) => [".map-popup__category", "time"].map((part) => {
          const box = meta.querySelector(part).getBoundingClientRect();
          return [box.left, box.right];
        })"""
    )
    # Read from the right: the category, then the whole date to its left (a date whose
    # day number joined the English word would reach past it).
    (category_left, _), (_, date_right) = boxes
    assert date_right <= category_left


def test_it_moves_events_and_areas_through_time_with_the_timeline(page: Page, home, news) -> None:
    map_page = make_map(home)
    fill(news)
    make_area("Party B", valid_from=timezone.now() - timedelta(days=5))
    page.goto(f"{map_page.url}?lat=33&lon=42&z=5")
    wait_for_map(page)
    expect(page.locator("path.map-area")).to_have_count(2)

    slider = page.get_by_label("Timeline")
    ten_days_ago = int((timezone.now() - timedelta(days=10)).timestamp() * 1000)
    slider.evaluate(
        "(input, value) => { input.value = value; input.dispatchEvent(new Event('input')); }",
        ten_days_ago,
    )

    expect(page.locator("path.map-area")).to_have_count(1)  # Party B came later
    # Events 0-5 happened 2 to 9.5 days ago: only the older six remain.
    expect(page.locator("[data-map-status]")).to_contain_text("6 events")
    assert events_on_map(page) == 6


def test_it_lists_more_events_on_request(page: Page, home, news) -> None:  # type: ignore[no-untyped-def]
    map_page = make_map(home)
    now = timezone.now()
    category = make_category("clashes")
    for i in range(65):
        make_event(category, title=f"Clash {i}", occurred_at=now - timedelta(hours=i + 1))
    page.goto(f"{map_page.url}?lat=36&lon=37&z=6")
    expect(page.locator("[data-map-status]")).to_contain_text("65 events")
    items = page.locator("[data-map-list] .map-event")
    # The page's own first 30 stay (the newest); its Older link gives way to the button.
    expect(items).to_have_count(30)
    expect(page.locator("[data-map-pagination]")).to_be_hidden()

    page.get_by_role("button", name="Show 35 more events").click()

    expect(items).to_have_count(65)
    expect(items.nth(30)).to_be_focused()
    expect(items.nth(64)).to_contain_text("Clash 64")
    expect(page.locator("[data-map-more]")).to_be_hidden()


def test_it_pages_through_the_list_without_script(browser, live_server, home, news) -> None:  # type: ignore[no-untyped-def]
    map_page = make_map(home)
    now = timezone.now()
    category = make_category("clashes")
    for i in range(35):
        make_event(category, title=f"Clash {i}", occurred_at=now - timedelta(hours=i + 1))
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(map_page.url)
    expect(page.locator("[data-map-list] .map-event")).to_have_count(30)

    page.get_by_role("link", name="Older").click()

    expect(page.locator("[data-map-list] .map-event")).to_have_count(5)
    expect(page.locator("[data-map-list] .map-event").last).to_contain_text("Clash 34")
    context.close()


def test_it_lists_the_persian_maps_events_in_the_solar_hijri_calendar(
    page: Page, home, news, foreign_requests: list[str]
) -> None:
    persian, _created = Locale.objects.get_or_create(language_code="fa")
    persian_home = home.copy_for_translation(persian)
    persian_home.save_revision().publish()
    map_page = make_map(persian_home)
    fill(news, locale=persian)

    page.goto(map_page.url)
    wait_for_map(page, "۱۳")  # the count in Persian digits
    assert events_on_map(page) == 13
    # Clusters (at a low zoom) count in Persian digits too.
    page.goto(f"{map_page.url}?lat=34&lon=40&z=4")
    wait_for_map(page, "۱۳")
    expect(page.locator(".marker-cluster").first).to_be_visible()
    counts = page.locator(".marker-cluster span").all_inner_texts()
    assert counts and all(not any("0" <= char <= "9" for char in text) for text in counts)
    page.locator("[name=period][value='7d']").check()  # the script writes the list anew
    wait_for_map(page, "\u06f5")  # five, in Persian digits

    # The list as the script writes it: Persian digits and months, no Latin digit.
    expect(page.locator("[data-map-list] .map-event")).to_have_count(5)
    dates = page.locator("[data-map-list] .map-event time").all_inner_texts()
    assert all(not any("0" <= char <= "9" for char in text) for text in dates)
    solar_months = set(localformat.PERSIAN_MONTHS)
    assert all(any(month in text for month in solar_months) for text in dates)
    assert foreign_requests == []


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_the_script_writes_dates_as_the_page_does(page: Page, home, news, language: str) -> None:  # type: ignore[no-untyped-def]
    locale, _created = Locale.objects.get_or_create(language_code=language)
    language_home = home
    if language != "en":
        language_home = home.copy_for_translation(locale)
        language_home.save_revision().publish()
    map_page = make_map(language_home)
    fill(news, locale=locale)
    page.goto(map_page.url)
    times = page.locator("[data-map-list] .map-event time")
    written_by_the_server = times.all_inner_texts()[:5]

    page.locator("[name=period][value='7d']").check()  # the 5 newest, written by the script
    expect(times).to_have_count(5)

    # In English day month year ("6 December 2026"), never the browser's US order.
    assert times.all_inner_texts() == written_by_the_server


def test_an_english_map_served_under_the_arabic_prefix_keeps_its_events(
    page: Page, home, news
) -> None:
    Locale.objects.get_or_create(language_code="ar")
    map_page = make_map(home)
    fill(news)

    page.goto(f"/ar{map_page.url}")
    wait_for_map(page)

    assert events_on_map(page) == 13
    expect(page.locator("[data-map-list] .map-event")).to_have_count(13)


# Names on the screen that a cluster's disc or a marker covers (or that cover one).
NAMES_UNDER_MARKERS = """() => {
  const names = [...document.querySelectorAll(".map-place__name")]
    .filter((name) => getComputedStyle(name).visibility !== "hidden")
    .map((name) => [name.textContent, name.getBoundingClientRect()]);
  const markers = [...document.querySelectorAll(".marker-cluster > div, .map-marker-icon")]
    .map((marker) => marker.getBoundingClientRect());
  const meet = (a, b) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return names.filter(([, box]) => markers.some((marker) => meet(box, marker)))
    .map(([text]) => text);
}"""


def test_city_names_stay_clear_of_clusters_and_markers(page: Page, home, news) -> None:
    map_page = make_map(home)
    fill(news)

    # Twelve events on Aleppo itself: a cluster where the city's name would be.
    page.goto(f"{map_page.url}?lat=35&lon=39&z=6")
    wait_for_map(page)
    expect(page.locator(".marker-cluster").first).to_be_visible()
    expect(page.locator(".map-place__name").first).to_be_attached()
    page.wait_for_timeout(500)  # the names are moved once the clusters have formed

    assert page.evaluate(NAMES_UNDER_MARKERS) == []
    expect(page.locator(".map-place__name", has_text="Aleppo")).to_be_visible()


# Covers the whole map with one marker-sized element: every place for a name is taken.
COVER_THE_MAP = """() => {
  const cover = document.createElement("div");
  cover.className = "map-marker-icon";
  cover.style.cssText = "position:absolute;inset:0;pointer-events:none";
  document.querySelector(".news-map__canvas").append(cover);
}"""

# The names on the screen: [text, is a main city, is shown].
NAMES_SHOWN = """() => [...document.querySelectorAll(".map-place__name")].map((name) => [
  name.textContent,
  name.classList.contains("map-place__name--main"),
  getComputedStyle(name).visibility !== "hidden",
])"""


def test_a_main_city_keeps_its_name_when_markers_take_every_place(page: Page, home, news) -> None:
    map_page = make_map(home)
    fill(news)
    page.goto(f"{map_page.url}?lat=35&lon=39&z=6")
    wait_for_map(page)
    page.evaluate(COVER_THE_MAP)

    page.locator(".leaflet-control-zoom-in").click()  # the names are drawn again

    aleppo = page.locator(".map-place__name", has_text="Aleppo")
    expect(aleppo).to_be_visible()
    expect(aleppo).to_have_class("map-place__name map-place__name--main map-place__name--over")
    names = page.evaluate(NAMES_SHOWN)
    assert any(not main for _, main, _ in names)  # minor names were drawn ...
    assert [text for text, main, shown in names if shown and not main] == []  # ... and hidden
