"""The newsroom's map screens: who may verify, duplicate, search places, edit events."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from newsdesk.maps.models import Event, EventSource
from newsdesk.newsroom.roles import EDITOR, WRITER
from tests.factories import member_of

from .factories import make_category, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(client: Client) -> User:
    user = member_of(WRITER)
    client.force_login(user)
    return user


@pytest.fixture
def editor(client: Client) -> User:
    user = member_of(EDITOR)
    client.force_login(user)
    return user


def test_it_lets_an_editor_verify_and_records_who_and_when(client: Client, editor: User) -> None:
    event = make_event(status=Event.Status.REPORTED)
    assert client.get(f"/admin/map/events/{event.pk}/verify/").status_code == 200
    response = client.post(f"/admin/map/events/{event.pk}/verify/")
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.VERIFIED
    assert event.verified_by == editor
    assert event.verified_at is not None


def test_it_refuses_verification_by_a_reporter(client: Client, reporter: User) -> None:
    event = make_event(status=Event.Status.REPORTED)
    response = client.post(f"/admin/map/events/{event.pk}/verify/")
    # Wagtail's admin answers a refused permission by sending the user to the dashboard.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    event.refresh_from_db()
    assert event.status == Event.Status.REPORTED


def test_it_lets_an_editor_reject_an_event_which_forgets_the_verification(
    client: Client, editor: User
) -> None:
    event = make_event(status=Event.Status.REPORTED)
    client.post(f"/admin/map/events/{event.pk}/reject/")
    event.refresh_from_db()
    assert event.status == Event.Status.REJECTED
    assert event.verified_by is None


@pytest.mark.parametrize(
    "url",
    [
        "/admin/map/events/1/verify/",
        "/admin/map/events/1/duplicate/",
        "/admin/map/events/import/",
        "/admin/map/events/export/",
        "/admin/map/areas/upload/",
        "/admin/map/places/?q=Aleppo",
        "/admin/snippets/maps/event/",
    ],
)
def test_it_sends_anonymous_visitors_to_the_login_page(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def _event_form(event_fields: dict, sources: list[dict] | None = None) -> dict:
    return nested_form_data(
        {
            **event_fields,
            "sources": inline_formset(sources or []),
            "article_links": inline_formset([]),
            "topic_links": inline_formset([]),
        }
    )


def _fields(**overrides: object) -> dict:
    fields = {
        "title": "Shelling near Idlib",
        "description": "Several shells hit the market.",
        "occurred_at": "2026-11-20 14:00",
        "precision": "exact",
        "latitude": "35.93",
        "longitude": "36.63",
        "place_name": "Idlib",
        "country": "SY",
        "category": make_category("shelling").pk,
        "locale": Locale.get_default().pk,
    }
    fields.update(overrides)
    return fields


def test_it_lets_a_reporter_create_a_reported_event(client: Client, reporter: User, home) -> None:  # type: ignore[no-untyped-def]
    data = _event_form(_fields(), [{"url": "https://example.org/report", "label": "Wire"}])
    response = client.post("/admin/snippets/maps/event/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(title="Shelling near Idlib")
    assert event.status == Event.Status.REPORTED
    assert [s.url for s in event.sources.all()] == ["https://example.org/report"]


def test_it_shows_the_event_form_with_the_location_picker(
    client: Client, reporter: User, home
) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/admin/snippets/maps/event/add/").content.decode()
    assert "data-location-picker" in html
    assert "newsdesk/vendor/leaflet/leaflet" in html


def test_it_returns_a_rejected_event_form_filled_in(client: Client, reporter: User, home) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/admin/snippets/maps/event/add/", _event_form(_fields(latitude="95")))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Latitude must be between -90 and 90" in html
    assert "Shelling near Idlib" in html
    assert not Event.objects.exists()


def test_it_sends_a_verified_event_back_to_reported_when_a_reporter_edits_it(
    client: Client, reporter: User, home
) -> None:  # type: ignore[no-untyped-def]
    event = make_event(status=Event.Status.VERIFIED, title="Before")
    data = _event_form(_fields(title="After", category=event.category.pk))
    response = client.post(f"/admin/snippets/maps/event/edit/{event.pk}/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "After"
    assert event.status == Event.Status.REPORTED


def test_it_keeps_an_event_verified_when_an_editor_edits_it(
    client: Client, editor: User, home
) -> None:  # type: ignore[no-untyped-def]
    event = make_event(status=Event.Status.VERIFIED, title="Before")
    data = _event_form(_fields(title="After", category=event.category.pk))
    client.post(f"/admin/snippets/maps/event/edit/{event.pk}/", data)
    event.refresh_from_db()
    assert event.status == Event.Status.VERIFIED


def test_it_duplicates_an_event_with_its_sources_as_reported(
    client: Client, reporter: User
) -> None:
    event = make_event(sources=[("https://example.org/a", "A"), ("https://example.org/b", "B")])
    response = client.post(f"/admin/map/events/{event.pk}/duplicate/")
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response["Location"] == f"/admin/snippets/maps/event/edit/{copy.pk}/"
    assert copy.status == Event.Status.REPORTED
    assert copy.verified_by is None
    assert [(s.url, s.label) for s in EventSource.objects.filter(event=copy)] == [
        ("https://example.org/a", "A"),
        ("https://example.org/b", "B"),
    ]


def test_it_filters_the_event_list_by_status(client: Client, editor: User) -> None:
    make_event(title="Checked one", status=Event.Status.VERIFIED)
    make_event(title="Unchecked one", status=Event.Status.REPORTED)
    html = client.get("/admin/snippets/maps/event/", {"status": "reported"}).content.decode()
    assert "Unchecked one" in html
    assert "Checked one" not in html


def test_it_searches_the_event_list(client: Client, editor: User) -> None:
    make_event(title="Bridge destroyed")
    make_event(title="Talks in Geneva")
    html = client.get("/admin/snippets/maps/event/", {"q": "bridge"}).content.decode()
    assert "Bridge destroyed" in html
    assert "Talks in Geneva" not in html


def test_it_offers_verify_only_to_editors(client: Client, reporter: User) -> None:
    event = make_event(status=Event.Status.REPORTED)
    html = client.get("/admin/snippets/maps/event/").content.decode()
    assert f"/admin/map/events/{event.pk}/duplicate/" in html
    assert f"/admin/map/events/{event.pk}/verify/" not in html


def test_it_searches_places_in_three_languages(client: Client, reporter: User) -> None:
    for query in ("Mosul", "الموصل"):
        places = client.get("/admin/map/places/", {"q": query}).json()["places"]
        assert "Mosul" in [p["name"] for p in places]
    assert client.get("/admin/map/places/", {"q": ""}).json() == {"places": []}


def test_it_offers_verify_on_the_edit_page_to_an_editor(client: Client, editor: User) -> None:
    event = make_event(status=Event.Status.REPORTED)
    html = client.get(f"/admin/snippets/maps/event/edit/{event.pk}/").content.decode()
    assert f"/admin/map/events/{event.pk}/verify/" in html


def _prefers(user: User, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("ar", ["خط العرض", "خط الطول", "ابحث عن مكان", "المصادر", "دقة الوقت"]),
        ("fa", ["عرض جغرافیایی", "طول جغرافیایی", "یافتن مکان", "منابع", "دقت زمان"]),
    ],
)
def test_it_shows_the_event_form_in_the_editors_language(
    client: Client, editor: User, home, language: str, labels: list[str]
) -> None:  # type: ignore[no-untyped-def]
    _prefers(editor, language)
    html = client.get("/admin/snippets/maps/event/add/").content.decode()
    for label in labels:
        assert label in html, label


def test_it_lists_events_with_arabic_buttons(client: Client, editor: User) -> None:
    _prefers(editor, "ar")
    make_event(status=Event.Status.REPORTED)
    html = client.get("/admin/snippets/maps/event/").content.decode()
    for label in ("تصدير CSV", "استيراد CSV أو GeoJSON", "تحقق", "التحقق"):
        assert label in html, label


def test_it_says_what_is_wrong_with_an_area_upload_in_arabic(client: Client, editor: User) -> None:
    _prefers(editor, "ar")
    bad = b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
    bad += b' "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}}]}'
    upload = SimpleUploadedFile("areas.geojson", bad, content_type="application/geo+json")
    response = client.post(
        "/admin/map/areas/upload/",
        {"file": upload, "party": "North", "color": "#aa0000", "valid_from": "2026-11-01 00:00"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "لم يُستورد الملف، ولم يُحفظ أي شيء:" in html
    assert "العنصر 1، الحلقة 1: تحتاج الحلقة إلى 4 نقاط على الأقل" in html


def test_the_area_upload_page_loads_its_date_pickers_script(client: Client, editor: User) -> None:
    """Without the widgets' script the page threw `initDateTimeChooser is not defined`."""
    html = client.get("/admin/map/areas/upload/").content.decode()

    scripts = [src for src in re.findall(r'<script src="([^"]+)"', html) if "date" in src]
    assert scripts, "no date and time picker script"


def test_the_area_upload_form_says_valid_from_is_required(client: Client, editor: User) -> None:
    html = client.get("/admin/map/areas/upload/").content.decode()

    assert "Required, unless every feature in the file has a valid_from property." in html


@pytest.mark.parametrize(
    ("status", "offered"),
    [(Event.Status.REPORTED, True), (Event.Status.REJECTED, True), (Event.Status.VERIFIED, False)],
)
def test_the_event_form_offers_save_and_verify_beside_save_to_an_editor(
    client: Client, editor: User, status: str, offered: bool
) -> None:
    event = make_event(status=status)
    html = client.get(f"/admin/snippets/maps/event/edit/{event.pk}/").content.decode()
    footer = html[html.index('<footer class="footer') :]
    assert ('name="action-verify"' in footer) is offered


def test_the_event_form_does_not_offer_save_and_verify_to_a_reporter(
    client: Client, reporter: User
) -> None:
    event = make_event(status=Event.Status.REPORTED)
    response = client.get(f"/admin/snippets/maps/event/edit/{event.pk}/")
    html = response.content.decode()
    # The reporter gets the form, to save it as it is.
    assert response.status_code == 200
    assert 'class="button action-save' in html[html.index('<footer class="footer') :]
    assert 'name="action-verify"' not in html


def test_an_editor_saves_and_verifies_an_event_from_its_form(
    client: Client, editor: User, home
) -> None:  # type: ignore[no-untyped-def]
    event = make_event(status=Event.Status.REPORTED, title="Before")
    data = _event_form(_fields(title="After", category=event.category.pk))
    data["action-verify"] = "Save and verify"
    response = client.post(f"/admin/snippets/maps/event/edit/{event.pk}/", data, follow=True)
    event.refresh_from_db()
    assert (event.title, event.status, event.verified_by) == ("After", "verified", editor)
    assert "is saved, verified and public" in response.content.decode()


def test_a_reporter_cannot_verify_by_sending_the_button_by_hand(
    client: Client, reporter: User, home
) -> None:  # type: ignore[no-untyped-def]
    event = make_event(status=Event.Status.REPORTED, title="Before")
    data = _event_form(_fields(title="After", category=event.category.pk))
    data["action-verify"] = "Save and verify"
    client.post(f"/admin/snippets/maps/event/edit/{event.pk}/", data)
    event.refresh_from_db()
    assert (event.title, event.status) == ("After", Event.Status.REPORTED)


def test_an_event_form_with_errors_verifies_nothing(client: Client, editor: User, home) -> None:  # type: ignore[no-untyped-def]
    event = make_event(status=Event.Status.REPORTED)
    data = _event_form(_fields(latitude="95", category=event.category.pk))
    data["action-verify"] = "Save and verify"
    response = client.post(f"/admin/snippets/maps/event/edit/{event.pk}/", data)
    event.refresh_from_db()
    assert (response.status_code, event.status) == (200, Event.Status.REPORTED)
