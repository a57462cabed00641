"""Imports of events (CSV, GeoJSON) and uploads of areas: every problem said, nothing half-done."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from newsdesk.maps import geojson
from newsdesk.maps.models import ControlArea, Event
from newsdesk.newsroom.roles import EDITOR, WRITER

from .factories import make_category, make_event, square

pytestmark = pytest.mark.django_db

HEADER = "title,occurred_at,latitude,longitude,category,place_name,country,sources,status\n"


def login(client: Client, group: str = EDITOR) -> User:
    user = User.objects.create_user(group.lower(), f"{group.lower()}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def upload_events(
    client: Client, content: str, name: str = "events.csv", dry_run: bool = False
) -> Any:
    data: dict[str, Any] = {"file": SimpleUploadedFile(name, content.encode())}
    if dry_run:
        data["dry_run"] = "on"
    return client.post("/admin/map/events/import/", data)


def errors(response: Any) -> list[tuple[int, str, str]]:
    return [(e.row, e.field, e.message) for e in response.context["report"].errors]


@pytest.fixture
def categories() -> None:
    make_category("airstrike")
    make_category("clashes")


def test_it_imports_every_row_of_a_correct_csv(client: Client, categories: None) -> None:
    login(client)
    rows = (
        "Strike on depot,2026-11-20T14:00:00Z,36.2,37.15,airstrike,Aleppo,SY,Wire|https://e.org/1,\n"
        "Clashes at checkpoint,2026-11-21,35.93,36.63,clashes,Idlib,SY,,verified\n"
    )
    response = upload_events(client, HEADER + rows)
    assert response.status_code == 302
    assert Event.objects.count() == 2
    checked = Event.objects.get(title="Clashes at checkpoint")
    assert checked.status == Event.Status.VERIFIED
    assert checked.verified_by is not None
    strike = Event.objects.get(title="Strike on depot")
    assert [(s.label, s.url) for s in strike.sources.all()] == [("Wire", "https://e.org/1")]


def test_it_reports_row_field_and_message_for_each_wrong_row(
    client: Client, categories: None
) -> None:
    login(client)
    rows = (
        "Fine,2026-11-20T14:00:00Z,36.2,37.15,airstrike,,,,\n"
        "Too far north,2026-11-20T14:00:00Z,91,37.15,airstrike,,,,\n"
        "Bad date,yesterday,36.2,37.15,airstrike,,,,\n"
        "Unknown kind,2026-11-20,36.2,37.15,volcano,,,,\n"
        "Bad source,2026-11-20,36.2,abc,airstrike,,,ftp://x,\n"
    )
    response = upload_events(client, HEADER + rows)
    assert response.status_code == 400
    found = errors(response)
    assert (3, "latitude") in [(row, name) for row, name, _m in found]
    assert (4, "occurred_at") in [(row, name) for row, name, _m in found]
    assert (5, "category") in [(row, name) for row, name, _m in found]
    assert {(6, "longitude"), (6, "sources")} <= {(row, name) for row, name, _m in found}
    assert not [row for row, _n, _m in found if row == 2]
    assert "volcano" in {(r, n): m for r, n, m in found}[(5, "category")]


def test_it_imports_nothing_when_one_row_is_wrong(client: Client, categories: None) -> None:
    login(client)
    rows = (
        "Fine,2026-11-20T14:00:00Z,36.2,37.15,airstrike,,,,\n"
        "Broken,2026-11-20T14:00:00Z,36.2,200,airstrike,,,,\n"
    )
    response = upload_events(client, HEADER + rows)
    assert {row for row, _field, _message in errors(response)} == {3}  # the header is row 1
    assert not Event.objects.exists()


def test_it_imports_nothing_in_a_dry_run(client: Client, categories: None) -> None:
    login(client)
    response = upload_events(
        client, HEADER + "Fine,2026-11-20T14:00:00Z,36.2,37.15,airstrike,,,,\n", dry_run=True
    )
    assert response.status_code == 200
    assert response.context["report"].errors == []
    assert not Event.objects.exists()


def test_it_refuses_verified_rows_from_a_reporter(client: Client, categories: None) -> None:
    login(client, WRITER)
    response = upload_events(
        client, HEADER + "Fine,2026-11-20T14:00:00Z,36.2,37.15,airstrike,,,,verified\n"
    )
    assert errors(response) == [
        (2, "status", "you may not verify events; import them as reported.")
    ]
    assert not Event.objects.exists()


def test_it_says_which_columns_are_missing(client: Client) -> None:
    login(client)
    response = upload_events(client, "title,latitude\nX,1\n")
    assert response.status_code == 400
    assert "occurred_at" in response.context["file_error"]


def test_it_imports_geojson_points_and_refuses_other_geometries(
    client: Client, categories: None
) -> None:
    login(client)
    point = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [37.15, 36.2]},
        "properties": {"title": "A", "occurred_at": "2026-11-20", "category": "airstrike"},
    }
    line = {**point, "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}}
    collection = {"type": "FeatureCollection", "features": [point, line]}
    response = upload_events(client, json.dumps(collection), "events.geojson")
    assert [(row, name) for row, name, _m in errors(response)] == [(2, "geometry")]
    assert not Event.objects.exists()


def test_it_round_trips_its_own_export(client: Client, categories: None) -> None:
    login(client)
    make_event(title="One", sources=[("https://e.org/1", "Wire")])
    make_event(title="Two", status=Event.Status.REPORTED)
    for export_format, name in (("csv", "e.csv"), ("geojson", "e.geojson")):
        exported = client.get("/admin/map/events/export/", {"format": export_format}).content
        response = upload_events(client, exported.decode(), name, dry_run=True)
        assert response.status_code == 200, errors(response)
        assert response.context["report"].rows == 2


# Areas of control ------------------------------------------------------------------------


def upload_areas(client: Client, body: Any, **fields: str) -> Any:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    data: dict[str, Any] = {"file": SimpleUploadedFile("areas.geojson", content), **fields}
    return client.post("/admin/map/areas/upload/", data)


def collection(*geometries: Any, **properties: Any) -> dict[str, Any]:
    props = {"party": "Party A", "color": "#2980b9", "valid_from": "2026-10-01", **properties}
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": g, "properties": props} for g in geometries],
    }


def problems(response: Any) -> str:
    assert response.status_code == 400
    assert not ControlArea.objects.exists()
    return " ".join(response.context["problems"])


def test_it_adds_every_area_of_a_correct_upload(client: Client) -> None:
    login(client)
    multi = {"type": "MultiPolygon", "coordinates": [square(1, 1, 2, 2)["coordinates"]]}
    response = upload_areas(client, collection(square(36, 35, 38, 37), multi))
    assert response.status_code == 302
    assert ControlArea.objects.count() == 2


def test_it_takes_missing_properties_from_the_form(client: Client) -> None:
    login(client)
    body = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": square(1, 1, 2, 2), "properties": {}}],
    }
    upload_areas(client, body, party="Party B", color="#123456", valid_from="2026-10-01 00:00")
    assert ControlArea.objects.get().party == "Party B"


def test_it_reads_the_party_in_arabic_and_persian_from_the_file(client: Client) -> None:
    login(client)
    names = {"party": "Border guards", "party_ar": "حرس الحدود", "party_fa": "مرزبانان"}
    feature = {"type": "Feature", "geometry": square(1, 1, 2, 2), "properties": names}
    body = {"type": "FeatureCollection", "features": [feature]}
    upload_areas(client, body, color="#123456", valid_from="2026-10-01 00:00")
    area = ControlArea.objects.get()
    assert (area.party, area.party_ar, area.party_fa) == tuple(names.values())


def test_it_refuses_a_geometry_that_is_not_a_polygon(client: Client) -> None:
    login(client)
    line = {"type": "LineString", "coordinates": [[1, 1], [2, 2]]}
    assert "LineString is not allowed" in problems(upload_areas(client, collection(line)))


def test_it_refuses_coordinates_out_of_range(client: Client) -> None:
    login(client)
    message = problems(upload_areas(client, collection(square(36, 35, 190, 37))))
    assert "Feature 1, ring 1, point 2: longitude 190 is outside -180 to 180" in message


def test_it_refuses_a_ring_that_is_not_closed(client: Client) -> None:
    login(client)
    ring = [[1, 1], [2, 1], [2, 2], [1, 2]]
    message = problems(upload_areas(client, collection({"type": "Polygon", "coordinates": [ring]})))
    assert "not closed" in message


def test_it_refuses_a_ring_with_too_few_points(client: Client) -> None:
    login(client)
    ring = [[1, 1], [2, 1], [1, 1]]
    message = problems(upload_areas(client, collection({"type": "Polygon", "coordinates": [ring]})))
    assert "at least 4 points" in message


def test_it_refuses_a_file_that_is_too_large(client: Client) -> None:
    login(client)
    padding = b" " * (geojson.MAX_UPLOAD_BYTES + 1)
    response = upload_areas(client, padding)
    assert response.status_code == 400
    assert "larger than" in str(response.context["form"].errors["file"])


def test_it_refuses_what_is_not_json(client: Client) -> None:
    login(client)
    assert "not valid JSON (line 1" in problems(upload_areas(client, b"{nope"))


def test_it_refuses_what_is_not_a_feature_collection(client: Client) -> None:
    login(client)
    assert '"type": "FeatureCollection"' in problems(upload_areas(client, square(1, 1, 2, 2)))


def test_it_saves_none_when_one_feature_of_many_is_wrong(client: Client) -> None:
    login(client)
    good = square(36, 35, 38, 37)
    bad = {"type": "Polygon", "coordinates": [[[1, 1], [2, 1], [2, 2], [1, 2]]]}
    message = problems(upload_areas(client, collection(good, good, bad)))
    assert "Feature 3" in message


def test_it_refuses_an_end_before_the_start(client: Client) -> None:
    login(client)
    body = collection(square(1, 1, 2, 2), valid_until="2026-09-01")
    assert "valid_until must come after valid_from" in problems(upload_areas(client, body))


def test_it_refuses_uploads_from_a_reporter(client: Client) -> None:
    login(client, WRITER)
    response = upload_areas(client, collection(square(1, 1, 2, 2)))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not ControlArea.objects.exists()


def test_it_refuses_a_ring_that_crosses_itself_naming_feature_and_ring(client: Client) -> None:
    login(client)
    bow_tie = [[36, 35], [38, 37], [38, 35], [36, 37], [36, 35]]
    hole = {"type": "Polygon", "coordinates": [square(30, 30, 40, 40)["coordinates"][0], bow_tie]}
    message = problems(upload_areas(client, collection(square(1, 1, 2, 2), hole)))
    assert (
        "Feature 2, ring 2: the ring crosses itself: its line from point 1 to point 2 meets "
        "its line from point 3 to point 4 at longitude 37, latitude 36."
    ) in message


def test_it_names_the_polygon_of_a_multipolygon_whose_ring_crosses_itself(
    client: Client,
) -> None:
    login(client)
    spike = [[1, 1], [3, 1], [2, 1], [2, 2], [1, 1]]
    multi = {"type": "MultiPolygon", "coordinates": [square(5, 5, 6, 6)["coordinates"], [spike]]}
    message = problems(upload_areas(client, collection(multi)))
    assert "Feature 1, polygon 2, ring 1: the ring crosses itself" in message


def test_it_refuses_an_edited_area_whose_ring_crosses_itself() -> None:
    bow_tie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    area = ControlArea(party="A", color="#123456", valid_from=timezone.now())
    area.geometry = json.dumps(bow_tie)
    with pytest.raises(ValidationError) as raised:
        area.full_clean()
    assert "Geometry, ring 1: the ring crosses itself" in str(raised.value.message_dict)
