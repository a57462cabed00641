"""Timed changes: what editors schedule happens at its time, run by the worker, not cron.

Wagtail keeps a schedule but does not keep time: a page's go-live time is stored on an
approved revision (`approved_go_live_at`) and its expiry on the page (`expire_at`), and
only its `publish_scheduled` command carries them out. The worker does the same here,
with the same actions (`Revision.publish`, `unpublish(set_expired=True)`, logged as
Wagtail logs them), so a scheduled publication, expiry or revision sends the same
`page_published` / `page_unpublished` signals as an editor's click, and every cache and
list is refreshed the same way. An article's embargo is a scheduled publication too
(ArticlePage.clean moves its go-live time to the embargo's end).

Unlike the command, each change runs in its own transaction and a failing one is logged
and left for the next tick (and reported by /health/ as overdue), so one broken page
cannot hold back the rest of the schedule.

The worker's `Clock` thread ticks every `NEWSDESK_TIMED_CHANGES_SECONDS`. With several
workers, the one that takes the lease (one atomic UPDATE of a row, on any database) runs
the tick and the others skip it; a worker that dies holding it loses it after `LEASE`.
Decision 0015.

Other apps' periodic work (newsletters' issues, decision 0029) hangs on the same tick:
`ticked` is sent, with `now`, after the due changes, by the worker that holds the lease.
Each receiver runs on its own: one that fails is logged and the others still run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.db import close_old_connections, transaction
from django.db.models import Model, Q, QuerySet
from django.dispatch import Signal
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

from .models import TimedChangesRun

logger = logging.getLogger("newsdesk.timed")

JOB = "timed-changes"
# Longer than any tick should take: a worker that dies holding the lease holds it no longer.
LEASE = timedelta(minutes=5)

# Sent once per tick, by the worker that runs it, with `now` (see the module's docstring).
ticked = Signal()


@dataclass
class Done:
    expired: int = 0
    published: int = 0
    failed: int = 0


def run_if_free(holder: str) -> Done | None:
    """Run what is due unless another worker is running it now (then None)."""
    if not _take_lease(holder):
        return None
    try:
        done = run_due_changes()
        _send_ticked()
        return done
    finally:
        _release_lease(holder)


def _send_ticked() -> None:
    for receiver, result in ticked.send_robust(sender=JOB, now=timezone.now()):
        if isinstance(result, Exception):
            logger.error("Tick receiver %r failed", receiver, exc_info=result)


def run_due_changes() -> Done:
    """Unpublish what has expired, then publish the revisions whose time has come
    (in that order, as Wagtail's publish_scheduled does)."""
    done = Done()
    now = timezone.now()
    for queryset in expired_querysets(now):
        done.expired += _each(queryset, _unpublish_expired, done)
    done.published += _each(due_revisions(now), _publish_scheduled, done)
    if done.expired or done.published or done.failed:
        logger.info("Timed changes: %s", done)
    return done


def draft_state_models() -> list[type[Model]]:
    """Pages, and every other model with a publishing schedule (snippets with drafts)."""
    others = [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]
    return [Page, *others]


def expired_querysets(now: datetime) -> list[QuerySet]:
    return [
        model._default_manager.filter(live=True, expire_at__lt=now).order_by("expire_at")
        for model in draft_state_models()
    ]


def due_revisions(now: datetime) -> QuerySet[Revision]:
    return Revision.objects.filter(approved_go_live_at__lt=now).order_by("approved_go_live_at")


def overdue(now: datetime, grace: timedelta) -> dict[str, int]:
    """How many scheduled changes are more than `grace` late."""
    before = now - grace
    return {
        "go_live": due_revisions(before).count(),
        "expiry": sum(queryset.count() for queryset in expired_querysets(before)),
    }


def last_finished_at() -> datetime | None:
    return (
        TimedChangesRun.objects.filter(name=JOB).values_list("last_finished_at", flat=True).first()
    )


def _unpublish_expired(obj: Any) -> None:
    obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")


def _publish_scheduled(revision: Revision) -> None:
    # The approved go-live time has passed, so publishing makes the object live.
    revision.publish(log_action="wagtail.publish.scheduled")


def _each(items: Iterable[Any], change: Callable[[Any], None], done: Done) -> int:
    changed = 0
    for item in list(items):  # read them all before changing any, as Wagtail does
        try:
            with transaction.atomic():
                change(item)
        except Exception:  # one broken page must not stop the schedule; it stays overdue
            logger.exception("Timed change %s failed for %r", change.__name__, item)
            done.failed += 1
        else:
            changed += 1
    return changed


def _take_lease(holder: str) -> bool:
    now = timezone.now()
    TimedChangesRun.objects.get_or_create(name=JOB)
    free = Q(held_until__isnull=True) | Q(held_until__lt=now) | Q(holder=holder)
    taken = TimedChangesRun.objects.filter(free, name=JOB).update(
        holder=holder, held_until=now + LEASE
    )
    return taken == 1


def _release_lease(holder: str) -> None:
    TimedChangesRun.objects.filter(name=JOB, holder=holder).update(
        held_until=None, last_finished_at=timezone.now()
    )


class Clock(threading.Thread):
    """The worker's tick: runs the due changes at once, then every `every` seconds."""

    def __init__(self, every: float, holder: str) -> None:
        super().__init__(name="newsdesk-timed-changes", daemon=True)
        self.every = every
        self.holder = holder
        self.stopping = threading.Event()

    def run(self) -> None:
        while True:
            self.tick()
            if self.stopping.wait(self.every):
                return

    def tick(self) -> None:
        close_old_connections()
        try:
            run_if_free(self.holder)
        except Exception:  # a database away for a moment: the next tick tries again
            logger.exception("Timed changes could not run")
        finally:
            close_old_connections()

    def stop(self) -> None:
        self.stopping.set()
