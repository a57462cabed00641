"""When a page went public and when it last changed in substance, as readers are told.

The publication time is the moment of the first publication unless an editor sets
another: an earlier one back-dates the page, a later one schedules it (it becomes the
page's go-live time). "Updated" is the last republication that was not marked as a minor
edit. Both are kept by publishing (see `stamp_publication`), never by whoever happened to
open the form, and every surface (the page, JSON-LD, feeds, sitemaps, the API) reads them.
See docs/decisions/0016-publication-times-and-autosave.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.models import Page


class PublicationTimesForm(WagtailAdminPageForm):
    """The edit form of a page with publication times."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "Minor edit" describes one version. A form that opens on what is live starts a
        # new version, so the box starts unticked; a draft waiting for review keeps the
        # mark its writer gave it.
        instance = self.instance
        if "minor_edit" in self.fields and instance.pk and not instance.has_unpublished_changes:
            self.initial["minor_edit"] = False


PublicationTimeFields = tuple[
    "models.DateTimeField[Any, Any]",
    "models.DateTimeField[Any, Any]",
    "models.BooleanField[Any, Any]",
]


def publication_time_fields() -> PublicationTimeFields:
    """The fields of a page with publication times, new ones for each model:
    `published_at, updated_at, minor_edit = publication_time_fields()`. (A mixin that is
    not a model cannot hold fields, and an abstract model here would sit between
    Wagtail's Page and the page's own bases.)"""
    published_at: models.DateTimeField[Any, Any] = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to use the moment of the first publication. An earlier time "
            "back-dates the page; a later one schedules it to go live then."
        ),
    )
    updated_at: models.DateTimeField[Any, Any] = models.DateTimeField(
        _("last update"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set by every republication that is not a minor edit."),
    )
    minor_edit: models.BooleanField[Any, Any] = models.BooleanField(
        _("minor edit"),
        default=False,
        help_text=_(
            "Tick for a correction of form (a typo, a caption): publishing it does not "
            "show readers an 'Updated' time."
        ),
    )
    return published_at, updated_at, minor_edit


class PublicationTimes:
    """The rules of a page that shows readers its times, mixed in before Page.

    The page declares the fields (`published_at`, `updated_at` set only by publishing,
    and `minor_edit`) with `publication_time_fields()`, as ArticlePage does."""

    if TYPE_CHECKING:
        published_at: datetime | None
        updated_at: datetime | None
        minor_edit: bool

    base_form_class = PublicationTimesForm
    # A copy (or a translation) is a new page: its own first publication gives its time.
    exclude_fields_in_copy = ["published_at", "updated_at", "minor_edit"]

    @property
    def publication_time(self) -> datetime:
        """The publication time; a page not published yet (seen in a preview) has none,
        and is shown as if published now."""
        return self.published_at or timezone.now()

    @property
    def modified_at(self) -> datetime:
        """The time readers, feeds and search engines are given as the last change."""
        return self.updated_at or self.publication_time

    def clean(self) -> None:
        super().clean()  # type: ignore[misc]
        if self.published_at and self.published_at > timezone.now():
            # A publication time in the future is a schedule: Wagtail publishes the page then.
            self.go_live_at = self.published_at
        if self.updated_at and self.published_at and self.published_at > self.updated_at:
            raise ValidationError(
                {
                    "published_at": _(
                        "The publication time cannot be later than the last update (%(when)s)."
                    )
                    % {"when": timezone.localtime(self.updated_at).strftime("%Y-%m-%d %H:%M")}
                }
            )

    def with_content_json(self, content: dict[str, Any]) -> Page:
        """The page as a revision has it, with the times publishing gave it.

        A revision holds what the form held when it was saved: no publication time when
        the editor left it to the first publication, and an "updated" time that later
        publications may have moved on. The page row has the true ones."""
        page = super().with_content_json(content)  # type: ignore[misc]
        page.updated_at = self.updated_at
        if page.published_at is None:
            page.published_at = self.published_at
        return page


def stamp_publication(instance: object, **kwargs: Any) -> None:
    """Receiver of Wagtail's `page_published`: gives a page that went live its times."""
    if not (isinstance(instance, Page) and isinstance(instance, PublicationTimes)):
        return
    if not instance.live:
        return  # scheduled: stamped when the schedule publishes it
    # Wagtail has just set last_published_at to this publication's time.
    changes: dict[str, Any] = {}
    if instance.published_at is None:
        # The first publication (a republication finds the time this one gives). It is
        # Wagtail's first_published_at, except on a copy, which Wagtail gives the
        # original's.
        changes["published_at"] = instance.last_published_at
    elif instance.last_published_at != instance.first_published_at and not instance.minor_edit:
        # Wagtail gives a first publication one time for both first and last.
        changes["updated_at"] = instance.last_published_at
    if not changes:
        return
    for field, value in changes.items():
        setattr(instance, field, value)
    type(instance)._default_manager.filter(pk=instance.pk).update(**changes)
