"""Corrections, clarifications and updates: notes an editor adds to a published article.

A note is a child row of its article (`ArticleNote`), edited in the article's form and
written when the article is published, so readers see only what was published, and the
revision history keeps every note. Whether a change needs a note is the editor's choice:
a change of substance gets one (shown on the article with its time, and, for corrections
and clarifications, on the public Corrections page of the article's language); a change
of form does not ("Minor edit"). Decision 0025.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from newsdesk.core.publication import PublicationTimes

# Shown by the Corrections page; declared by every note and by articles appearing or going.
CORRECTIONS_TAG = "list:corrections"


class NoteKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    CLARIFICATION = "clarification", _("Clarification")
    UPDATE = "update", _("Update")


# What the Corrections page lists: an update adds news, it does not put a mistake right.
LISTED_KINDS = (NoteKind.CORRECTION, NoteKind.CLARIFICATION)


def stamp_notes(instance: object, **kwargs: Any) -> None:
    """Receiver of `page_published` (after the publication times are stamped): a note is a
    change of substance, so the newest note's time is the article's last update, even when
    the editor marked the republication minor. A note dated in the future changes nothing
    until a later publication."""
    if not (isinstance(instance, Page) and isinstance(instance, PublicationTimes)):
        return
    notes = getattr(instance, "notes", None)
    if notes is None or not instance.live:
        return
    newest = max((note.noted_at for note in notes.all()), default=None)
    if newest is None or newest <= instance.modified_at:
        return
    if instance.last_published_at is not None and newest > instance.last_published_at:
        return
    instance.updated_at = newest
    type(instance)._default_manager.filter(pk=instance.pk).update(updated_at=newest)
