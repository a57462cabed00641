"""On each tick of the worker's clock (core.timed.ticked): each list with confirmed
subscribers gets one issue per period, queued once; a failed one is queued again later."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q

from . import periods, tasks
from .models import Dispatch, Status, Subscription


def queue_due(now: datetime) -> int:
    """Queues the issues due at `now`; the number queued."""
    period = periods.latest(now)
    keys = (
        Subscription.objects.filter(status=Status.CONFIRMED, confirmed_at__lt=period.end)
        .values_list("list_key", flat=True)
        .distinct()
    )
    made = set(
        Dispatch.objects.filter(period=period.day, list_key__in=list(keys)).values_list(
            "list_key", flat=True
        )
    )
    queued = []
    for key in sorted(set(keys) - made):
        try:
            with transaction.atomic():
                queued.append(Dispatch.objects.create(list_key=key, period=period.day).pk)
        except IntegrityError:  # another worker made it
            continue
    retry_before = now - timedelta(seconds=settings.NEWSLETTERS_RETRY_SECONDS)
    again = Dispatch.objects.filter(
        Q(attempted_at__lt=retry_before),
        finished_at__isnull=True,
        attempts__lt=settings.NEWSLETTERS_MAX_ATTEMPTS,
    )
    retried = list(again.values_list("pk", flat=True))
    # Marked now, so that the next ticks leave it to the task already queued.
    Dispatch.objects.filter(pk__in=retried).update(attempted_at=now)
    for pk in [*queued, *retried]:
        tasks.send_dispatch.enqueue(pk)
    return len(queued) + len(retried)
