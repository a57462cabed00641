from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from newsdesk.articles import listings
from newsdesk.articles.models import ArticlePage
from newsdesk.core import fragments, visibility
from newsdesk.core.routing import DirectRouteMixin, RestrictionAwareMixin
from newsdesk.topics.models import TopicPage

from .blocks import HOME_BLOCKS


class HomePage(DirectRouteMixin, RestrictionAwareMixin, Page):
    """The front page. What it shows is a list of blocks (see blocks.py)."""

    site_name = models.CharField(
        _("site name"),
        max_length=80,
        blank=True,
        help_text=_(
            "The site's name in this language, in the header, page titles and feeds. "
            "Empty: the name set for the whole site."
        ),
    )
    tagline = models.CharField(_("tagline"), max_length=160, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("site_name"),
        FieldPanel("tagline"),
        InlinePanel(
            "editors_choice",
            label=_("Article"),
            heading=_("Editor's Choice"),
            help_text=_("Shown at the top of the home page in this order until each expires."),
        ),
        InlinePanel(
            "in_focus",
            label=_("Topic"),
            heading=_("In Focus"),
            help_text=_("The topic dossiers shown on the home page, in this order."),
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["blocks"] = [html for block in HOME_BLOCKS if (html := block.render(self, request))]
        return context

    @property
    def editors_choice_ids(self) -> list[int]:
        """The articles picked for Editor's Choice that have not expired, in order.

        Whatever uses them (the blocks below Editor's Choice leave them out) changes when
        the home page is published and when one of them expires."""
        rows = self._editors_choice_rows
        fragments.shows(f"page:{self.pk}")
        if expiries := [expires_at for _id, expires_at in rows if expires_at]:
            fragments.expires(min(expiries))
        return [article_id for article_id, _expires_at in rows]

    @cached_property
    def _editors_choice_rows(self) -> list[tuple[int, datetime | None]]:
        """Read once per request."""
        now = timezone.now()
        items = self.editors_choice.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        return list(items.order_by("sort_order").values_list("article_id", "expires_at"))

    def editors_choice_articles(self) -> list[ArticlePage]:
        ids = self.editors_choice_ids
        fragments.shows(*(f"page:{pk}" for pk in ids))
        found = {
            a.pk: a
            for a in ArticlePage.objects.visible().in_locale_of(self).cards().filter(pk__in=ids)
        }
        articles = [found[pk] for pk in ids if pk in found]
        listings.shows_cards(articles)
        return articles

    def in_focus_topics(self) -> list[TopicPage]:
        fragments.shows(f"page:{self.pk}")
        ids = list(self.in_focus.order_by("sort_order").values_list("topic_id", flat=True))
        fragments.shows(*(f"page:{pk}" for pk in ids))
        topics = TopicPage.objects.filter(pk__in=ids)
        found = {t.pk: t for t in visibility.visible(topics, self.locale_id).cards()}
        return [found[pk] for pk in ids if pk in found]


class EditorsChoiceItem(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="editors_choice")
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    expires_at = models.DateTimeField(
        _("show until"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep the article here until you remove it."),
    )

    panels = [PageChooserPanel("article"), FieldPanel("expires_at")]

    class Meta(Orderable.Meta):
        # Picked once: the form says so when an editor picks an article twice.
        constraints = [
            models.UniqueConstraint(fields=["page", "article"], name="unique_editors_choice")
        ]


class InFocusItem(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="in_focus")
    topic = models.ForeignKey(
        TopicPage, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("topic")]


# What an information page's text may use: headings, emphasis, lists and links.
INFO_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class InfoPage(RestrictionAwareMixin, Page):
    """About, Contact, Privacy and the like: a plain page that editors write, linked from
    every page's footer (footer_tags) while it is published under a home page."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = RichTextField(_("text"), blank=True, features=INFO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "home/info_page.html"

    class Meta:
        verbose_name = _("information page")
