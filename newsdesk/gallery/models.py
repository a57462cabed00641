"""Photo galleries and films: pages under the Gallery index."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.images.models import Image
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from newsdesk.articles.models import CARD_IMAGE_FILTER, ArticleLink, ArticlePage
from newsdesk.core import invalidation, visibility
from newsdesk.core.models import IndexPage
from newsdesk.core.publication import PublicationTimes, publication_time_fields
from newsdesk.core.routing import RestrictionAwareMixin
from newsdesk.topics.models import TopicLink, TopicPage

from . import media

# The sizes a gallery's pictures are shown at (gallery/photo_gallery_page.html): the
# grid and the viewer share one srcset, so each picture has exactly these renditions,
# all prefetched with the page's pictures.
GRID_FILTERS = ("width-480|format-webp", "width-960|format-webp", "width-1600|format-webp")
GRID_SRCSET_SPEC = "width-{480,960,1600}"

# Hosts a film may come from. Nothing from them is loaded before the reader presses play.
# Shown by every list of galleries or films; given a new version whenever one of them is
# published, unpublished, moved or deleted (MediaPage.list_cache_tags).
LATEST = "gallery:latest"
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


class MediaQuerySet(PageQuerySet):
    def cards(self) -> MediaQuerySet:
        """Everything a gallery or film card shows, picture included, in a fixed count."""
        return self.prefetch_related(
            Prefetch("cover", queryset=Image.objects.prefetch_renditions(CARD_IMAGE_FILTER))
        )


MediaManager = PageManager.from_queryset(MediaQuerySet)


class GalleryIndexPage(IndexPage):
    """The Gallery: photo galleries and films, each in its own tab."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["gallery.PhotoGalleryPage", "gallery.FilmPage"]

    class Meta:
        verbose_name = _("gallery index")

    def listings(self) -> dict[str, Any]:
        return {
            "galleries": visibility.visible(PhotoGalleryPage.objects.child_of(self))
            .cards()
            .order_by("-published_at"),
            "films": visibility.visible(FilmPage.objects.child_of(self))
            .cards()
            .order_by("-published_at"),
        }


class MediaPage(RestrictionAwareMixin, PublicationTimes, Page):
    """What photo galleries and films share: a date, a cover picture and a summary."""

    published_at, updated_at, minor_edit = publication_time_fields()
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("One or two sentences shown on cards.")
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["gallery.GalleryIndexPage"]
    subpage_types: list[str] = []
    objects = MediaManager()

    class Meta:
        abstract = True

    def list_cache_tags(self, change: invalidation.Change) -> set[str]:
        # A move changes the address the lists link to.
        if change in (*invalidation.SHOWN_OR_HIDDEN, invalidation.Change.MOVED):
            return {LATEST}
        return set()

    def linked_articles(self) -> list[ArticlePage]:
        ids = list(self.article_links.order_by("sort_order").values_list("article_id", flat=True))
        found = {
            a.pk: a
            for a in ArticlePage.objects.visible().in_locale_of(self).cards().filter(pk__in=ids)
        }
        return [found[pk] for pk in ids if pk in found]

    def linked_topics(self) -> list[TopicPage]:
        ids = self.topic_links.order_by("sort_order").values_list("topic_id", flat=True)
        topics = TopicPage.objects.filter(pk__in=list(ids))
        return list(visibility.visible(topics, self.locale_id).order_by("title"))


class PhotoGalleryPage(RoutablePageMixin, MediaPage):
    """A photo essay: pictures in the editor's order, each with its caption and credit."""

    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover picture"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Shown on cards; its focal point decides the crop."),
    )
    cover_alt = models.CharField(_("cover alt text"), max_length=250)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("published_at"), FieldPanel("minor_edit")]),
        MultiFieldPanel([FieldPanel("cover"), FieldPanel("cover_alt")], heading=_("Cover")),
        InlinePanel("items", label=_("Picture"), heading=_("Pictures"), min_num=1),
        InlinePanel("article_links", label=_("Article"), heading=_("Linked articles")),
        InlinePanel("topic_links", label=_("Topic"), heading=_("In Focus topics")),
    ]

    class Meta:
        verbose_name = _("photo gallery")
        verbose_name_plural = _("photo galleries")

    def pictures(self) -> list[GalleryItem]:
        """The gallery's pictures in order, every size the page shows prefetched."""
        images = Image.objects.prefetch_renditions(*GRID_FILTERS)
        return list(
            self.items.order_by("sort_order").prefetch_related(Prefetch("image", queryset=images))
        )

    @path("")
    def gallery(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, context_overrides={"pictures": self.pictures()})

    @path("image/<int:number>/")
    def picture(self, request: HttpRequest, number: int) -> HttpResponse:
        """One picture on a page of its own: a shareable address that needs no script."""
        pictures = self.pictures()
        if not 1 <= number <= len(pictures):
            raise Http404
        return self.render(
            request,
            template="gallery/gallery_picture.html",
            context_overrides={
                "pictures": pictures,
                "current": pictures[number - 1],
                "number": number,
                "previous_number": number - 1 if number > 1 else None,
                "next_number": number + 1 if number < len(pictures) else None,
            },
        )


class GalleryItem(Orderable):
    """One picture of a gallery. Credit and alt text are part of the journalism: required."""

    page = ParentalKey(PhotoGalleryPage, on_delete=models.CASCADE, related_name="items")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("picture"), on_delete=models.PROTECT, related_name="+"
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_("Describe the picture for readers who cannot see it."),
    )
    caption = models.TextField(_("caption"), max_length=600, blank=True)
    credit = models.CharField(
        _("credit"), max_length=120, help_text=_("Photographer and agency, e.g. 'Name / Agency'.")
    )
    usage_terms = models.CharField(
        _("usage terms"),
        max_length=250,
        blank=True,
        help_text=_("Licence or restrictions, e.g. 'Editorial use only'."),
    )
    taken_on = models.DateField(_("date taken"), null=True, blank=True)

    panels = [
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldPanel("caption"),
        FieldPanel("credit"),
        FieldPanel("usage_terms"),
        FieldPanel("taken_on"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery picture")

    def clean(self) -> None:
        # Whitespace is not a credit: CharField's required check alone lets "  " through.
        errors = {}
        if not self.credit.strip():
            errors["credit"] = _("Every picture needs a credit.")
        if not self.alt_text.strip():
            errors["alt_text"] = _("Every picture needs alt text.")
        if errors:
            raise ValidationError(errors)


def external_video(url: str) -> tuple[str, str] | None:
    """(provider, video id) for an address on an allowed video host, else None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https":
        return None
    segments = [s for s in parts.path.split("/") if s]
    video_id = ""
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be" and segments:
            video_id = segments[0]
        elif segments[:1] == ["watch"]:
            video_id = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in ("embed", "shorts", "live"):
            video_id = segments[1]
        provider = "youtube"
    elif host in VIMEO_HOSTS:
        numeric = [s for s in segments if s.isdigit()]
        video_id = numeric[0] if numeric else ""
        provider = "vimeo"
    else:
        return None
    if not video_id or not all(c.isalnum() or c in "-_" for c in video_id):
        return None
    return provider, video_id


class FilmPage(MediaPage):
    """A film: a video file we host, or a video on YouTube or Vimeo behind a facade."""

    video_file = models.FileField(
        _("video file"),
        upload_to="films/",
        blank=True,
        validators=[media.validate_video_file],
        help_text=_("MP4 or WebM, at most 200 MB. Leave empty for an external video."),
    )
    captions_file = models.FileField(
        _("captions"),
        upload_to="films/captions/",
        blank=True,
        validators=[media.validate_captions_file],
        help_text=_("Optional WebVTT captions for the video file."),
    )
    external_url = models.URLField(
        _("external video address"),
        blank=True,
        help_text=_("A YouTube or Vimeo address, used when there is no video file."),
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown before the film plays and on cards."),
    )
    cover_alt = models.CharField(_("poster alt text"), max_length=250, blank=True)
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), null=True, blank=True)
    caption = models.CharField(_("caption"), max_length=400, blank=True)
    credit = models.CharField(_("credit"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("published_at"), FieldPanel("minor_edit")]),
        MultiFieldPanel(
            [
                FieldPanel("video_file"),
                FieldPanel("captions_file"),
                FieldPanel("external_url"),
                FieldPanel("duration_seconds"),
            ],
            heading=_("Video"),
        ),
        MultiFieldPanel([FieldPanel("cover"), FieldPanel("cover_alt")], heading=_("Poster")),
        FieldPanel("caption"),
        FieldPanel("credit"),
        FieldPanel("description"),
        InlinePanel("article_links", label=_("Article"), heading=_("Linked articles")),
        InlinePanel("topic_links", label=_("Topic"), heading=_("In Focus topics")),
    ]
    search_fields = [*MediaPage.search_fields, index.SearchField("description")]

    class Meta:
        verbose_name = _("film")

    @property
    def lead(self) -> str:
        """The summary without an opening sentence that repeats the title (shown just above)."""
        summary, title = self.summary.strip(), self.title.strip().rstrip(".")
        if title and summary.startswith(title):
            rest = summary[len(title) :].lstrip(" .,:;").strip()
            if rest:
                return rest
        return summary

    @property
    def more_than_summary(self) -> str:
        """The description without an opening that repeats the summary (shown just above)."""
        text, summary = self.description.strip(), self.summary.strip()
        if summary and text.startswith(summary):
            text = text[len(summary) :].strip()
        return "" if text == self.caption.strip() else text

    def clean(self) -> None:
        super().clean()
        if bool(self.video_file) == bool(self.external_url):
            raise ValidationError(
                _("Give either a video file or an external video address, not both.")
            )
        if self.external_url and external_video(self.external_url) is None:
            raise ValidationError(
                {"external_url": _("Use an https address of a video on YouTube or Vimeo.")}
            )
        if self.captions_file and not self.video_file:
            raise ValidationError({"captions_file": _("Captions go with a video file.")})

    @property
    def external(self) -> tuple[str, str] | None:
        return external_video(self.external_url) if self.external_url else None

    @property
    def duration_display(self) -> str:
        if not self.duration_seconds:
            return ""
        minutes, seconds = divmod(self.duration_seconds, 60)
        return f"{minutes}:{seconds:02d}"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["external"] = self.external
        return context


class GalleryArticleLink(ArticleLink):
    page = ParentalKey(PhotoGalleryPage, on_delete=models.CASCADE, related_name="article_links")


class GalleryTopicLink(TopicLink):
    page = ParentalKey(PhotoGalleryPage, on_delete=models.CASCADE, related_name="topic_links")


class FilmArticleLink(ArticleLink):
    page = ParentalKey(FilmPage, on_delete=models.CASCADE, related_name="article_links")


class FilmTopicLink(TopicLink):
    page = ParentalKey(FilmPage, on_delete=models.CASCADE, related_name="topic_links")


@register_setting(icon="image")
class MediaSafetySettings(BaseGenericSetting):
    """Whether uploads are also kept as they arrived. Off by default: an original can carry
    the GPS position where it was taken, and a copy that is not kept cannot leak."""

    keep_originals = models.BooleanField(
        _("keep original uploads with their metadata (for verification)"),
        default=False,
        help_text=_(
            "Off: only the copy without metadata is stored. On: the untouched original "
            "(camera, time and GPS position included) is also kept in private storage that "
            "no public address reaches, for people allowed to download originals."
        ),
    )

    class Meta:
        verbose_name = _("media safety")


class KeptOriginal(models.Model):
    """An uploaded picture as it arrived, metadata included, in the private storage."""

    image = models.OneToOneField(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="kept_original"
    )
    name = models.CharField(_("name in the originals storage"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    kept_at = models.DateTimeField(_("kept at"), auto_now_add=True)

    class Meta:
        verbose_name = _("kept original upload")

    def __str__(self) -> str:
        return self.name
