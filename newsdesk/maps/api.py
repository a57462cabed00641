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
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.http import quote_etag
from django.views.decorators.http import require_safe
from wagtail.models import Page

from newsdesk.core import fragments, params
from newsdesk.lib import parse

from . import selectors
from .importers import safe_cell
from .models import EVENTS_TAG, LANGUAGE_CODES, ControlArea
from .selectors import BBox, EventFilter

T = TypeVar("T")

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


class _Reader:
    """Reads each parameter with its parser (newsdesk.lib.parse), noting every wrong one."""

    def __init__(self, params: Any) -> None:
        self.params = params
        self.problems: list[dict[str, str]] = []

    def __call__(self, name: str, parser: Callable[[str], T], default: T) -> T:
        text = self.params.get(name, "")
        if text == "":
            return default
        try:
            return parser(text)
        except parse.Invalid as error:
            self.invalid(name, str(error))
            return default

    def invalid(self, name: str, reason: str) -> None:
        self.problems.append({"name": name, "reason": reason})


def parse_filter(params: Any) -> EventFilter:
    """An EventFilter from query parameters, or InvalidParams listing every wrong one."""
    read = _Reader(params)
    since = read("since", parse.moment, None)
    until = read("until", parse.moment, None)
    # A date alone includes that whole day.
    until_exclusive = until is not None and len(params.get("until", "")) == 10
    if until is not None and until_exclusive:
        until += timedelta(days=1)
    if since and until and since >= until:
        read.invalid("until", "must be later than since")
    no_slugs: tuple[str, ...] = ()
    slugs = read("category", lambda text: parse.slugs(text, most=MAX_CATEGORIES), no_slugs)
    if slugs:
        unknown = selectors.unknown_categories(slugs)
        if unknown:
            read.invalid("category", "unknown category: " + ", ".join(unknown))
    box = read("bbox", parse.bbox, None)
    lang = read("lang", lambda text: parse.choice(text, LANGUAGE_CODES), "")
    limit = read("limit", _limit, selectors.DEFAULT_LIMIT)
    after = read("cursor", _cursor, None)
    topic = read("topic", lambda text: parse.slug(text.strip()), "")
    if topic and not selectors.is_public_topic(topic):
        # An empty list would read as "no events on this topic" for a mistyped slug.
        read.invalid("topic", f"unknown topic: {topic}")
    if read.problems:
        raise InvalidParams(read.problems)
    bbox = BBox(*box) if box else None
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


def _limit(text: str) -> int:
    return parse.integer(text, low=1, high=selectors.MAX_LIMIT)


def make_cursor(occurred_at: datetime, pk: int) -> str:
    raw = f"{occurred_at.astimezone(UTC).isoformat()}|{pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _cursor(text: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(parse.cursor(text) + "=" * (-len(text) % 4)).decode()
        moment_text, pk_text = raw.split("|")
        # Only what make_cursor() writes: a UTC date-time with its offset, and an id.
        if not moment_text.endswith("+00:00"):
            raise ValueError(raw)
        return parse.moment(moment_text), parse.integer(pk_text, low=1, high=params.MAX_ID)
    except (ValueError, binascii.Error) as error:
        raise parse.Invalid("not a cursor this API gave out") from error


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
    read = _Reader(request.GET)
    at = read("at", parse.moment, timezone.now())
    lang = read("lang", lambda text: parse.choice(text, LANGUAGE_CODES), "en")
    if read.problems:
        raise InvalidParams(read.problems)
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
