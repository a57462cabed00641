"""The gazetteer we ship: populated places of Syria, Iraq and their neighbours.

Data: newsdesk/maps/data/places.csv, derived from GeoNames (CC BY 4.0, geonames.org) by
tools/build_gazetteer.py; see newsdesk/maps/data/README.md for the attribution.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

DATA_FILE = Path(__file__).resolve().parent / "data" / "places.csv"
FIELDS = ("name_en", "name_ar", "name_fa", "country", "lat", "lon", "population")
SEARCH_LIMIT = 20

# The region's main places, their Arabic and Persian names checked by hand: GeoNames does
# not say which language an alternate name is in, and the alphabet alone picked wrong ones
# (Damascus as "د مشق", Amman in a Kurdish spelling, Daraa by its ancient name). Applied
# over the chosen names by tools/build_gazetteer.py; geonames_id: (Arabic, Persian).
CHECKED_NAMES: dict[int, tuple[str, str]] = {
    98182: ("بغداد", "بغداد"),  # Baghdad
    170063: ("حلب", "حلب"),  # Aleppo
    99071: ("الموصل الجديدة", "موصل جدید"),  # New Mosul, a district of Mosul
    388349: ("البصرة القديمة", "بصره قدیم"),  # Old Basra
    276781: ("بيروت", "بیروت"),  # Beirut
    99072: ("الموصل", "موصل"),  # Mosul
    95446: ("أربيل", "اربیل"),  # Erbil
    170654: ("دمشق", "دمشق"),  # Damascus
    99532: ("البصرة", "بصره"),  # Basra
    250441: ("عمّان", "عمان"),  # Amman
    94824: ("كربلاء", "کربلا"),  # Karbala
    7802746: ("مدينة الصدر", "شهرک صدر"),  # Sadr City
    94787: ("كركوك", "کرکوک"),  # Kirkuk
    98463: ("السليمانية", "سلیمانیه"),  # Sulaymaniyah
    250090: ("الزرقاء", "زرقا"),  # Zarqa
    169577: ("حمص", "حمص"),  # Homs
    173576: ("اللاذقية", "لاذقیه"),  # Latakia
    248946: ("إربد", "اربد"),  # Irbid
    98854: ("الناصرية", "ناصریه"),  # Nasiriyah
    172955: ("الرقة", "رقه"),  # Raqqa
    98860: ("النجف", "نجف"),  # Najaf
    170017: ("حماة", "حماه"),  # Hama
    163345: ("طرطوس", "طرطوس"),  # Tartus
    99347: ("الحلة", "حله"),  # Hillah
    173811: ("الحسكة", "حسکه"),  # Hasakah
    96994: ("دهوك", "دهوک"),  # Duhok
    99608: ("العمارة", "عماره"),  # Amarah
    99762: ("الديوانية", "دیوانیه"),  # Diwaniyah
    99131: ("الكوت", "کوت"),  # Kut
    170794: ("دير الزور", "دیرالزور"),  # Deir ez-Zor
    266826: ("طرابلس", "طرابلس"),  # Tripoli
    98717: ("الرمادي", "رمادی"),  # Ramadi
    99454: ("الفلوجة", "فلوجه"),  # Fallujah
    173377: ("القامشلي", "قامشلی"),  # Qamishli
    169389: ("إدلب", "ادلب"),  # Idlib
    170905: ("درعا", "درعا"),  # Daraa
    172256: ("عين العرب", "کوبانی"),  # Kobani
    268064: ("صيدا", "صیدا"),  # Sidon
    267008: ("صور", "صور"),  # Tyre
    163808: ("تدمر", "تدمر"),  # Palmyra
    167357: ("منبج", "منبج"),  # Manbij
    91597: ("سامراء", "سامرا"),  # Samarra
    97990: ("بعقوبة", "بعقوبه"),  # Baqubah
    90393: ("تلعفر", "تلعفر"),  # Tal Afar
    128226: ("كرمنشاه", "کرمانشاه"),  # Kermanshah
    144448: ("الأهواز", "اهواز"),  # Ahvaz
    314830: ("غازي عنتاب", "غازی‌عنتاب"),  # Gaziantep
    285787: ("مدينة الكويت", "کویت"),  # Kuwait City
}


def checked(row: dict[str, Any]) -> dict[str, Any]:
    """The row with the checked names of a main place, as it was otherwise."""
    names = CHECKED_NAMES.get(int(row["geonames_id"]))
    if names is None:
        return row
    return {**row, "name_ar": names[0], "name_fa": names[1]}


def rows(path: Path = DATA_FILE) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield checked(
                {
                    "geonames_id": int(row["geonames_id"]),
                    "name_en": row["name_en"],
                    "name_ar": row["name_ar"],
                    "name_fa": row["name_fa"],
                    "country": row["country"],
                    "lat": float(row["lat"]),
                    "lon": float(row["lon"]),
                    "population": int(row["population"]),
                }
            )


def load(place_model: Any, path: Path = DATA_FILE) -> int:
    """Insert or update every place of the file; works with a migration's historical model."""
    places = [place_model(**row) for row in rows(path)]
    place_model.objects.bulk_create(
        places,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["geonames_id"],
        update_fields=list(FIELDS),
    )
    return len(places)


def search(places: QuerySet[Any], query: str, limit: int = SEARCH_LIMIT) -> QuerySet[Any]:
    """Places whose name in English, Arabic or Persian contains `query`, biggest first."""
    query = query.strip()
    if not query:
        return places.none()
    # Arabic and Persian spell some letters differently (ي/ی, ك/ک): either keyboard finds both.
    in_arabic = query.replace("ی", "ي").replace("ک", "ك")
    in_persian = query.replace("ي", "ی").replace("ك", "ک")
    match = (
        Q(name_en__icontains=query)
        | Q(name_ar__contains=in_arabic)
        | Q(name_fa__contains=in_persian)
        | Q(name_ar__contains=query)
        | Q(name_fa__contains=query)
    )
    # A place named exactly so comes first: Mosul before New Mosul, which is bigger.
    exact = (
        Q(name_en__iexact=query)
        | Q(name_ar__in=[query, in_arabic])
        | Q(name_fa__in=[query, in_persian])
    )
    ranked = places.filter(match).annotate(
        exact=Case(When(exact, then=Value(0)), default=Value(1), output_field=IntegerField())
    )
    return ranked.order_by("exact", "-population", "name_en")[:limit]


# Parts of a city that GeoNames counts as bigger than the city itself.
DISTRICTS = {99071, 388349, 7802746, 268743}

# Places closer than this (in degrees, about 10 km) to a place already labelled are parts
# of it (New Mosul, Old Basra): labelling them too would hide the city's own name.
LABEL_GAP = 0.09


def main_cities() -> set[int]:
    """GeoNames ids of the region's main cities (their names checked by hand)."""
    return set(CHECKED_NAMES) - DISTRICTS


def labelled(places: QuerySet[Any], count: int) -> list[Any]:
    """The places a map labels: the checked main places first, then the biggest others,
    leaving out those that lie within LABEL_GAP of one already labelled."""
    cities = main_cities()
    main_first = Case(
        When(geonames_id__in=cities, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    candidates = places.order_by(main_first, "-population", "name_en")[: count * 2]
    chosen: list[Any] = []
    for place in candidates:
        if len(chosen) == count:
            break
        if all(
            abs(place.lat - other.lat) > LABEL_GAP or abs(place.lon - other.lon) > LABEL_GAP
            for other in chosen
        ):
            chosen.append(place)
    return chosen
