"""The breaking-news ticker: one short line on every page of a language, until it expires.

A ticker is a snippet with Wagtail's publishing schedule (DraftStateMixin): an editor
publishes it now or at a go-live time, and it ends at its expiry, which every ticker must
have. The worker carries out both times (newsdesk.core.timed handles every model with a
schedule, as it does pages), and the ticker's line is rendered with an end no later than
its expiry, so no cache serves it after that even if the worker is late (see
`selectors.current` and docs/caching.md). Decision 0025.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.models import DraftStateMixin, Locale, RevisionMixin

# Shown by the ticker's line, which every public page contains: starting, changing or
# ending a ticker renders every page again, and purges them all from caches in front.
TICKER_TAG = "ticker"


class Ticker(DraftStateMixin, RevisionMixin, models.Model):
    locale = models.ForeignKey(
        Locale,
        verbose_name=_("language"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The ticker runs on every page in this language."),
    )
    text = models.CharField(
        _("text"), max_length=160, help_text=_("One short line, e.g. 'Earthquake hits Herat'.")
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("link to a page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(
        _("or link to an address"),
        blank=True,
        help_text=_("Used when no page is chosen."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="ticker")

    panels = [
        FieldPanel("locale"),
        FieldPanel("text"),
        PageChooserPanel("link_page"),
        FieldPanel("link_url"),
        # In the form itself, not in Wagtail's schedule dialog: the expiry is required.
        FieldRowPanel(
            [
                FieldPanel("go_live_at", heading=_("Starts")),
                FieldPanel("expire_at", heading=_("Ends")),
            ],
            heading=_("Times"),
        ),
    ]

    class Meta:
        verbose_name = _("breaking-news ticker")
        verbose_name_plural = _("breaking-news tickers")
        indexes = [models.Index(fields=["locale", "live", "expire_at"], name="ticker_current")]

    def __str__(self) -> str:
        return self.text

    @property
    def revisions(self) -> models.QuerySet:
        return self._revisions.all()

    def cache_tags(self) -> set[str]:
        return {TICKER_TAG}

    def clean(self) -> None:
        super().clean()
        # A ticker left running would stay on every page: it must end by itself.
        if self.expire_at is None:
            raise ValidationError(
                {"expire_at": _("Give the ticker an expiry: it must end by itself.")}
            )
        if self.expire_at <= timezone.now():
            raise ValidationError({"expire_at": _("The expiry must be in the future.")})
