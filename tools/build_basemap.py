"""Rebuild the full map's regional basemap (newsdesk/static/newsdesk/maps/basemap-region.json).

    .venv/bin/python tools/build_basemap.py

The map page draws the countries around the region it covers in Natural Earth's 1:50m
detail and the rest of the world in 1:110m. Both come from the vendored world-atlas
package (newsdesk/static/newsdesk/vendor/world-atlas, ISC; data public domain): this keeps
the 1:50m outlines of the countries in REGION, with only the arcs they use, in the same
TopoJSON form (same quantisation, same country ids). About 26 kB instead of the 1:50m world's
750 kB, so the page no longer parses and draws the whole world in detail before a reader
can use it (decision 0032).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

STATIC = Path(__file__).resolve().parent.parent / "newsdesk" / "static" / "newsdesk"
SOURCE = STATIC / "vendor" / "world-atlas" / "countries-50m.json"
OUTPUT = STATIC / "maps" / "basemap-region.json"
# The Levant, Iraq and their neighbours (world-atlas names): what the map page shows at its
# default view, and what a reader zooms into.
REGION = {
    "Syria", "Iraq", "Lebanon", "Jordan", "Israel", "Palestine", "Turkey", "Iran", "Kuwait",
    "Saudi Arabia", "Egypt", "Cyprus", "N. Cyprus", "Armenia", "Azerbaijan", "Georgia",
    "Bahrain", "Qatar", "United Arab Emirates",
}  # fmt: skip


def rings(geometry: dict[str, Any]) -> list[list[int]]:
    if geometry["type"] == "Polygon":
        return list(geometry["arcs"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def regional(topology: dict[str, Any]) -> dict[str, Any]:
    geometries = topology["objects"]["countries"]["geometries"]
    kept = [geometry for geometry in geometries if geometry["properties"]["name"] in REGION]
    missing = REGION - {geometry["properties"]["name"] for geometry in kept}
    if missing:
        raise SystemExit(f"Not in the atlas: {', '.join(sorted(missing))}")
    used = sorted({~i if i < 0 else i for g in kept for ring in rings(g) for i in ring})
    new_index = {old: new for new, old in enumerate(used)}

    def renumber(i: int) -> int:
        return ~new_index[~i] if i < 0 else new_index[i]

    for geometry in kept:
        if geometry["type"] == "Polygon":
            geometry["arcs"] = [[renumber(i) for i in ring] for ring in geometry["arcs"]]
        else:
            geometry["arcs"] = [
                [[renumber(i) for i in ring] for ring in polygon] for polygon in geometry["arcs"]
            ]
    return {
        "type": "Topology",
        "objects": {"countries": {"type": "GeometryCollection", "geometries": kept}},
        "arcs": [topology["arcs"][i] for i in used],
        "transform": topology["transform"],
    }


def main() -> None:
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    result = regional(topology)
    OUTPUT.write_text(json.dumps(result, separators=(",", ":")), encoding="utf-8")
    names = sorted(g["properties"]["name"] for g in result["objects"]["countries"]["geometries"])
    size = OUTPUT.stat().st_size
    print(f"{OUTPUT.name}: {len(names)} countries, {size} bytes: {', '.join(names)}")


if __name__ == "__main__":
    main()
