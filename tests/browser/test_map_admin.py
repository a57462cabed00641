"""The event form's location picker in a real browser, with every request to another host
refused: the gazetteer search and the map click fill in the coordinates that are saved,
and the map, scrolled under the admin's bars that stay on screen, draws over none of them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from wagtail.users.models import UserProfile

from newsdesk.maps.models import Event
from newsdesk.newsroom.roles import EDITOR
from tests.maps.factories import make_category, make_event

from .test_newsroom import log_in, member_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def editor() -> User:
    return member_of(EDITOR, "erin")


# The admin's editing pages are the heaviest the tests load.
ADMIN_NAVIGATION_MS = 30_000
DESKTOP = {"width": 1280, "height": 800}
# Below 50em Wagtail's footer is not fixed: it ends the form, and the header stays instead.
PHONE = {"width": 390, "height": 844}
MAP = ".location-picker__map"

# What is on top at the points of `bar` that lie over the map, and at `control`'s centre.
# Leaflet leaves most of what it draws out of hit-testing (`pointer-events: none`), so for
# the question every part of the map is made hit-testable: a point then answers with what
# is painted there, as an editor sees it, not only with what would take a click.
ON_TOP = """([bar, control]) => {
    const map = document.querySelector('.location-picker__map');
    const testable = document.createElement('style');
    testable.textContent =
        '.location-picker__map, .location-picker__map * { pointer-events: auto !important }';
    document.head.append(testable);
    try {
        const m = map.getBoundingClientRect();
        const b = document.querySelector(bar).getBoundingClientRect();
        const button = document.querySelector(control), c = button.getBoundingClientRect();
        const [left, right] = [Math.max(m.left, b.left) + 1, Math.min(m.right, b.right) - 1];
        const [top, bottom] = [Math.max(m.top, b.top) + 1, Math.min(m.bottom, b.bottom) - 1];
        const points = [];
        for (let i = 0; i <= 8; i++) for (let j = 0; j <= 4; j++)
            points.push([left + (right - left) * i / 8, top + (bottom - top) * j / 4]);
        const [x, y] = [c.left + c.width / 2, c.top + c.height / 2];
        const hit = document.elementFromPoint(x, y);
        return {
            overlap: left < right && top < bottom,
            controlOverMap: m.left < x && x < m.right && m.top < y && y < m.bottom,
            mapOnTopAt: points.filter(([u, v]) => map.contains(document.elementFromPoint(u, v))),
            controlOnTop: button.contains(hit),
            hit: hit && hit.outerHTML.slice(0, 120),
        };
    } finally {
        testable.remove();
    }
}"""


def pick_place(page: Page, query: str, result: str) -> None:
    page.get_by_label("Find a place").fill(query)
    page.locator("[data-place-results] button", has_text=result).first.click()


def test_it_fills_the_coordinates_from_a_place_found_in_english_or_arabic(
    page: Page, editor: User, home, foreign_requests: list[str]
) -> None:  # type: ignore[no-untyped-def]
    log_in(page, editor)
    page.goto("/admin/snippets/maps/event/add/")

    pick_place(page, "Aleppo", "Aleppo (SY)")
    expect(page.locator("#id_latitude")).to_have_value("36.20124")
    expect(page.locator("#id_longitude")).to_have_value("37.16117")

    pick_place(page, "الموصل", "Mosul (IQ)")
    expect(page.locator("#id_latitude")).to_have_value("36.335")
    expect(page.locator("#id_longitude")).to_have_value("43.11889")
    expect(page.locator("#id_place_name")).to_have_value("Mosul")
    expect(page.locator("#id_country")).to_have_value("IQ")
    assert foreign_requests == []


def test_it_saves_the_event_at_the_point_clicked_on_the_map(
    page: Page, editor: User, home, foreign_requests: list[str]
) -> None:  # type: ignore[no-untyped-def]
    category = make_category("shelling")
    log_in(page, editor)
    page.goto("/admin/snippets/maps/event/add/")
    page.locator("#id_title").fill("Shelling near Aleppo")
    page.get_by_role("button", name="Choose event category").click()
    page.get_by_role("dialog").get_by_role("link", name=category.name_en).click()
    expect(page.locator("#id_category")).to_have_value(str(category.pk))
    pick_place(page, "Aleppo", "Aleppo (SY)")

    # A click left of and above the centre (where Aleppo now is) lies north-west of it.
    page.locator(".location-picker__map").click(position={"x": 100, "y": 60})
    latitude = float(page.locator("#id_latitude").input_value())
    longitude = float(page.locator("#id_longitude").input_value())
    assert 36.20124 < latitude < 37.5
    assert 35.5 < longitude < 37.16117

    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_role("link", name="Shelling near Aleppo")).to_be_visible()
    event = Event.objects.get(title="Shelling near Aleppo")
    assert (event.latitude, event.longitude) == (latitude, longitude)
    assert event.status == Event.Status.REPORTED
    assert foreign_requests == []


def open_event_form(page: Page, editor: User, language: str, viewport: dict[str, int]) -> None:
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    page.set_viewport_size(viewport)
    page.set_default_navigation_timeout(ADMIN_NAVIGATION_MS)
    log_in(page, editor)
    event = make_event(status=Event.Status.REPORTED)
    page.goto(f"/admin/snippets/maps/event/edit/{event.pk}/")
    expect(page.locator(f"{MAP} .leaflet-overlay-pane svg path").first).to_be_attached()


def scroll_map_under(page: Page, control: str) -> None:
    """Scroll with the wheel, as an editor does, until the map's middle is level with the
    control's, and wait for the page to stop moving."""
    map_box = page.locator(MAP).bounding_box()
    control_box = page.locator(control).bounding_box()
    assert map_box is not None and control_box is not None
    page.mouse.move(map_box["x"] + 10, 300)  # over the form, above the map
    page.mouse.wheel(
        0, map_box["y"] + map_box["height"] / 2 - control_box["y"] - control_box["height"] / 2
    )
    settled(page, MAP)


def settled(page: Page, selector: str) -> None:
    """Wait until what `selector` finds stops moving (a scroll, a panel sliding in)."""
    page.wait_for_function(
        """selector => new Promise(done => {
            const box = () => JSON.stringify(document.querySelector(selector)
                .getBoundingClientRect());
            const before = box();
            setTimeout(() => done(box() === before), 150);
        })""",
        arg=selector,
    )


def on_top(page: Page, bar: str, control: str) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(ON_TOP, [bar, control])
    assert state["overlap"] and state["controlOverMap"], f"the map is not under {control}: {state}"
    return state


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_save_button_stays_on_top_of_the_map_scrolled_under_it_on_a_desktop(
    page: Page, editor: User, home, language: str
) -> None:  # type: ignore[no-untyped-def]
    save = "footer.footer button.action-save"
    open_event_form(page, editor, language, DESKTOP)
    scroll_map_under(page, save)

    state = on_top(page, "footer.footer", save)
    assert state["mapOnTopAt"] == [], f"the map draws over the Save bar: {state}"
    assert state["controlOnTop"], f"the map draws over the Save button: {state}"

    box = page.locator(save).bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page).to_have_url(re.compile(r"/admin/snippets/maps/event/$"))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_header_and_its_menu_stay_on_top_of_the_map_scrolled_under_them_on_a_phone(
    page: Page, editor: User, home, language: str
) -> None:  # type: ignore[no-untyped-def]
    header, menu_button = ".w-sticky.w-z-header", "button.sidebar-nav-toggle"
    open_event_form(page, editor, language, PHONE)
    scroll_map_under(page, menu_button)

    state = on_top(page, header, menu_button)
    assert state["mapOnTopAt"] == [], f"the map draws over the header: {state}"
    assert state["controlOnTop"], f"the map draws over the menu button: {state}"

    box = page.locator(menu_button).bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator(".sidebar")).not_to_have_class(re.compile(r"sidebar--closed"))
    settled(page, ".sidebar")
    opened = on_top(page, ".sidebar", menu_button)
    assert opened["mapOnTopAt"] == [], f"the map draws over the opened menu: {opened}"
