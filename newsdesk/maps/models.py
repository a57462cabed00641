"""The map of latest developments: events, their categories, areas of control, the page.

Geometry is plain data (latitude/longitude columns for events, GeoJSON text for areas):
no spatial database extension is needed, see docs/decisions/0006-map.md.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Locale, Orderable, Page

from newsdesk.articles.models import ArticleLink, ArticlePage
from newsdesk.core import invalidation, params
from newsdesk.core.routing import RestrictionAwareMixin
from newsdesk.topics.models import TopicLink

from . import geojson, query
from .validation import (
    ICONS,
    validate_color,
    validate_icon,
    validate_latitude,
    validate_longitude,
)

# Everything that shows events or areas declares this tag; any change to an event, a
# category or an area invalidates it (ShownOnMap, core.invalidation).
EVENTS_TAG = "map:events"
# Shown by every "full map" link and the home map block: which page is each language's map.
MAP_PAGE_TAG = "map:page"

LANGUAGE_CODES = ("en", "ar", "fa")


def _localized(obj: Any, prefix: str, lang: str | None) -> str:
    """`obj.<prefix>_<lang>` in the asked (or active) language, English when missing."""
    lang = (lang or translation.get_language() or "en").split("-")[0]
    if lang in LANGUAGE_CODES:
        value = getattr(obj, f"{prefix}_{lang}")
        if value:
            return str(value)
    return str(getattr(obj, f"{prefix}_en"))


class ShownOnMap:
    """A model whose rows the map shows: any change invalidates EVENTS_TAG."""

    def cache_tags(self) -> set[str]:
        return {EVENTS_TAG}


def default_locale_pk() -> int:
    return int(Locale.get_default().pk)


# The type checker cannot follow Event (its base, ClusterableModel, is untyped) back here.
class EventCategory(ShownOnMap, models.Model):  # type: ignore[django-manager-missing]
    """A kind of event (airstrike, clashes…), drawn with its own colour and icon."""

    name_en = models.CharField(_("name (English)"), max_length=80)
    name_ar = models.CharField(_("name (Arabic)"), max_length=80, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    color = models.CharField(
        _("colour"), max_length=7, validators=[validate_color], help_text=_("As #rrggbb.")
    )
    icon = models.CharField(_("icon"), max_length=20, choices=ICONS, validators=[validate_icon])
    sort_order = models.PositiveSmallIntegerField(_("order in the legend"), default=0)

    panels = [
        FieldPanel("name_en"),
        FieldPanel("name_ar"),
        FieldPanel("name_fa"),
        FieldPanel("slug"),
        FieldPanel("color"),
        FieldPanel("icon"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("event category")
        verbose_name_plural = _("event categories")

    def __str__(self) -> str:
        return self.name()

    def name(self, lang: str | None = None) -> str:
        return _localized(self, "name", lang)


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> EventQuerySet:
        """What readers may see: verified events only, never reported or rejected ones."""
        return self.filter(status=Event.Status.VERIFIED)

    def for_map(self) -> EventQuerySet:
        """Everything a map marker or list row shows, in a fixed number of queries."""
        return self.select_related("category").prefetch_related("sources", "articles", "topics")


EventManager = models.Manager.from_queryset(EventQuerySet)


class Event(ShownOnMap, ClusterableModel):
    """Something that happened at a place and time, recorded by the newsroom."""

    class Precision(models.TextChoices):
        EXACT = "exact", _("Exact time")
        DAY = "day", _("Day")
        APPROXIMATE = "approximate", _("Approximate")

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    occurred_at = models.DateTimeField(_("when it happened"), default=timezone.now)
    precision = models.CharField(
        _("precision of the time"),
        max_length=12,
        choices=Precision.choices,
        default=Precision.EXACT,
    )
    latitude = models.FloatField(
        _("latitude"),
        validators=[validate_latitude, MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        validators=[validate_longitude, MinValueValidator(-180), MaxValueValidator(180)],
    )
    place_name = models.CharField(_("place"), max_length=120, blank=True)
    country = models.CharField(
        _("country or region"),
        max_length=64,
        blank=True,
        help_text=_("A two-letter country code (SY, IQ…) or the name of a region."),
    )
    category = models.ForeignKey(
        EventCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    articles = models.ManyToManyField(
        "articles.ArticlePage",
        through="EventArticle",
        related_name="map_events",
        blank=True,
        verbose_name=_("linked articles"),
    )
    topics = models.ManyToManyField(
        "topics.TopicPage",
        through="EventTopic",
        related_name="map_events",
        blank=True,
        verbose_name=_("linked topics"),
    )
    locale = models.ForeignKey(
        Locale,
        verbose_name=_("language"),
        on_delete=models.PROTECT,
        related_name="+",
        default=default_locale_pk,
    )
    status = models.CharField(
        _("verification"),
        max_length=10,
        choices=Status.choices,
        default=Status.REPORTED,
        db_index=True,
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventManager()

    # Status and who verified are set by the verify action (services.py), not the form.
    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("occurred_at"), FieldPanel("precision")], heading=_("When")),
        MultiFieldPanel(
            [
                FieldPanel("latitude"),
                FieldPanel("longitude"),
                FieldPanel("place_name"),
                FieldPanel("country"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("category"),
        FieldPanel("locale"),
        InlinePanel("sources", label=_("Source"), heading=_("Sources")),
        InlinePanel("article_links", label=_("Article"), heading=_("Linked articles")),
        InlinePanel("topic_links", label=_("Topic"), heading=_("Linked topics")),
    ]

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("map event")
        verbose_name_plural = _("map events")
        permissions = [("verify_event", _("Can verify map events"))]
        indexes = [
            # The public API: verified events newest first, read in the index's order until
            # the page is full; the coordinates in the index let the bounding box be checked
            # without reading the rows it rejects. A separate (latitude, longitude) index
            # made SQLite sort every event of a latitude band instead (450 ms at 50,000
            # events): see docs/decisions/0006-map.md.
            models.Index(
                fields=["status", "-occurred_at", "-id", "latitude", "longitude"],
                name="maps_event_public_box",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.title and not self.title.strip():
            raise ValidationError({"title": _("An event needs a title.")})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.VERIFIED


class EventSource(ShownOnMap, Orderable):
    """Where the newsroom learned of an event: a link, in the editor's order."""

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(_("address"), max_length=500)
    label = models.CharField(_("label"), max_length=120, blank=True)

    panels = [FieldPanel("url"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("source")

    def __str__(self) -> str:
        return self.label or self.url


class EventArticle(ShownOnMap, ArticleLink):
    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="article_links")

    class Meta(ArticleLink.Meta):
        verbose_name = _("linked article")
        constraints = [
            models.UniqueConstraint(fields=["event", "article"], name="maps_eventarticle_unique")
        ]


class EventTopic(ShownOnMap, TopicLink):
    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="topic_links")

    class Meta(TopicLink.Meta):
        verbose_name = _("linked topic")
        constraints = [
            models.UniqueConstraint(fields=["event", "topic"], name="maps_eventtopic_unique")
        ]


class ControlAreaQuerySet(models.QuerySet["ControlArea"]):
    def valid_at(self, moment: Any) -> ControlAreaQuerySet:
        """Areas whose validity interval [valid_from, valid_until) contains `moment`."""
        return self.filter(valid_from__lte=moment).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=moment)
        )


ControlAreaManager = models.Manager.from_queryset(ControlAreaQuerySet)


class ControlArea(ShownOnMap, models.Model):
    """Which party controlled an area during an interval: polygons kept as GeoJSON text."""

    party = models.CharField(_("party (English)"), max_length=120)
    party_ar = models.CharField(_("party (Arabic)"), max_length=120, blank=True)
    party_fa = models.CharField(_("party (Persian)"), max_length=120, blank=True)
    color = models.CharField(
        _("colour"), max_length=7, validators=[validate_color], help_text=_("As #rrggbb.")
    )
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(
        _("valid until"), null=True, blank=True, help_text=_("Empty while it is still valid.")
    )
    geometry = models.TextField(
        _("geometry (GeoJSON)"),
        help_text=_("A GeoJSON Polygon or MultiPolygon, longitude before latitude."),
    )
    source_note = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ControlAreaManager()

    panels = [
        FieldPanel("party"),
        FieldPanel("party_ar"),
        FieldPanel("party_fa"),
        FieldPanel("color"),
        FieldPanel("valid_from"),
        FieldPanel("valid_until"),
        FieldPanel("geometry"),
        FieldPanel("source_note"),
    ]

    class Meta:
        ordering = ["-valid_from", "party"]
        verbose_name = _("area of control")
        verbose_name_plural = _("areas of control")
        indexes = [models.Index(fields=["valid_from", "valid_until"], name="maps_area_valid")]

    def __str__(self) -> str:
        return self.party

    def party_name(self, lang: str | None = None) -> str:
        """The party's name in the asked (or active) language, English when it has none."""
        lang = (lang or translation.get_language() or "en").split("-")[0]
        translated = getattr(self, f"party_{lang}", "") if lang in ("ar", "fa") else ""
        return str(translated or self.party)

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.valid_from and self.valid_until and self.valid_until <= self.valid_from:
            errors["valid_until"] = [str(_("The end must come after the start."))]
        problems = geojson.Problems([])
        try:
            parsed = geojson.parse(self.geometry.encode())
        except geojson.GeoJSONError as error:
            problems.found.extend(error.problems)
        else:
            geojson.check_area_geometry(parsed, str(_("Geometry")), problems)
        if problems:
            errors["geometry"] = problems.reported()
        else:
            self.geometry = geojson.dumps(parsed)
        if errors:
            raise ValidationError(errors)


class Place(models.Model):
    """A populated place of the gazetteer, offered when an editor places an event."""

    name_en = models.CharField(_("name (English)"), max_length=120, db_index=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=120, blank=True, db_index=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=120, blank=True, db_index=True)
    country = models.CharField(_("country"), max_length=2, db_index=True)
    lat = models.FloatField(_("latitude"), validators=[validate_latitude])
    lon = models.FloatField(_("longitude"), validators=[validate_longitude])
    population = models.PositiveIntegerField(_("population"), default=0)
    # The place's number in GeoNames, where it came from: reloading updates, never duplicates.
    geonames_id = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-population", "name_en"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return f"{self.name_en} ({self.country})"

    def name(self, lang: str | None = None) -> str:
        return _localized(self, "name", lang)


class MapPage(RestrictionAwareMixin, Page):
    """The full map of latest developments, one per site and language."""

    query_spec: ClassVar[params.QuerySpec] = query.QUERY

    intro = models.TextField(_("introduction"), blank=True, max_length=1000)
    center_latitude = models.FloatField(
        _("default centre latitude"), default=35.0, validators=[validate_latitude]
    )
    center_longitude = models.FloatField(
        _("default centre longitude"), default=40.0, validators=[validate_longitude]
    )
    zoom = models.PositiveSmallIntegerField(
        _("default zoom"), default=6, validators=[MinValueValidator(1), MaxValueValidator(18)]
    )
    tile_url = models.CharField(
        _("tile server address"),
        max_length=300,
        blank=True,
        help_text=_(
            "Optional raster tiles, e.g. https://tiles.example.org/{z}/{x}/{y}.png. "
            "Empty: the built-in offline basemap only."
        ),
    )
    tile_attribution = models.CharField(_("tile attribution"), max_length=300, blank=True)

    def list_cache_tags(self, change: invalidation.Change) -> set[str]:
        """A map page appeared or went: the links to the full map find the page anew
        (a move or a new slug changes its `page:<id>`, which they show too)."""
        return {MAP_PAGE_TAG} if change in invalidation.SHOWN_OR_HIDDEN else set()

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("center_latitude"), FieldPanel("center_longitude"), FieldPanel("zoom")],
            heading=_("Default view"),
        ),
        MultiFieldPanel(
            [FieldPanel("tile_url"), FieldPanel("tile_attribution")], heading=_("Basemap tiles")
        ),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("map page")

    def clean(self) -> None:
        super().clean()
        if self.tile_url:
            if not self.tile_url.startswith(("https://", "http://")):
                raise ValidationError({"tile_url": _("Enter an http(s) address.")})
            if not all(part in self.tile_url for part in ("{z}", "{x}", "{y}")):
                raise ValidationError(
                    {"tile_url": _("The address needs the {z}, {x} and {y} placeholders.")}
                )
            if not self.tile_attribution.strip():
                raise ValidationError(
                    {"tile_attribution": _("Tiles need their attribution shown.")}
                )


def _linked_events(article: ArticlePage, change: invalidation.Change) -> set[str]:
    # Events show their articles' titles and addresses, and only those readers may see:
    # publishing, withdrawing or moving one (under a private section, say) counts.
    counted = (
        invalidation.Change.PUBLISHED,
        invalidation.Change.UNPUBLISHED,
        invalidation.Change.MOVED,
    )
    if change in counted and EventArticle.objects.filter(article_id=article.pk).exists():
        return {EVENTS_TAG}
    return set()


invalidation.declare(ArticlePage, _linked_events)
