"""The gazetteer's names of the region's main places in Arabic and Persian."""

from __future__ import annotations

import pytest
from django.utils import translation

from newsdesk.maps import gazetteer, views
from newsdesk.maps.models import Place

pytestmark = pytest.mark.django_db

HARAKAT = set("\u064b\u064c\u064d\u064e\u064f\u0650\u0652\u0640")
KURDISH_OR_URDU = set("ئێۆڕڵەھ")
PERSIAN_ONLY = set("یکپچژگ")
ARABIC_ONLY = set("يكة")

PLACES = [
    # (English name in the file, Arabic, Persian)
    ("Damascus", "دمشق", "دمشق"),
    ("Amman", "عمّان", "عمان"),
    ("Mosul", "الموصل", "موصل"),
    ("Baghdad", "بغداد", "بغداد"),
    ("Aleppo", "حلب", "حلب"),
    ("Beirut", "بيروت", "بیروت"),
    ("Homs", "حمص", "حمص"),
    ("Basrah", "البصرة", "بصره"),
    ("Erbil", "أربيل", "اربیل"),
    ("Kirkuk", "كركوك", "کرکوک"),
    ("Ţarţūs", "طرطوس", "طرطوس"),
    ("Dar\u2018\u0101", "درعا", "درعا"),  # Daraa
    ("Tyre", "صور", "صور"),
    ("Idlib", "إدلب", "ادلب"),
]


@pytest.mark.parametrize(("english", "arabic", "persian"), PLACES)
@pytest.mark.parametrize("language", ["ar", "fa"])
def test_a_main_place_has_its_checked_name(
    english: str, arabic: str, persian: str, language: str
) -> None:
    place = Place.objects.get(name_en=english)
    assert place.name(language) == {"ar": arabic, "fa": persian}[language]


@pytest.mark.parametrize("geonames_id", sorted(gazetteer.CHECKED_NAMES))
def test_a_checked_name_is_written_in_its_languages_letters(geonames_id: int) -> None:
    arabic, persian = gazetteer.CHECKED_NAMES[geonames_id]
    assert not set(arabic) & (PERSIAN_ONLY | KURDISH_OR_URDU | HARAKAT)
    assert not set(persian) & (ARABIC_ONLY | KURDISH_OR_URDU | HARAKAT)
    # No word cut to one letter, as "د مشق" was.
    assert all(len(word) > 1 for word in f"{arabic} {persian}".split())


def test_the_map_labels_mosul_and_not_the_district_beside_it() -> None:
    names = [place.name_en for place in gazetteer.labelled(Place.objects.all(), 300)]
    assert "Mosul" in names
    assert "Al Mawşil al Jadīdah" not in names


@pytest.mark.parametrize(("query", "english"), [("دمشق", "Damascus"), ("موصل", "Mosul")])
def test_the_location_picker_finds_a_main_place_by_its_name(query: str, english: str) -> None:
    found = gazetteer.search(Place.objects.all(), query)
    assert found[0].name_en == english


def test_a_label_without_a_name_in_the_language_is_marked_english() -> None:
    Place.objects.create(
        geonames_id=1, name_en="Desert Camp", country="IQ", lat=31.0, lon=40.0, population=10**8
    )
    with translation.override("ar"):
        labels = {label[0]: label[3] for label in views.labelled_places()}

    assert labels["Desert Camp"] == "en"
    assert labels["دمشق"] == "ar"
