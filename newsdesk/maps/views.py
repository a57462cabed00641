"""The reader's side of the map: filters, the list of events and what the map script needs.

The map page works without JavaScript: the server lists the events that match a plain GET
form (period, date range, categories), newest first, a page at a time. map.js then draws
the same events on a map from the events API, reading its settings from a JSON block that
`map_config()` builds (never from inline script).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any

from django import forms
from django.core.paginator import EmptyPage, Paginator
from django.core.paginator import Page as PaginatorPage
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage
from newsdesk.core import fragments, params, sites, visibility
from newsdesk.core.templatetags.static_urls import url_for
from newsdesk.lib import localformat

from . import gazetteer
from .models import EVENTS_TAG, MAP_PAGE_TAG, Event, EventCategory, MapPage, Place
from .query import DEFAULT_PERIOD, PERIODS, QUERY
from .validation import ICON_NAMES

# The public API (see the map contract); the script asks it for events and areas.
EVENTS_API = "/api/v1/map/events"
AREAS_API = "/api/v1/map/areas"
TIMELINE_API = "/api/v1/map/areas/timeline"

LIST_PAGE_SIZE = 30
# Place names drawn on the basemap: the most populous first, as zoom allows.
LABELLED_PLACES = 300
# Syria and Iraq (ISO 3166 numeric, as world-atlas names countries) are drawn brighter.
FOCUS_COUNTRIES = ["760", "368"]


class EventFilterForm(forms.Form):
    period = forms.ChoiceField(
        label=_("When"),
        choices=[
            ("24h", _("Last 24 hours")),
            ("7d", _("Last 7 days")),
            ("30d", _("Last 30 days")),
            ("custom", _("Dates")),
        ],
        widget=forms.RadioSelect,
    )
    since = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[params.within_years],
    )
    until = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[params.within_years],
    )
    category = forms.MultipleChoiceField(
        label=_("Categories"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, query: QueryDict, categories: list[EventCategory]) -> None:
        super().__init__(normalised(query, categories))
        category = self.fields["category"]
        assert isinstance(category, forms.MultipleChoiceField)
        category.choices = [(c.slug, c.name()) for c in categories]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date must not come before the start date."))
        return data


def normalised(query: QueryDict, categories: list[EventCategory]) -> QueryDict:
    """The GET query with its defaults filled in, as the form shows them.

    Categories may come repeated (the form) or comma-separated (a shared address); none
    means all, and all are shown ticked."""
    data = query.copy()
    slugs = [slug for value in query.getlist("category") for slug in value.split(",") if slug]
    data.setlist("category", slugs or [c.slug for c in categories])
    if not data.get("period"):
        data["period"] = "custom" if data.get("since") or data.get("until") else DEFAULT_PERIOD
    return data


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime
    categories: list[str]  # empty: every category


def window_of(form: EventFilterForm, every_category: list[str]) -> Window:
    """The time window and categories a valid form asks for (the defaults otherwise)."""
    now = timezone.now()
    data = form.cleaned_data if form.is_valid() else {}
    period = data.get("period") or DEFAULT_PERIOD
    chosen = data.get("category") or []
    categories = [] if set(chosen) >= set(every_category) else chosen
    if period in PERIODS:
        return Window(now - PERIODS[period], now, categories)
    until = data.get("until")
    end = _day_start(until) + timedelta(days=1) if until else now
    since = data.get("since")
    start = _day_start(since) if since else end - PERIODS[DEFAULT_PERIOD]
    return Window(start, end, categories)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def public_events(locale_id: int | None = None) -> QuerySet[Event]:
    """Verified events (in one language if asked), newest first, with what a row shows."""
    # The linked articles' titles are covered too: publishing or unpublishing an article
    # that has events renews EVENTS_TAG (declared for ArticlePage in models.py), so no
    # list-wide article tag is needed.
    fragments.shows(EVENTS_TAG)
    live_articles = ArticlePage.objects.visible()
    events = Event.objects.public()
    if locale_id is not None:
        events = events.filter(locale_id=locale_id)
    return (
        events.select_related("category")
        .prefetch_related(Prefetch("articles", queryset=live_articles))
        .order_by("-occurred_at", "-id")
    )


def events_in(window: Window, locale_id: int) -> QuerySet[Event]:
    events = public_events(locale_id).filter(
        occurred_at__gte=window.start, occurred_at__lt=window.end
    )
    if window.categories:
        events = events.filter(category__slug__in=window.categories)
    return events


def categories() -> list[EventCategory]:
    fragments.shows(EVENTS_TAG)
    return list(EventCategory.objects.order_by("sort_order", "name_en"))


def categories_for(request: HttpRequest) -> list[EventCategory]:
    """categories(), read once per request: a filtered map checks its filters before
    serving (page_side.py) and then renders them."""
    known: list[EventCategory] | None = getattr(request, "_map_categories", None)
    if known is None:
        known = categories()
        request._map_categories = known  # type: ignore[attr-defined]
    fragments.shows(EVENTS_TAG)
    return known


@dataclass
class Explorer:
    """Everything the map page shows below its header."""

    form: EventFilterForm
    events: PaginatorPage
    config: dict[str, Any]
    # The filters as the page read them, for the list's links to its other pages.
    filters: QueryDict


def explorer(page: MapPage, request: HttpRequest) -> Explorer:
    every = categories_for(request)
    query = params.of(request, QUERY)
    form = EventFilterForm(query.querydict(), every)
    window = window_of(form, [c.slug for c in every])
    paginator = Paginator(events_in(window, page.locale_id), LIST_PAGE_SIZE)
    try:
        events = paginator.page(query["page"])
    except EmptyPage as error:
        raise Http404(gettext("There is no such page of this list.")) from error
    filters = params.of(request, QUERY).querydict()
    filters.pop("page", None)
    return Explorer(form, events, map_config(page, request, every, mode="full"), filters)


def filters_are_valid(page: MapPage, request: HttpRequest) -> bool:
    query = params.of(request, QUERY)
    if not query.given:
        return True
    return EventFilterForm(query.querydict(), categories_for(request)).is_valid()


def icon_urls() -> dict[str, str]:
    return {name: url_for(f"newsdesk/maps/icons/{name}.svg") for name in sorted(ICON_NAMES)}


def labelled_places() -> list[list[Any]]:
    """[name in the active language, lat, lon, language of the name, 1 for a main city
    else 0] of the places the full map labels, main cities first, then the biggest."""
    lang = translation.get_language() or "en"
    places = gazetteer.labelled(Place.objects.all(), LABELLED_PLACES)
    main = gazetteer.main_cities()
    return [
        # A place with no name in the language is labelled in English, marked as such.
        [
            place.name(lang),
            round(place.lat, 4),
            round(place.lon, 4),
            _name_language(place, lang),
            int(place.geonames_id in main),
        ]
        for place in places
    ]


def _name_language(place: Place, lang: str) -> str:
    return lang if getattr(place, f"name_{lang}", "") else "en"


def map_config(
    page: Page | None,
    request: HttpRequest | None,
    every: list[EventCategory],
    *,
    mode: str,
    events: list[Event] | None = None,
    topic: str | None = None,
) -> dict[str, Any]:
    """The settings map.js reads from the page's JSON block."""
    lang = translation.get_language() or "en"
    map_page = page if isinstance(page, MapPage) else None
    small = mode != "full"
    return {
        "mode": mode,
        "lang": lang,
        # The events the script asks for are those the server drew: the page's language's
        # (a page served under another language's prefix still lists its own).
        "events_lang": _page_language(map_page) if map_page else lang,
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
        # How the script writes dates and counts, as the server does.
        "format": localformat.table(lang),
        "api": {"events": EVENTS_API, "areas": AREAS_API, "timeline": TIMELINE_API},
        # The world in the lighter atlas; on the full map, which a reader zooms into, the
        # region's countries in 1:50m detail first (tools/build_basemap.py, decision 0032).
        "basemap": {
            "region": None if small else url_for("newsdesk/maps/basemap-region.json"),
            "world": url_for("newsdesk/vendor/world-atlas/countries-110m.json"),
        },
        "focus_countries": FOCUS_COUNTRIES,
        "centre": [map_page.center_latitude, map_page.center_longitude] if map_page else [35, 40],
        "zoom": map_page.zoom if map_page else 5,
        "tiles": (
            {"url": map_page.tile_url, "attribution": map_page.tile_attribution}
            if map_page and map_page.tile_url
            else None
        ),
        "topic": topic,
        "icons": icon_urls(),
        "categories": [
            {"slug": c.slug, "name": c.name(lang), "color": c.color, "icon": c.icon} for c in every
        ],
        # Place names only on the full map: small maps show a region at a glance.
        "places": [] if small else labelled_places(),
        "events": feature_collection(events, request) if events is not None else None,
        "labels": labels(),
    }


def _page_language(page: MapPage) -> str:
    active = sites.active_locale()  # already looked up for this request
    if page.locale_id == active.pk:
        return active.language_code
    return sites.language_of(page.locale_id)


def labels() -> dict[str, str]:
    return {
        "categories": gettext("Categories"),
        "areas": gettext("Areas of control"),
        "timeline": gettext("Timeline"),
        "now": gettext("Now"),
        "play": gettext("Play"),
        "pause": gettext("Pause"),
        "loading": gettext("Loading events…"),
        "failed": gettext("The events could not be loaded. The list shows them."),
        # %s: a number of events.
        "showing": gettext("%s events on the map"),
        "none": gettext("No events match these filters."),
        # %s: how many of the newest events the list beside the map shows.
        "listed": gettext("The list shows the newest %s."),
        # %s: how many more events the button adds to the list (at most one list's worth).
        "more": gettext("Show %s more events"),
        "our_reporting": gettext("Our reporting"),
        "sources": gettext("Sources:"),
        "show_on_map": gettext("Show on map"),
        "zoom_in": gettext("Zoom in"),
        "zoom_out": gettext("Zoom out"),
        "utc": gettext("UTC"),
        # %s: a date.
        "approximately": gettext("around %s"),
        "basemap_attribution": gettext("Borders: Natural Earth"),
    }


def feature_collection(events: list[Event], request: HttpRequest | None) -> dict[str, Any]:
    """Events as the events API gives them, for small maps that embed their few events."""
    lang = translation.get_language() or "en"
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": event.pk,
                "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]},
                "properties": {
                    "title": event.title,
                    "description": event.description,
                    "occurred_at": event.occurred_at.isoformat().replace("+00:00", "Z"),
                    "precision": event.precision,
                    "place": event.place_name,
                    "country": event.country,
                    "category": {
                        "slug": event.category.slug,
                        "name": event.category.name(lang),
                        "color": event.category.color,
                        "icon": event.category.icon,
                    },
                    "articles": [
                        {"title": article.title, "url": article.get_url(request)}
                        for article in event.articles.all()
                    ],
                    "sources": [],
                },
            }
            for event in events
        ],
    }


@dataclass(frozen=True)
class MapLink:
    pk: int
    title: str
    url: str


def map_page_for(locale_id: int) -> MapLink | None:
    """The live map page in one language, for the links to the full map.

    Asked for by every article and topic with events: kept in each process until a map
    page is published, withdrawn or deleted (`MapPage.list_cache_tags`), or the one found
    is moved or renamed (its `page:<id>`)."""
    found = fragments.kept(f"newsdesk:map-page:v2:{locale_id}", partial(_map_page, locale_id))
    return found[0] if found else None


def _map_page(locale_id: int) -> tuple[MapLink, ...]:
    fragments.shows(MAP_PAGE_TAG)
    page = visibility.visible(MapPage.objects.all(), locale_id).first()
    if page is None:
        return ()
    fragments.shows(f"page:{page.pk}")
    return (MapLink(page.pk, page.title, page.url or ""),)
