from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from newsdesk.core import fragments
from newsdesk.maps import gazetteer
from newsdesk.maps.models import EVENTS_TAG, Event, EventArticle, EventCategory, EventSource, Place
from tests import factories

from .factories import make_area, make_category, make_event


@pytest.mark.django_db
def test_it_makes_only_verified_events_public() -> None:
    verified = make_event(status=Event.Status.VERIFIED)
    make_event(status=Event.Status.REPORTED)
    make_event(status=Event.Status.REJECTED)
    assert list(Event.objects.public()) == [verified]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [("latitude", 90.5), ("latitude", -91), ("longitude", 180.01), ("longitude", -200)],
)
def test_it_rejects_coordinates_out_of_range(field: str, value: float) -> None:
    event = Event(title="Out of range", category=make_category(), latitude=0, longitude=0)
    setattr(event, field, value)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_it_rejects_a_coordinate_that_is_not_a_number() -> None:
    event = Event(title="NaN", category=make_category(), latitude=float("nan"), longitude=0)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "latitude" in error.value.message_dict


@pytest.mark.django_db
def test_it_accepts_coordinates_on_the_edges() -> None:
    event = Event(title="Pole", category=make_category(), latitude=-90, longitude=180)
    event.full_clean()  # raises ValidationError for a refused coordinate
    event.save()
    assert Event.objects.filter(latitude=-90, longitude=180).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("color", ["red", "#c0392", "#c0392bb", "c0392b", "#gg0000"])
def test_it_rejects_a_colour_that_is_not_rrggbb(color: str) -> None:
    category = EventCategory(name_en="X", slug="x", color=color, icon="other")
    with pytest.raises(ValidationError) as error:
        category.full_clean()
    assert "color" in error.value.message_dict


@pytest.mark.django_db
def test_it_rejects_an_icon_outside_the_allowed_set() -> None:
    category = EventCategory(name_en="X", slug="x", color="#000000", icon="skull")
    with pytest.raises(ValidationError) as error:
        category.full_clean()
    assert "icon" in error.value.message_dict


@pytest.mark.django_db
def test_it_links_events_to_articles_through_ordered_rows(news) -> None:  # type: ignore[no-untyped-def]
    article = factories.make_article(news, "Strikes near Aleppo")
    event = make_event()
    EventArticle.objects.create(event=event, article=article, sort_order=0)
    assert list(event.articles.all()) == [article]
    assert list(article.map_events.all()) == [event]


@pytest.mark.django_db
def test_it_names_a_category_in_the_asked_language() -> None:
    category = make_category("clashes", name_en="Clashes", name_ar="اشتباكات")
    assert category.name("ar") == "اشتباكات"
    assert category.name("fa") == "Clashes"


@pytest.mark.django_db
def test_it_ships_a_gazetteer_of_a_few_thousand_places() -> None:
    assert Place.objects.count() > 2000
    assert Place.objects.filter(country="SY").count() > 300


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Aleppo", "aleppo", "حلب"])
def test_it_finds_a_place_by_name_in_each_language(query: str) -> None:
    assert "Aleppo" in [p.name_en for p in gazetteer.search(Place.objects.all(), query)]


@pytest.mark.django_db
def test_it_finds_a_persian_spelling_with_an_arabic_keyboard() -> None:
    # Persian کرمانشاه typed with the Arabic kaf.
    assert "Kermanshah" in [p.name_en for p in gazetteer.search(Place.objects.all(), "كرمانشاه")]


def _version() -> str:
    return fragments.current_versions([EVENTS_TAG])[EVENTS_TAG]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        lambda: make_event(),
        lambda: make_category("clashes"),
        lambda: make_area(),
        lambda: EventSource.objects.create(
            event=make_event(), url="https://example.org/x", label="X", sort_order=1
        ),
    ],
)
def test_it_gives_the_events_tag_a_new_version_on_every_change(change: Any) -> None:
    make_category("airstrike")
    before = _version()
    change()
    assert _version() != before


@pytest.mark.django_db
def test_it_gives_the_events_tag_a_new_version_when_an_event_is_deleted() -> None:
    event = make_event()
    before = _version()
    event.delete()
    assert _version() != before


@pytest.mark.django_db
def test_it_refuses_an_area_whose_geometry_is_not_a_polygon() -> None:
    area = make_area()
    area.geometry = '{"type": "Point", "coordinates": [1, 2]}'
    with pytest.raises(ValidationError) as error:
        area.full_clean()
    assert "Point is not allowed" in " ".join(error.value.message_dict["geometry"])
