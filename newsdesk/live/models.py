"""Live coverage: a page for an event, with timestamped entries posted as it unfolds.

A live page is an article (multi-table inheritance, decision 0028): it is filed in a
section, has a headline, lead, byline, picture, tags and topics, and so appears wherever
articles do (listings, feeds, sitemaps, search, the API), through the one visibility rule.
Its entries are rows of their own, not part of the page's revisions: a writer posts one in
seconds from the admin (Live → Entries), and readers see it at once. Each entry keeps its
author and time; a correction of an entry is shown with its own time.

Entries are shown only by the live page itself (and its fragment for open pages, `?part=
entries`), which carries their tag `live:<page id>`: posting or correcting an entry drops
that page from every cache and purges it in front, and touches no list. Ending coverage
(services.end_coverage) publishes a summary article and the page's end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.images.models import Image
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage, ArticlePageForm
from newsdesk.core import fragments, invalidation, params
from newsdesk.core.pagination import ListPage, paginate
from newsdesk.gallery.models import external_video
from newsdesk.lib import parse

# Shown by what lists running coverage (the home page's live strip, the editor's desk).
RUNNING_TAG = "live:running"
ENTRY_FEATURES = ["bold", "italic", "link"]
PARTS = ("entries",)
ENTRIES_PER_PAGE = 20
# Clocks differ a little: an entry dated this far ahead is still "now".
FUTURE_SLACK = timedelta(minutes=2)
ENTRY_IMAGE_FILTER = "max-1200x900|format-webp"

LIVE_QUERY = params.QuerySpec(
    (
        params.PAGE,
        # The newest entries alone, for open pages (live.js): kept and purged as the page.
        params.Param("part", lambda value: parse.choice(value, PARTS)),
    )
)


def entries_tag(page_id: int) -> str:
    """Shown by the live page (and its fragment); declared by its entries."""
    return f"live:{page_id}"


class LivePageForm(ArticlePageForm):
    """A live page takes no comments by default: its entries are the conversation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "comments_open" in self.fields:
            self.initial["comments_open"] = False


class LivePage(ArticlePage):
    """Live coverage of an event: newest entries first, a pinned entry, then a summary."""

    query_spec: ClassVar[params.QuerySpec] = LIVE_QUERY
    base_form_class = LivePageForm
    template = "live/live_page.html"

    coverage_started_at = models.DateTimeField(
        _("coverage started"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the moment of the first publication."),
    )
    coverage_ended_at = models.DateTimeField(
        _("coverage ended"), null=True, blank=True, editable=False
    )
    summary = models.ForeignKey(
        ArticlePage,
        verbose_name=_("summary article"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("kicker")]),
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt"),
                FieldPanel("hero_caption"),
                FieldPanel("hero_credit"),
            ],
            heading=_("Main image"),
        ),
        FieldRowPanel(
            [
                FieldPanel("dateline"),
                FieldPanel("published_at"),
                FieldPanel("coverage_started_at"),
            ],
            heading=_("Dateline and times"),
        ),
        InlinePanel("authors", label=_("Author"), heading=_("Byline")),
        FieldPanel("body", heading=_("Background")),
        FieldPanel("tags"),
        InlinePanel("topic_links", label=_("Topic"), heading=_("In Focus topics")),
        InlinePanel(
            "related_links",
            label=_("Related item"),
            heading=_("Hand-picked related content"),
        ),
    ]
    parent_page_types = ["articles.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("live page")
        verbose_name_plural = _("live pages")

    def list_cache_tags(self, change: invalidation.Change) -> set[str]:
        tags = super().list_cache_tags(change)
        if change in (*invalidation.SHOWN_OR_HIDDEN, invalidation.Change.MOVED):
            tags.add(RUNNING_TAG)
        return tags

    @property
    def is_running(self) -> bool:
        return self.coverage_ended_at is None

    @property
    def coverage_start(self) -> datetime | None:
        return self.coverage_started_at or self.first_published_at

    @property
    def fragment_key(self) -> str:
        return fragments.key_for(self, "live")

    def get_template(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        if params.of(request, LIVE_QUERY)["part"] == "entries":
            return "live/entries_part.html"
        return self.template

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["coverage"] = self.coverage(request)
        context["poll_seconds"] = settings.NEWSDESK_LIVE_POLL_SECONDS
        return context

    def coverage(self, request: HttpRequest) -> Coverage:
        """The pinned entry and the requested page of the others, newest first, in a
        fixed number of queries however many entries there are."""
        fragments.shows(entries_tag(self.pk))
        entries = self.entries.for_readers()
        pinned = entries.filter(pinned=True).first()
        others = entries.exclude(pk=pinned.pk) if pinned is not None else entries
        found = paginate(request, others, per_page=ENTRIES_PER_PAGE)
        summary = None
        if self.summary_id is not None:
            fragments.shows(f"page:{self.summary_id}")
            summary = ArticlePage.objects.visible().filter(pk=self.summary_id).first()
        return Coverage(pinned=pinned if found.number == 1 else None, page=found, summary=summary)


@dataclass(frozen=True)
class Coverage:
    pinned: LiveEntry | None
    page: ListPage
    summary: ArticlePage | None

    @property
    def newest_id(self) -> int:
        """In the refresh link's address: a reader's browser keeps a page for its max-age,
        so the link names an address it has not kept (the page cache ignores the value)."""
        shown = [self.pinned, *self.page.object_list] if self.pinned else self.page.object_list
        return max((entry.pk for entry in shown), default=0)


class LiveEntryQuerySet(models.QuerySet["LiveEntry"]):
    def for_readers(self) -> LiveEntryQuerySet:
        """Newest first, with everything an entry shows (author, picture sizes, event)."""
        return (
            self.select_related("author", "event")
            .prefetch_related(
                Prefetch("image", queryset=Image.objects.prefetch_renditions(ENTRY_IMAGE_FILTER))
            )
            .order_by("-posted_at", "-pk")
        )


LiveEntryManager = models.Manager.from_queryset(LiveEntryQuerySet)


class LiveEntry(models.Model):
    """One post of live coverage: text, and optionally a picture, a quote, an embedded
    video (behind a facade) and a map event. Shown at once, newest first."""

    live_page = models.ForeignKey(
        LivePage, verbose_name=_("live page"), on_delete=models.CASCADE, related_name="entries"
    )
    posted_at = models.DateTimeField(_("time"), default=timezone.now)
    author = models.ForeignKey(
        "people.Person", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    headline = models.CharField(_("headline"), max_length=160, blank=True)
    text = RichTextField(_("text"), features=ENTRY_FEATURES, blank=True)
    image = models.ForeignKey(
        Image,
        verbose_name=_("picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("picture description"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    image_caption = models.CharField(_("caption"), max_length=400, blank=True)
    quote = models.TextField(_("quote"), max_length=1000, blank=True)
    quote_source = models.CharField(_("quote by"), max_length=160, blank=True)
    embed_url = models.URLField(
        _("video address"),
        blank=True,
        help_text=_(
            "A YouTube or Vimeo video, shown behind a button: nothing loads from "
            "the video's host until the reader presses it."
        ),
    )
    event = models.ForeignKey(
        "maps.Event",
        verbose_name=_("map event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pinned = models.BooleanField(
        _("pinned"),
        default=False,
        help_text=_("Shown above the other entries (the newest pinned entry only)."),
    )
    correction = models.TextField(
        _("correction"),
        max_length=600,
        blank=True,
        help_text=_("What was changed in this entry, shown to readers with the time."),
    )
    corrected_at = models.DateTimeField(_("corrected"), null=True, blank=True, editable=False)
    # The correction as loaded: a new or changed one is dated when saved.
    _loaded_correction: str | None = None

    objects = LiveEntryManager()

    panels = [
        FieldPanel("live_page"),
        FieldRowPanel([FieldPanel("author"), FieldPanel("posted_at"), FieldPanel("pinned")]),
        FieldPanel("headline"),
        FieldPanel("text"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_caption")],
            heading=_("Picture"),
        ),
        FieldRowPanel([FieldPanel("quote"), FieldPanel("quote_source")], heading=_("Quote")),
        FieldPanel("embed_url"),
        FieldPanel("event"),
        FieldPanel("correction"),
    ]

    class Meta:
        verbose_name = _("live entry")
        verbose_name_plural = _("live entries")
        indexes = [
            models.Index(fields=["live_page", "-posted_at", "-id"], name="live_entry_newest")
        ]

    def __str__(self) -> str:
        return self.headline or parse_text(self.text)[:60] or str(self.posted_at)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A new or changed correction is dated now: readers see when the entry changed.
        if self.correction and self.correction != getattr(self, "_loaded_correction", None):
            self.corrected_at = timezone.now()
        elif not self.correction:
            self.corrected_at = None
        super().save(*args, **kwargs)
        self._loaded_correction = self.correction

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> LiveEntry:
        entry = super().from_db(db, field_names, values)
        entry._loaded_correction = entry.__dict__.get("correction")
        return entry

    def cache_tags(self) -> set[str]:
        """Only the live page shows its entries: no list changes with them."""
        return {entries_tag(self.live_page_id)}

    def clean(self) -> None:
        super().clean()
        if not (self.headline or parse_text(self.text) or self.image_id or self.quote):
            raise ValidationError(_("Write something: a headline, text, a picture or a quote."))
        if self.image_id and not self.image_alt:
            raise ValidationError({"image_alt": _("Describe the picture.")})
        if self.posted_at and self.posted_at > timezone.now() + FUTURE_SLACK:
            raise ValidationError({"posted_at": _("An entry cannot be dated in the future.")})
        if self.embed_url and self.video is None:
            raise ValidationError(
                {"embed_url": _("Use an https address of a video on YouTube or Vimeo.")}
            )

    @property
    def video(self) -> tuple[str, str] | None:
        return external_video(self.embed_url) if self.embed_url else None

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"

    @property
    def version(self) -> str:
        """Changes when a correction does: open pages replace the entry they show."""
        return str(int(self.corrected_at.timestamp())) if self.corrected_at else "0"


def parse_text(html: str) -> str:
    """The words of rich text, for titles and structured data."""
    return " ".join(strip_tags(html or "").split())
