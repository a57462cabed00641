"""The event form's location picker in a real browser, with every request to another host
refused: the gazetteer search and the map click fill in the coordinates that are saved."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from newsdesk.maps.models import Event
from newsdesk.newsroom.roles import EDITOR
from tests.maps.factories import make_category

from .test_newsroom import log_in, member_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def editor() -> User:
    return member_of(EDITOR, "erin")


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
