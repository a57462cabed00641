"""Writes that touch several rows: verification, duplication, imports. Each is atomic."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from newsdesk.core import invalidation

from . import importers
from .models import EVENTS_TAG, ControlArea, Event, EventArticle, EventSource, EventTopic

VERIFY_PERMISSION = "maps.verify_event"


class NotAllowed(PermissionError):
    pass


def may_verify(user: Any) -> bool:
    return bool(user and user.has_perm(VERIFY_PERMISSION))


@transaction.atomic
def set_status(event: Event, status: str, user: Any) -> Event:
    """Move an event to `status`; verifying (and rejecting) records who and when."""
    if status not in Event.Status.values:
        raise ValueError(status)
    if status != Event.Status.REPORTED and not may_verify(user):
        raise NotAllowed(VERIFY_PERMISSION)
    event.status = status
    if status == Event.Status.VERIFIED:
        event.verified_by = user
        event.verified_at = timezone.now()
    else:
        event.verified_by = None
        event.verified_at = None
    event.save(update_fields=["status", "verified_by", "verified_at", "updated_at"])
    return event


@transaction.atomic
def duplicate(event: Event) -> Event:
    """A reported copy of `event` with its sources and links, to record a similar event."""
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy.id = None
    copy.title = f"{event.title} (copy)"[:200]
    copy.status = Event.Status.REPORTED
    copy.verified_by = None
    copy.verified_at = None
    copy.save()
    EventSource.objects.bulk_create(
        EventSource(event=copy, url=s.url, label=s.label, sort_order=s.sort_order)
        for s in event.sources.all()
    )
    EventArticle.objects.bulk_create(
        EventArticle(event=copy, article_id=link.article_id, sort_order=link.sort_order)
        for link in event.article_links.all()
    )
    EventTopic.objects.bulk_create(
        EventTopic(event=copy, topic_id=link.topic_id, sort_order=link.sort_order)
        for link in event.topic_links.all()
    )
    return copy


@dataclass
class ImportReport:
    rows: int
    errors: list[importers.RowError] = field(default_factory=list)
    created: int = 0
    dry_run: bool = True


def import_events(
    rows: list[tuple[int, dict[str, Any]]], user: Any, *, dry_run: bool
) -> ImportReport:
    """Check every row; save them all (one transaction) only if none is wrong and not a dry run."""
    checked = importers.check_events(rows, may_verify=may_verify(user))
    report = ImportReport(rows=len(rows), errors=checked.errors, dry_run=dry_run)
    if dry_run or not checked.ok:
        return report
    report.created = save_events(checked.rows, user)
    return report


@transaction.atomic
def save_events(pending: list[importers.PendingEvent], user: Any) -> int:
    now = timezone.now()
    events = []
    for item in pending:
        if item.event.status == Event.Status.VERIFIED:
            item.event.verified_by = user
            item.event.verified_at = now
        events.append(item.event)
    Event.objects.bulk_create(events, batch_size=500)
    EventSource.objects.bulk_create(
        (
            EventSource(event=item.event, url=url, label=label, sort_order=position)
            for item in pending
            for position, (url, label) in enumerate(item.sources)
        ),
        batch_size=500,
    )
    EventArticle.objects.bulk_create(
        (
            EventArticle(event=item.event, article_id=pk, sort_order=position)
            for item in pending
            for position, pk in enumerate(item.article_ids)
        ),
        batch_size=500,
    )
    EventTopic.objects.bulk_create(
        (
            EventTopic(event=item.event, topic_id=pk, sort_order=position)
            for item in pending
            for position, pk in enumerate(item.topic_ids)
        ),
        batch_size=500,
    )
    # bulk_create sends no signals: tell the pages that show events ourselves.
    forget_events()
    return len(events)


@transaction.atomic
def import_areas(data: bytes, defaults: importers.AreaDefaults) -> list[ControlArea]:
    """Every area of the file, or none: raises GeoJSONError before anything is saved."""
    areas = importers.check_areas(data, defaults)
    created = ControlArea.objects.bulk_create(areas)
    forget_events()
    return created


def forget_events() -> None:
    # Now and after the commit, as core.invalidation does for the signals bulk writes skip.
    invalidation.invalidate(EVENTS_TAG)
