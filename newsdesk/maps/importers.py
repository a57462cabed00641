"""Events and areas from files: parse, check every row, and say per row what is wrong.

Nothing here writes: `services.import_events` / `services.import_areas` save the rows once
all of them are valid, in one transaction.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from wagtail.models import Locale

from newsdesk.articles.models import ArticlePage
from newsdesk.topics.models import TopicPage

from . import geojson
from .models import ControlArea, Event, EventCategory
from .validation import validate_color

MAX_ROWS = 10_000
# The columns of the import/export format, in this order (CSV) or as properties (GeoJSON).
COLUMNS = (
    "id",
    "title",
    "description",
    "occurred_at",
    "precision",
    "latitude",
    "longitude",
    "place_name",
    "country",
    "category",
    "locale",
    "status",
    "sources",
    "articles",
    "topics",
)
REQUIRED_COLUMNS = ("title", "occurred_at", "latitude", "longitude", "category")
SOURCE_SEPARATOR = ";"
LABEL_SEPARATOR = "|"


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)d, %(field)s: %(message)s") % {
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class PendingEvent:
    """A checked row, ready to save: the event and its child rows."""

    row: int
    event: Event
    sources: list[tuple[str, str]] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    topic_ids: list[int] = field(default_factory=list)


@dataclass
class Checked:
    rows: list[PendingEvent]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors


class FileError(ValueError):
    """The file as a whole cannot be read (not a per-row problem)."""


# Reading files ------------------------------------------------------------------------


def read_csv(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """(row number as a spreadsheet shows it, values) for every data row."""
    _check_size(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileError(_("The file is not UTF-8 text.")) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise FileError(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    reader.fieldnames = header
    rows = []
    try:
        for values in reader:
            # The header is row 1, so data rows are numbered from 2, as in a spreadsheet.
            rows.append((reader.line_num, {k: v for k, v in values.items() if k is not None}))
            if len(rows) > MAX_ROWS:
                raise FileError(_("At most %(max)d rows are accepted.") % {"max": MAX_ROWS})
    except csv.Error as error:
        raise FileError(_("The CSV cannot be read: %(e)s.") % {"e": error}) from None
    if not rows:
        raise FileError(_("The file has no rows."))
    return rows


def read_geojson(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """(feature number, values) for every Point feature; other geometries are row errors."""
    try:
        found = geojson.features(geojson.parse(data, max_bytes=geojson.MAX_UPLOAD_BYTES))
    except geojson.GeoJSONError as error:
        raise FileError(" ".join(error.problems)) from None
    rows = []
    for number, feature in enumerate(found, start=1):
        values = dict(feature.get("properties") or {})
        geometry = feature.get("geometry")
        if isinstance(geometry, dict) and geometry.get("type") == "Point":
            position: Any = geometry.get("coordinates")
            problem = geojson.position_problem(position)
            if problem:
                values["_geometry_error"] = problem
            else:
                values["longitude"], values["latitude"] = position[0], position[1]
        else:
            values["_geometry_error"] = _("an event's geometry must be a Point.")
        rows.append((number, values))
    return rows


def _check_size(data: bytes) -> None:
    if len(data) > geojson.MAX_UPLOAD_BYTES:
        raise FileError(
            _("The file is %(size)s bytes; at most %(limit)s are accepted.")
            % {"size": f"{len(data):,}", "limit": f"{geojson.MAX_UPLOAD_BYTES:,}"}
        )


# Checking rows --------------------------------------------------------------------------


class _Lookups:
    """Everything rows refer to, fetched once for the whole file."""

    def __init__(self, rows: list[tuple[int, dict[str, Any]]]) -> None:
        self.categories = {c.slug: c for c in EventCategory.objects.all()}
        self.locales = {loc.language_code: loc for loc in Locale.objects.all()}
        self.default_locale = Locale.get_default()
        wanted_articles: set[int] = set()
        wanted_topics: set[int] = set()
        for _number, values in rows:
            wanted_articles.update(_ids(values.get("articles"))[0])
            wanted_topics.update(_ids(values.get("topics"))[0])
        self.article_ids = set(
            ArticlePage.objects.filter(pk__in=wanted_articles).values_list("pk", flat=True)
        )
        self.topic_ids = set(
            TopicPage.objects.filter(pk__in=wanted_topics).values_list("pk", flat=True)
        )


def check_events(rows: list[tuple[int, dict[str, Any]]], *, may_verify: bool) -> Checked:
    lookups = _Lookups(rows)
    checked = Checked(rows=[], errors=[])
    for number, values in rows:
        errors: list[RowError] = []
        pending = _check_row(number, values, lookups, may_verify, errors)
        if errors:
            checked.errors.extend(errors)
        elif pending is not None:
            checked.rows.append(pending)
    return checked


def _check_row(
    number: int,
    values: dict[str, Any],
    lookups: _Lookups,
    may_verify: bool,
    errors: list[RowError],
) -> PendingEvent | None:
    def error(name: str, message: str) -> None:
        errors.append(RowError(number, name, str(message)))

    if values.get("_geometry_error"):
        error("geometry", values["_geometry_error"])
    event = Event(
        title=_text(values.get("title")),
        description=_text(values.get("description")),
        place_name=_text(values.get("place_name")),
        country=_text(values.get("country")),
        precision=_text(values.get("precision")) or Event.Precision.EXACT,
        status=_text(values.get("status")) or Event.Status.REPORTED,
    )
    event.occurred_at = _moment(values.get("occurred_at"), error)
    if not values.get("_geometry_error"):  # else the geometry's problem says it all
        for name in ("latitude", "longitude"):
            setattr(event, name, _number(values.get(name), name, error))
    category = lookups.categories.get(_text(values.get("category")))
    if category is None:
        error("category", _("unknown category %(v)r.") % {"v": _text(values.get("category"))})
    else:
        event.category = category
    language = _text(values.get("locale"))
    locale = lookups.locales.get(language) if language else lookups.default_locale
    if locale is None:
        error("locale", _("unknown language %(v)r.") % {"v": language})
    else:
        event.locale = locale
    if event.status == Event.Status.VERIFIED and not may_verify:
        error("status", _("you may not verify events; import them as reported."))
    excluded = ["category", "locale", "verified_by"]
    excluded += [n for n in ("occurred_at", "latitude", "longitude") if getattr(event, n) is None]
    try:
        event.full_clean(exclude=excluded, validate_unique=False)
    except ValidationError as invalid:
        for name, messages in invalid.message_dict.items():
            for message in dict.fromkeys(messages):
                error(name, message)
    sources = _sources(values.get("sources"), error)
    article_ids, bad_articles = _ids(values.get("articles"))
    topic_ids, bad_topics = _ids(values.get("topics"))
    for name, wanted, bad, known in (
        ("articles", article_ids, bad_articles, lookups.article_ids),
        ("topics", topic_ids, bad_topics, lookups.topic_ids),
    ):
        unknown = [str(pk) for pk in wanted if pk not in known] + bad
        if unknown:
            error(name, _("unknown page ids: %(ids)s.") % {"ids": ", ".join(unknown)})
    if errors:
        return None
    return PendingEvent(number, event, sources, article_ids, topic_ids)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _number(value: Any, name: str, error: Any) -> float | None:
    text = _text(value)
    if not text:
        error(name, _("this field is required."))
        return None
    try:
        return float(text)
    except ValueError:
        error(name, _("%(v)r is not a number.") % {"v": text})
        return None


def _moment(value: Any, error: Any) -> datetime | None:
    text = _text(value)
    if not text:
        error("occurred_at", _("this field is required."))
        return None
    parsed = parse_moment(text)
    if parsed is None:
        error("occurred_at", _("%(v)r is not an ISO 8601 date or date and time.") % {"v": text})
    return parsed


def parse_moment(text: str) -> datetime | None:
    """An ISO 8601 date or date-time; naive values are UTC, dates mean midnight UTC."""
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            if day is None:
                return None
            moment = datetime.combine(day, time.min)
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment


def _ids(value: Any) -> tuple[list[int], list[str]]:
    """Page ids from "12 34" / "12,34" / [12, 34]; the second list holds what is not an id."""
    items = value if isinstance(value, list) else _text(value).replace(",", " ").split()
    ids, bad = [], []
    for item in items:
        text = _text(item)
        if text.isdigit():
            ids.append(int(text))
        elif text:
            bad.append(text)
    return list(dict.fromkeys(ids)), bad


def _sources(value: Any, error: Any) -> list[tuple[str, str]]:
    """(url, label) pairs from "label|url; url" or a list of {"url", "label"} objects."""
    pairs: list[tuple[str, str]] = []
    if isinstance(value, list):
        for item in value:
            item = item if isinstance(item, dict) else {"url": item}
            pairs.append((_text(item.get("url")), _text(item.get("label"))))
    else:
        for part in _text(value).split(SOURCE_SEPARATOR):
            if part.strip():
                label, _sep, url = part.rpartition(LABEL_SEPARATOR)
                pairs.append((url.strip(), label.strip()))
    check = URLValidator(schemes=["http", "https"])
    for url, _label in pairs:
        try:
            check(url)
        except ValidationError:
            error("sources", _("%(v)r is not an http(s) address.") % {"v": url})
    return pairs


# Areas of control ---------------------------------------------------------------------


@dataclass
class AreaDefaults:
    """Values for features whose properties do not say them."""

    party: str = ""
    party_ar: str = ""
    party_fa: str = ""
    color: str = ""
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    source_note: str = ""


def check_areas(data: bytes, defaults: AreaDefaults) -> list[ControlArea]:
    """Unsaved areas for every feature, or GeoJSONError listing every problem of the file."""
    found = geojson.features(geojson.parse(data))
    problems = geojson.Problems([])
    areas = []
    positions = 0
    for number, feature in enumerate(found, start=1):
        where = _("Feature %(n)d") % {"n": number}
        positions += geojson.check_area_geometry(feature.get("geometry"), where, problems)
        area = _area(feature.get("properties") or {}, defaults, where, problems)
        if area is not None:
            area.geometry = geojson.dumps(feature.get("geometry"))
            areas.append(area)
    if positions > geojson.MAX_POSITIONS:
        problems.add(
            _("The file has %(n)s points; at most %(max)s are accepted.")
            % {"n": f"{positions:,}", "max": f"{geojson.MAX_POSITIONS:,}"}
        )
    if problems:
        raise geojson.GeoJSONError(problems.reported())
    return areas


def _area(
    properties: dict[str, Any], defaults: AreaDefaults, where: str, problems: geojson.Problems
) -> ControlArea | None:
    before = len(problems.found)
    party = _text(properties.get("party")) or defaults.party
    color = _text(properties.get("color")) or defaults.color
    moments: dict[str, datetime | None] = {}
    for name in ("valid_from", "valid_until"):
        text = _text(properties.get(name))
        moments[name] = parse_moment(text) if text else getattr(defaults, name)
        if text and moments[name] is None:
            problems.add(
                _("%(where)s: %(field)s %(v)r is not an ISO 8601 date or date and time.")
                % {"where": where, "field": name, "v": text}
            )
    if not party:
        problems.add(_('%(where)s: no party (property "party" or the form).') % {"where": where})
    try:
        validate_color(color)
    except ValidationError:
        problems.add(_("%(where)s: colour %(v)r is not #rrggbb.") % {"where": where, "v": color})
    if moments["valid_from"] is None and not _text(properties.get("valid_from")):
        problems.add(_("%(where)s: no valid_from date.") % {"where": where})
    start, end = moments["valid_from"], moments["valid_until"]
    if start and end and end <= start:
        problems.add(_("%(where)s: valid_until must come after valid_from.") % {"where": where})
    if len(problems.found) > before or start is None:
        return None
    return ControlArea(
        party=party[:120],
        party_ar=(_text(properties.get("party_ar")) or defaults.party_ar)[:120],
        party_fa=(_text(properties.get("party_fa")) or defaults.party_fa)[:120],
        color=color,
        valid_from=start,
        valid_until=end,
        source_note=(_text(properties.get("source")) or defaults.source_note)[:300],
    )


# Writing files --------------------------------------------------------------------------


def event_values(event: Event) -> dict[str, Any]:
    """An event in the import/export format (needs sources, article_links, topic_links)."""
    return {
        "id": event.pk,
        "title": event.title,
        "description": event.description,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "precision": event.precision,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "place_name": event.place_name,
        "country": event.country,
        "category": event.category.slug,
        "locale": event.locale.language_code,
        "status": event.status,
        "sources": [{"url": s.url, "label": s.label} for s in event.sources.all()],
        "articles": [link.article_id for link in event.article_links.all()],
        "topics": [link.topic_id for link in event.topic_links.all()],
    }


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is prefixed so that it stays text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_row(values: dict[str, Any]) -> list[Any]:
    flat = dict(values)
    flat["sources"] = f"{SOURCE_SEPARATOR} ".join(
        f"{s['label']}{LABEL_SEPARATOR}{s['url']}" if s["label"] else s["url"]
        for s in values["sources"]
    )
    flat["articles"] = " ".join(str(pk) for pk in values["articles"])
    flat["topics"] = " ".join(str(pk) for pk in values["topics"])
    return [safe_cell(flat[name]) for name in COLUMNS]


def feature(values: dict[str, Any]) -> dict[str, Any]:
    properties = {k: v for k, v in values.items() if k not in ("id", "latitude", "longitude")}
    return {
        "type": "Feature",
        "id": values["id"],
        "geometry": {"type": "Point", "coordinates": [values["longitude"], values["latitude"]]},
        "properties": properties,
    }


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
