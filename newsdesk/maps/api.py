"""The public map API: verified events as GeoJSON or CSV, areas of control, their timeline.

Every parameter is checked; a wrong one is a 400 problem+json naming it and saying why.
Responses carry an ETag made from the version of the `map:events` tag and the request, so
a client asking again while nothing changed gets a 304 without a database query.
"""

from __future__ import annotations

import base64
import binascii
import csv
import hashlib
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.http import quote_etag
from django.views.decorators.http import require_safe
from wagtail.models import Page

from newsdesk.core import fragments

from . import selectors
from .importers import parse_moment, safe_cell
from .models import EVENTS_TAG, LANGUAGE_CODES, ControlArea
from .selectors import BBox, EventFilter

MAX_AGE = 60
MAX_CATEGORIES = 20
CSV_COLUMNS = (
    "id",
    "occurred_at",
    "precision",
    "title",
    "description",
    "latitude",
    "longitude",
    "place",
    "country",
    "category",
    "sources",
    "articles",
)


class InvalidParams(ValueError):
    def __init__(self, problems: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{p['name']}: {p['reason']}" for p in problems))
        self.problems = problems


# Views ---------------------------------------------------------------------------------


@require_safe
def events(request: HttpRequest) -> HttpResponse:
    return _conditional(request, "events", lambda: _events_geojson(request))


@require_safe
def events_csv(request: HttpRequest) -> HttpResponse:
    return _conditional(request, "events.csv", lambda: _events_csv(request))


@require_safe
def areas(request: HttpRequest) -> HttpResponse:
    return _conditional(request, "areas", lambda: _areas(request))


@require_safe
def timeline(request: HttpRequest) -> HttpResponse:
    return _conditional(request, "timeline", _timeline)


# Parameters ----------------------------------------------------------------------------


def parse_filter(params: Any) -> EventFilter:
    """An EventFilter from query parameters, or InvalidParams listing every wrong one."""
    problems: list[dict[str, str]] = []

    def invalid(name: str, reason: str) -> None:
        problems.append({"name": name, "reason": reason})

    since = until = None
    until_exclusive = False
    if params.get("since"):
        since = parse_moment(params["since"])
        if since is None:
            invalid("since", "expected an ISO 8601 date or date-time")
    if params.get("until"):
        text = params["until"]
        until = parse_moment(text)
        if until is None:
            invalid("until", "expected an ISO 8601 date or date-time")
        elif len(text) == 10:
            until, until_exclusive = until + timedelta(days=1), True
    if since and until and since >= until:
        invalid("until", "must be later than since")
    slugs = tuple(dict.fromkeys(s.strip() for s in params.get("category", "").split(",") if s))
    if len(slugs) > MAX_CATEGORIES:
        invalid("category", f"at most {MAX_CATEGORIES} categories")
    elif slugs:
        unknown = selectors.unknown_categories(slugs)
        if unknown:
            invalid("category", "unknown category: " + ", ".join(unknown))
    bbox = _bbox(params.get("bbox"), invalid)
    lang = params.get("lang", "")
    if lang and lang not in LANGUAGE_CODES:
        invalid("lang", "expected one of " + ", ".join(LANGUAGE_CODES))
    limit = _limit(params.get("limit"), invalid)
    after = _cursor(params.get("cursor"), invalid)
    topic = params.get("topic", "").strip()
    if len(topic) > 255:
        invalid("topic", "too long")
    elif topic and not selectors.is_public_topic(topic):
        # An empty list would read as "no events on this topic" for a mistyped slug.
        invalid("topic", f"unknown topic: {topic}")
    if problems:
        raise InvalidParams(problems)
    return EventFilter(
        since=since,
        until=until,
        until_exclusive=until_exclusive,
        categories=slugs,
        bbox=bbox,
        topic=topic,
        lang=lang,
        limit=limit,
        after=after,
    )


def _bbox(text: str | None, invalid: Callable[[str, str], None]) -> BBox | None:
    if not text:
        return None
    parts = text.split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        invalid("bbox", "expected four numbers: west,south,east,north")
        return None
    if not all(-180 <= v <= 180 for v in (west, east)):
        invalid("bbox", "longitudes must be between -180 and 180")
    elif not all(-90 <= v <= 90 for v in (south, north)):
        invalid("bbox", "latitudes must be between -90 and 90")
    elif south > north:
        invalid("bbox", "south must not be greater than north")
    else:
        return BBox(west, south, east, north)
    return None


def _limit(text: str | None, invalid: Callable[[str, str], None]) -> int:
    if text is None or text == "":
        return selectors.DEFAULT_LIMIT
    if not text.isdigit() or not 1 <= int(text) <= selectors.MAX_LIMIT:
        invalid("limit", f"expected a whole number from 1 to {selectors.MAX_LIMIT}")
        return selectors.DEFAULT_LIMIT
    return int(text)


def make_cursor(occurred_at: datetime, pk: int) -> str:
    raw = f"{occurred_at.astimezone(UTC).isoformat()}|{pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _cursor(text: str | None, invalid: Callable[[str, str], None]) -> tuple[datetime, int] | None:
    if not text:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
        moment_text, pk_text = raw.split("|")
        moment = datetime.fromisoformat(moment_text)
        if moment.tzinfo is None or not pk_text.isdigit():
            raise ValueError(raw)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        invalid("cursor", "not a cursor this API gave out")
        return None
    return moment, int(pk_text)


# Bodies --------------------------------------------------------------------------------


def _events_geojson(request: HttpRequest) -> HttpResponse:
    f = parse_filter(request.GET)
    rows = selectors.public_event_rows(f)
    urls = _ArticleUrls(request)
    categories: dict[int, dict[str, str]] = {}
    features = [_feature(row, urls, categories, f.lang or None) for row in rows]
    next_url = None
    if len(rows) == f.limit:
        params = request.GET.copy()
        params["cursor"] = make_cursor(rows[-1].values["occurred_at"], rows[-1].values["id"])
        next_url = request.build_absolute_uri(f"{request.path}?{urlencode(sorted(params.items()))}")
    body = {"type": "FeatureCollection", "features": features, "next": next_url}
    return _json(body, content_type="application/geo+json")


class _ArticleUrls:
    """Each linked article's address, worked out once per request."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.known: dict[int, str] = {}

    def __call__(self, page: Page) -> str:
        if page.pk not in self.known:
            self.known[page.pk] = page.get_full_url(self.request) or ""
        return self.known[page.pk]


def _feature(
    row: selectors.EventRow,
    urls: _ArticleUrls,
    categories: dict[int, dict[str, str]],
    lang: str | None,
) -> dict[str, Any]:
    v, category = row.values, row.category
    if category.pk not in categories:
        categories[category.pk] = {
            "slug": category.slug,
            "name": category.name(lang),
            "color": category.color,
            "icon": category.icon,
        }
    return {
        "type": "Feature",
        "id": v["id"],
        "geometry": {"type": "Point", "coordinates": [v["longitude"], v["latitude"]]},
        "properties": {
            "title": v["title"],
            "description": v["description"],
            "occurred_at": _iso(v["occurred_at"]),
            "precision": v["precision"],
            "place": v["place_name"],
            "country": v["country"],
            "category": categories[category.pk],
            "articles": [{"title": page.title, "url": urls(page)} for page in row.articles],
            "sources": [{"label": label, "url": url} for label, url in row.sources],
        },
    }


def _events_csv(request: HttpRequest) -> HttpResponse:
    f = parse_filter(request.GET)
    urls = _ArticleUrls(request)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in selectors.public_event_rows(f):
        v = row.values
        cells = [
            v["id"],
            _iso(v["occurred_at"]),
            v["precision"],
            v["title"],
            v["description"],
            v["latitude"],
            v["longitude"],
            v["place_name"],
            v["country"],
            row.category.slug,
            " ".join(url for _label, url in row.sources),
            " ".join(urls(page) for page in row.articles),
        ]
        writer.writerow([safe_cell(value) for value in cells])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="map-events.csv"'
    return response


def _areas(request: HttpRequest) -> HttpResponse:
    at = timezone.now()
    problems: list[dict[str, str]] = []
    if request.GET.get("at"):
        parsed = parse_moment(request.GET["at"])
        if parsed is None:
            problems.append({"name": "at", "reason": "expected an ISO 8601 date-time"})
        else:
            at = parsed
    lang = request.GET.get("lang", "en")
    if lang not in LANGUAGE_CODES:
        problems.append({"name": "lang", "reason": "expected one of " + ", ".join(LANGUAGE_CODES)})
    if problems:
        raise InvalidParams(problems)
    body = {
        "type": "FeatureCollection",
        "at": _iso(at),
        "features": [_area_feature(area, lang) for area in selectors.areas_at(at)],
    }
    return _json(body, content_type="application/geo+json")


def _area_feature(area: ControlArea, lang: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": area.pk,
        "geometry": json.loads(area.geometry),
        "properties": {
            "party": area.party_name(lang),
            "color": area.color,
            "valid_from": _iso(area.valid_from),
            "valid_until": _iso(area.valid_until) if area.valid_until else None,
            "source": area.source_note,
        },
    }


def _timeline() -> HttpResponse:
    return _json({"changes": [_iso(moment) for moment in selectors.area_change_dates()]})


# HTTP ----------------------------------------------------------------------------------


def _conditional(
    request: HttpRequest, name: str, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """Answer 304 when the client has what we would send; otherwise render, with an ETag.

    The ETag depends only on the events' tag version and the request, so checking it costs
    one cache read. Requests without `at`/`since` that depend on the time (areas now) also
    depend on the current minute."""
    version = fragments.current_versions([EVENTS_TAG])[EVENTS_TAG]
    minute = timezone.now().strftime("%Y%m%d%H%M") if name == "areas" else ""
    seed = f"{name}|{version}|{minute}|{sorted(request.GET.lists())}"
    etag = quote_etag(hashlib.sha256(seed.encode()).hexdigest()[:32])
    if etag in _if_none_match(request):
        response = HttpResponse(status=304)
    else:
        try:
            response = render()
        except InvalidParams as error:
            return _problem(error.problems)
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _if_none_match(request: HttpRequest) -> set[str]:
    header = request.headers.get("If-None-Match", "")
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}


def _problem(problems: list[dict[str, str]]) -> JsonResponse:
    body = {
        "type": "about:blank",
        "title": "Invalid parameter",
        "status": 400,
        "detail": "; ".join(f"{p['name']}: {p['reason']}" for p in problems),
        "invalid_params": problems,
    }
    response = JsonResponse(body, status=400, content_type="application/problem+json")
    response["Cache-Control"] = "no-store"
    return response


def _json(body: Any, content_type: str = "application/json") -> HttpResponse:
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(data, content_type=f"{content_type}; charset=utf-8")


def _iso(moment: datetime) -> str:
    if moment.utcoffset():
        moment = moment.astimezone(UTC)
    return moment.isoformat().replace("+00:00", "Z")
