from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from . import fragments, relocation
from .routing import RestrictionAwareMixin


class TimedChangesRun(models.Model):
    """The worker's runs of timed changes (newsdesk.core.timed): one row per job.

    `held_until` is a lease: the worker that sets it (with one atomic UPDATE) runs the
    changes and the others skip that tick, so several workers never publish the same
    revision twice. `last_finished_at` is what /health/ reads to tell a stopped clock."""

    name = models.CharField(_("name"), max_length=40, primary_key=True)
    holder = models.CharField(_("held by"), max_length=64, blank=True)
    held_until = models.DateTimeField(_("held until"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("run of timed changes")
        verbose_name_plural = _("runs of timed changes")

    def __str__(self) -> str:
        return self.name


class HeroImagePage(Page):
    """A page's main picture and its text alternative, one definition for every page
    kind that leads with a picture (articles, In Focus topics). A Page itself, not a
    mixin beside Page: django-stubs cannot resolve the managers of a model with two
    model bases.

    A kind that must describe its picture sets `hero_alt_required`: the admin then
    refuses an image without alt text. The fields keep the names and columns each kind
    had before it shared them."""

    hero_alt_required: ClassVar[bool] = False

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for readers who cannot see it."),
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.hero_alt_required and self.hero_image_id and not self.hero_alt.strip():
            raise ValidationError({"hero_alt": _("Describe the main image for blind readers.")})


class IndexPage(RestrictionAwareMixin, Page):
    """A page that lists the pages below it (the In Focus index, the Gallery): a title,
    an introduction and the lists that `listings()` gives its template, one such page
    per home page. Its template extends `index_page.html`."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # A child published, withdrawn or moved changes the lists.
        fragments.shows(relocation.children_tag(self.pk))
        context.update(self.listings())
        return context

    def listings(self) -> dict[str, Any]:
        """The lists the template shows, by name (read while the page is made)."""
        raise NotImplementedError
