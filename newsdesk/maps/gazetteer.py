"""The gazetteer we ship: populated places of Syria, Iraq and their neighbours.

Data: newsdesk/maps/data/places.csv, derived from GeoNames (CC BY 4.0, geonames.org) by
tools/build_gazetteer.py; see newsdesk/maps/data/README.md for the attribution.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db.models import Q, QuerySet

DATA_FILE = Path(__file__).resolve().parent / "data" / "places.csv"
FIELDS = ("name_en", "name_ar", "name_fa", "country", "lat", "lon", "population")
SEARCH_LIMIT = 20


def rows(path: Path = DATA_FILE) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {
                "geonames_id": int(row["geonames_id"]),
                "name_en": row["name_en"],
                "name_ar": row["name_ar"],
                "name_fa": row["name_fa"],
                "country": row["country"],
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
                "population": int(row["population"]),
            }


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
    return places.filter(match).order_by("-population", "name_en")[:limit]
