"""Emails sent by the worker (django-tasks): a reader's POST never waits for a mail server."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from . import emails, periods, selectors
from .models import Delivery, DeliveryStatus, Dispatch, Status, Subscription

logger = logging.getLogger("newsdesk.newsletters")


@task()
def send_confirmation(subscription_id: int) -> int:
    subscription = Subscription.objects.select_related("page").filter(pk=subscription_id).first()
    if subscription is None or subscription.status != Status.PENDING:
        return 0
    return emails.confirmation(subscription).send()


@task()
def send_dispatch(dispatch_id: int) -> int:
    """Sends a list's issue of one period to each confirmed subscriber not sent it yet.

    Each email's delivery row is claimed (unique per subscriber and period) before it is
    sent: a restarted worker, or two at once, never send a period's issue twice. An email
    the mail server refuses gives its claim back, and the issue is tried again later."""
    dispatch = Dispatch.objects.filter(pk=dispatch_id, finished_at__isnull=True).first()
    if dispatch is None:
        return 0
    Dispatch.objects.filter(pk=dispatch.pk).update(
        attempted_at=timezone.now(), attempts=dispatch.attempts + 1
    )
    period = periods.of_day(dispatch.period)
    articles = selectors.stories(
        dispatch.list_key, period.start, period.end, settings.NEWSLETTERS_MAX_STORIES
    )
    sent = failed = 0
    if articles:
        recipients = (
            Subscription.objects.filter(
                list_key=dispatch.list_key, status=Status.CONFIRMED, confirmed_at__lt=period.end
            )
            .exclude(deliveries__period=period.day)
            .select_related("page")
            .order_by("pk")
        )
        connection = get_connection()
        try:
            for subscription in recipients.iterator():
                outcome = _deliver(subscription, period, articles, connection)
                sent += outcome is True
                failed += outcome is False
        finally:
            connection.close()
    finished = timezone.now() if not failed else None
    Dispatch.objects.filter(pk=dispatch.pk).update(finished_at=finished, sent=dispatch.sent + sent)
    return sent


def _deliver(
    subscription: Subscription,
    period: periods.Period,
    articles: list,
    connection: object,
) -> bool | None:
    """True when sent, None when someone else has it, False when the server refused it."""
    try:
        with transaction.atomic():
            claim = Delivery.objects.create(
                subscription=subscription, period=period.day, status=DeliveryStatus.SENDING
            )
    except IntegrityError:
        return None
    message = emails.issue(subscription, period, articles)
    message.connection = connection
    try:
        message.send()
    except Exception:  # the mail server: give the claim back, try again later
        logger.exception("Newsletter to subscription %s not sent", subscription.pk)
        Delivery.objects.filter(pk=claim.pk).delete()
        return False
    Delivery.objects.filter(pk=claim.pk).update(status=DeliveryStatus.SENT, sent_at=timezone.now())
    return True
