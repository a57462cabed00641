from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from newsdesk.maps.models import Event, EventArticle, EventTopic
from tests import factories

from .factories import make_area, make_category, make_event, square

URL = "/api/v1/map/events"

pytestmark = pytest.mark.django_db


def get(client: Client, url: str = URL, **params: Any) -> Any:
    return client.get(url, params)


def ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.content
    return [f["id"] for f in response.json()["features"]]


def reasons(response: Any) -> dict[str, str]:
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    return {p["name"]: p["reason"] for p in response.json()["invalid_params"]}


def test_it_serves_verified_events_as_geojson(client: Client, home) -> None:  # type: ignore[no-untyped-def]
    event = make_event(title="Strike on a bridge", sources=[("https://example.org/a", "Agency")])
    response = get(client)
    assert response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert body["next"] is None
    feature = body["features"][0]
    assert feature["id"] == event.pk
    assert feature["geometry"] == {"type": "Point", "coordinates": [37.15, 36.2]}
    assert feature["properties"]["title"] == "Strike on a bridge"
    assert feature["properties"]["category"] == {
        "slug": "airstrike",
        "name": "Airstrike",
        "color": "#c0392b",
        "icon": "airstrike",
    }
    assert feature["properties"]["sources"] == [{"label": "Agency", "url": "https://example.org/a"}]
    assert feature["properties"]["occurred_at"].endswith("Z")


@pytest.mark.parametrize("status", [Event.Status.REPORTED, Event.Status.REJECTED])
def test_it_never_serves_unverified_events(client: Client, status: str) -> None:
    verified = make_event(title="Verified")
    make_event(status=status)
    assert ids(get(client)) == [verified.pk]


@pytest.mark.parametrize("status", [Event.Status.REPORTED, Event.Status.REJECTED])
def test_it_never_puts_unverified_events_in_the_csv(client: Client, status: str) -> None:
    make_event(title="Secret", status=status)
    verified = make_event(title="Known")
    rows = list(csv.DictReader(io.StringIO(get(client, URL + ".csv").content.decode())))
    assert [int(r["id"]) for r in rows] == [verified.pk]


def test_it_serves_csv_with_the_same_filters(client: Client) -> None:
    make_event(category=make_category("clashes"))
    strike = make_event(title="=cmd|calc", category=make_category("airstrike"))
    response = get(client, URL + ".csv", category="airstrike")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [int(r["id"]) for r in rows] == [strike.pk]
    assert rows[0]["title"] == "'=cmd|calc"  # a spreadsheet keeps it as text


def test_it_links_only_live_articles(client: Client, news) -> None:  # type: ignore[no-untyped-def]
    live = factories.make_article(news, "Live story")
    gone = factories.make_article(news, "Withdrawn story")
    gone.unpublish()
    event = make_event()
    EventArticle.objects.create(event=event, article=live, sort_order=0)
    EventArticle.objects.create(event=event, article=gone, sort_order=1)
    articles = get(client).json()["features"][0]["properties"]["articles"]
    assert [a["title"] for a in articles] == ["Live story"]
    assert articles[0]["url"].startswith("http://localhost/")


def test_it_filters_by_time_window(client: Client) -> None:
    now = timezone.now()
    old = make_event(occurred_at=now - timedelta(days=40))
    recent = make_event(occurred_at=now - timedelta(days=2))
    since = (now - timedelta(days=30)).isoformat()
    assert ids(get(client, since=since)) == [recent.pk]
    until = (now - timedelta(days=30)).date().isoformat()
    assert ids(get(client, until=until)) == [old.pk]


def test_it_includes_the_whole_day_given_as_until(client: Client) -> None:
    day = timezone.now().replace(hour=23, minute=30) - timedelta(days=3)
    late = make_event(occurred_at=day)
    assert ids(get(client, until=day.date().isoformat())) == [late.pk]


def test_it_refuses_since_after_until(client: Client) -> None:
    assert "until" in reasons(get(client, since="2026-11-20", until="2026-11-10"))


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "2026-11-31T10:00"])
def test_it_refuses_a_date_it_cannot_read(client: Client, value: str) -> None:
    assert "since" in reasons(get(client, since=value))


def test_it_filters_by_categories(client: Client) -> None:
    strike = make_event(category=make_category("airstrike"))
    clash = make_event(category=make_category("clashes"))
    make_event(category=make_category("political"))
    assert set(ids(get(client, category="airstrike,clashes"))) == {strike.pk, clash.pk}


def test_it_refuses_an_unknown_category(client: Client) -> None:
    make_category("airstrike")
    assert "nope" in reasons(get(client, category="airstrike,nope"))["category"]


def test_it_filters_by_bbox(client: Client) -> None:
    aleppo = make_event(latitude=36.2, longitude=37.15)
    make_event(latitude=33.34, longitude=44.4)  # Baghdad
    assert ids(get(client, bbox="35,35,39,37")) == [aleppo.pk]


def test_it_includes_events_on_the_bbox_edge(client: Client) -> None:
    edge = make_event(latitude=35.0, longitude=39.0)
    assert ids(get(client, bbox="35,35,39,37")) == [edge.pk]


def test_it_filters_by_a_bbox_crossing_the_antimeridian(client: Client) -> None:
    east = make_event(latitude=-17.7, longitude=178.0)  # Fiji
    west = make_event(latitude=-13.8, longitude=-172.0)  # Samoa
    make_event(latitude=36.2, longitude=37.15)
    assert set(ids(get(client, bbox="170,-30,-160,0"))) == {east.pk, west.pk}


@pytest.mark.parametrize(
    "bbox", ["1,2,3", "a,b,c,d", "-200,0,10,10", "0,-95,10,10", "0,20,10,10", "0,0,10,nan"]
)
def test_it_refuses_a_wrong_bbox(client: Client, bbox: str) -> None:
    assert "bbox" in reasons(get(client, bbox=bbox))


def test_it_filters_by_topic(client: Client, topic_index) -> None:  # type: ignore[no-untyped-def]
    topic = factories.make_topic(topic_index, "Water")
    linked = make_event()
    make_event()
    EventTopic.objects.create(event=linked, topic=topic, sort_order=0)
    assert ids(get(client, topic=topic.slug)) == [linked.pk]


def test_it_refuses_an_unknown_topic(client: Client, topic_index) -> None:  # type: ignore[no-untyped-def]
    factories.make_topic(topic_index, "Water")
    make_event()
    assert reasons(get(client, topic="watr")) == {"topic": "unknown topic: watr"}


def test_it_refuses_an_unknown_topic_in_the_csv_too(client: Client) -> None:
    assert "topic" in reasons(get(client, URL + ".csv", topic="nope"))


def test_it_treats_an_unpublished_topic_as_unknown(client: Client, topic_index) -> None:  # type: ignore[no-untyped-def]
    topic = factories.make_topic(topic_index, "Water")
    topic.unpublish()
    assert "topic" in reasons(get(client, topic=topic.slug))


def test_it_refuses_an_unknown_category_even_alone(client: Client) -> None:
    assert reasons(get(client, category="nope")) == {"category": "unknown category: nope"}


def test_it_filters_by_language_and_names_categories_in_it(client: Client, home) -> None:  # type: ignore[no-untyped-def]
    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    category = make_category("clashes", name_ar="اشتباكات")
    make_event(category=category)
    in_arabic = make_event(category=category, locale=arabic)
    body = get(client, lang="ar").json()
    assert [f["id"] for f in body["features"]] == [in_arabic.pk]
    assert body["features"][0]["properties"]["category"]["name"] == "اشتباكات"


def test_it_refuses_an_unknown_language(client: Client) -> None:
    assert "lang" in reasons(get(client, lang="de"))


@pytest.mark.parametrize("limit", ["0", "1001", "-5", "ten", "2.5"])
def test_it_refuses_a_limit_out_of_bounds(client: Client, limit: str) -> None:
    assert "limit" in reasons(get(client, limit=limit))


@pytest.mark.parametrize("limit", ["1", "1000"])
def test_it_accepts_the_limit_bounds(client: Client, limit: str) -> None:
    make_event()
    assert get(client, limit=limit).status_code == 200


def test_it_lists_every_wrong_parameter_at_once(client: Client) -> None:
    assert set(reasons(get(client, limit="0", bbox="x", lang="xx"))) == {"limit", "bbox", "lang"}


def test_it_pages_with_a_stable_cursor(client: Client) -> None:
    moment = timezone.now() - timedelta(hours=3)
    # Several events at the same moment: the id decides their order.
    made = [make_event(occurred_at=moment) for _ in range(4)]
    made += [make_event(occurred_at=moment - timedelta(minutes=i)) for i in range(1, 4)]
    expected = [e.pk for e in sorted(made, key=lambda e: (e.occurred_at, e.pk), reverse=True)]
    seen: list[int] = []
    url: str | None = URL + "?limit=2"
    while url:
        body = client.get(url).json()
        seen += [f["id"] for f in body["features"]]
        # An event added meanwhile, newer than everything, does not shift later pages.
        make_event(occurred_at=timezone.now())
        url = body["next"]
    assert seen == expected


def test_it_refuses_a_cursor_it_did_not_give(client: Client) -> None:
    assert "cursor" in reasons(get(client, cursor="not-a-cursor"))


def test_it_answers_304_while_nothing_changed(client: Client) -> None:
    make_event()
    first = get(client)
    assert first["Cache-Control"] == "public, max-age=60"
    again = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_it_changes_the_etag_when_an_event_changes(client: Client) -> None:
    event = make_event()
    first = get(client)
    event.title = "Corrected"
    event.save()
    again = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["features"][0]["properties"]["title"] == "Corrected"


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert get(client).status_code == 200
    return len(queries)


def test_it_costs_the_same_queries_for_many_events(client: Client, news) -> None:  # type: ignore[no-untyped-def]
    article = factories.make_article(news, "Linked")
    for _ in range(3):
        event = make_event(sources=[("https://example.org/1", "One")])
        EventArticle.objects.create(event=event, article=article, sort_order=0)
    _queries(client)  # the first request also reads the sites, which are then kept
    few = _queries(client)
    for _ in range(30):
        event = make_event(sources=[("https://example.org/1", "One"), ("https://a.org/2", "")])
        EventArticle.objects.create(event=event, article=article, sort_order=0)
    assert _queries(client) == few
    assert few <= 6


def test_it_serves_areas_valid_at_a_moment(client: Client) -> None:
    now = timezone.now()
    ten_days_ago = now - timedelta(days=10)
    old = make_area("Old", valid_from=now - timedelta(days=60), valid_until=ten_days_ago)
    current = make_area("Current", valid_from=now - timedelta(days=10), geometry=square(1, 1, 2, 2))
    body = client.get("/api/v1/map/areas").json()
    assert [f["id"] for f in body["features"]] == [current.pk]
    assert body["features"][0]["properties"]["valid_until"] is None
    at = (now - timedelta(days=20)).isoformat()
    assert [f["id"] for f in client.get("/api/v1/map/areas", {"at": at}).json()["features"]] == [
        old.pk
    ]


@pytest.mark.parametrize(
    ("lang", "party"), [("ar", "حرس الحدود"), ("fa", "Border guards"), ("en", "Border guards")]
)
def test_it_names_the_party_of_an_area_in_the_asked_language(
    client: Client, lang: str, party: str
) -> None:
    make_area("Border guards", party_ar="حرس الحدود")  # no Persian name: English stands in
    body = client.get("/api/v1/map/areas", {"lang": lang}).json()
    assert body["features"][0]["properties"]["party"] == party


def test_it_refuses_an_unknown_language_for_areas(client: Client) -> None:
    assert "lang" in reasons(client.get("/api/v1/map/areas", {"lang": "xx"}))


def test_it_refuses_an_unreadable_areas_moment(client: Client) -> None:
    assert "at" in reasons(client.get("/api/v1/map/areas", {"at": "soon"}))


def test_it_lists_the_moments_areas_change(client: Client) -> None:
    now = timezone.now().replace(microsecond=0)
    make_area("A", valid_from=now - timedelta(days=60), valid_until=now - timedelta(days=10))
    make_area("B", valid_from=now - timedelta(days=10))
    changes = client.get("/api/v1/map/areas/timeline").json()["changes"]
    assert len(changes) == 2
    assert changes == sorted(changes)
