"""Reading GeoJSON we are given: every problem found, each said in words, nothing trusted.

Uploads come from editors' desktops and from other tools; a wrong file must be refused with
a message that says where it is wrong (feature, ring, point) before anything is saved.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from . import rings

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_FEATURES = 1000
MAX_POSITIONS = 250_000
MIN_RING_POSITIONS = 4  # a triangle, closed: the first point again at the end
AREA_GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
# Errors beyond this many are counted, not listed: a wrong file can have thousands.
MAX_REPORTED = 50


class GeoJSONError(ValueError):
    """The document is not acceptable; `problems` says every reason found."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Problems:
    found: list[str]

    def add(self, message: str) -> None:
        self.found.append(message)

    def __bool__(self) -> bool:
        return bool(self.found)

    def reported(self) -> list[str]:
        if len(self.found) <= MAX_REPORTED:
            return self.found
        more = len(self.found) - MAX_REPORTED
        return [*self.found[:MAX_REPORTED], _("… and %(count)d more problems.") % {"count": more}]


def parse(data: bytes, max_bytes: int = MAX_UPLOAD_BYTES) -> Any:
    """The JSON value in `data`, or GeoJSONError saying why it cannot be read."""
    if len(data) > max_bytes:
        raise GeoJSONError(
            [
                _("The file is %(size)s bytes; at most %(limit)s are accepted.")
                % {"size": f"{len(data):,}", "limit": f"{max_bytes:,}"}
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GeoJSONError([_("The file is not UTF-8 text.")]) from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (json.JSONDecodeError, ValueError) as error:
        line = getattr(error, "lineno", None)
        if line is None:
            raise GeoJSONError([_("The file is not valid JSON: %(e)s.") % {"e": error}]) from None
        raise GeoJSONError(
            [
                _("The file is not valid JSON (line %(line)s, column %(col)s): %(msg)s.")
                % {"line": line, "col": error.colno, "msg": error.msg}  # type: ignore[attr-defined]
            ]
        ) from None


def _reject_constant(name: str) -> None:
    raise ValueError(_("%(name)s is not a number JSON allows") % {"name": name})


def features(document: Any) -> list[dict[str, Any]]:
    """The features of a FeatureCollection (or of a single Feature), shape-checked."""
    if not isinstance(document, dict):
        raise GeoJSONError([_("Expected a GeoJSON object, found %(t)s.") % {"t": _kind(document)}])
    kind = document.get("type")
    if kind == "Feature":
        found: Any = [document]
    elif kind == "FeatureCollection":
        found = document.get("features")
        if not isinstance(found, list):
            raise GeoJSONError([_("The FeatureCollection has no list of features.")])
    else:
        raise GeoJSONError(
            [
                _('Expected "type": "FeatureCollection", found %(t)s.')
                % {"t": json.dumps(kind) if kind is not None else _("no type")}
            ]
        )
    if not found:
        raise GeoJSONError([_("The file contains no features.")])
    if len(found) > MAX_FEATURES:
        raise GeoJSONError(
            [
                _("The file has %(n)d features; at most %(max)d are accepted at once.")
                % {"n": len(found), "max": MAX_FEATURES}
            ]
        )
    problems = Problems([])
    for number, feature in enumerate(found, start=1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.add(_("Feature %(n)d: not a GeoJSON Feature.") % {"n": number})
        elif not isinstance(feature.get("properties") or {}, dict):
            problems.add(_("Feature %(n)d: properties must be an object.") % {"n": number})
    if problems:
        raise GeoJSONError(problems.reported())
    return found


def check_area_geometry(geometry: Any, where: str, problems: Problems) -> int:
    """Add what is wrong with a Polygon/MultiPolygon to `problems`; return its point count."""
    if not isinstance(geometry, dict):
        problems.add(_("%(where)s: the geometry is missing.") % {"where": where})
        return 0
    kind = geometry.get("type")
    if kind not in AREA_GEOMETRY_TYPES:
        problems.add(
            _("%(where)s: geometry type %(type)s is not allowed; use Polygon or MultiPolygon.")
            % {"where": where, "type": kind if isinstance(kind, str) else _("(none)")}
        )
        return 0
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        problems.add(_("%(where)s: the coordinates are missing.") % {"where": where})
        return 0
    count = 0
    for p_number, polygon in enumerate(polygons, start=1):
        here = (
            where
            if kind == "Polygon"
            else _("%(where)s, polygon %(n)d") % {"where": where, "n": p_number}
        )
        if not isinstance(polygon, list) or not polygon:
            problems.add(_("%(where)s: a polygon needs at least one ring.") % {"where": here})
            continue
        for r_number, ring in enumerate(polygon, start=1):
            ring_where = _("%(where)s, ring %(n)d") % {"where": here, "n": r_number}
            count += _check_ring(ring, ring_where, problems)
    return count


def _check_ring(ring: Any, where: str, problems: Problems) -> int:
    if not isinstance(ring, list):
        problems.add(_("%(where)s: a ring must be a list of points.") % {"where": where})
        return 0
    valid = True
    for number, position in enumerate(ring, start=1):
        message = position_problem(position)
        if message:
            valid = False
            problems.add(
                _("%(where)s, point %(n)d: %(problem)s")
                % {"where": where, "n": number, "problem": message}
            )
    if len(ring) < MIN_RING_POSITIONS:
        problems.add(
            _(
                "%(where)s: a ring needs at least %(min)d points, the first repeated last; "
                "it has %(n)d."
            )
            % {"where": where, "min": MIN_RING_POSITIONS, "n": len(ring)}
        )
    elif valid and list(ring[0][:2]) != list(ring[-1][:2]):
        problems.add(
            _("%(where)s: the ring is not closed (its last point must repeat its first).")
            % {"where": where}
        )
    elif valid:
        _check_crossing(ring, where, problems)
    return len(ring)


def _check_crossing(ring: list[Any], where: str, problems: Problems) -> None:
    crossing = rings.self_crossing(ring)
    if crossing is None:
        return
    problems.add(
        _(
            "%(where)s: the ring crosses itself: its line from point %(a)d to point %(a_next)d "
            "meets its line from point %(b)d to point %(b_next)d at longitude %(lon)s, "
            "latitude %(lat)s."
        )
        % {
            "where": where,
            "a": crossing.first_edge,
            "a_next": crossing.first_edge + 1,
            "b": crossing.second_edge,
            "b_next": crossing.second_edge + 1,
            "lon": _degrees(crossing.at[0]),
            "lat": _degrees(crossing.at[1]),
        }
    )


def _degrees(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def position_problem(position: Any) -> str:
    """Why `position` is not a [longitude, latitude] pair in range, or "" when it is."""
    if not isinstance(position, list) or len(position) < 2:
        return _("expected [longitude, latitude].")
    lon, lat = position[0], position[1]
    if not all(_is_number(v) for v in (lon, lat)):
        return _("coordinates must be numbers.")
    if not -180 <= lon <= 180:
        return _("longitude %(v)s is outside -180 to 180.") % {"v": lon}
    if not -90 <= lat <= 90:
        return _("latitude %(v)s is outside -90 to 90.") % {"v": lat}
    return ""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, str):
        return _("a string")
    return type(value).__name__


def dumps(value: Any) -> str:
    """Compact JSON, as stored and served."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
