"""Subscribing (double opt-in), confirming, unsubscribing, and a reader's data: export, erase."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsdesk.lib.throttle import Throttle

from . import tasks
from .models import Status, Subscription
from .selectors import NewsletterList


class Outcome(Enum):
    # Answered the same way, whatever happened, so the form tells no one who is subscribed.
    ASKED = "asked"
    TOO_MANY = "too_many"  # from this network: refused (429)


@dataclass(frozen=True)
class SignUp:
    email: str
    chosen: NewsletterList
    client_ip: str = ""


THROTTLE = Throttle("newsletters")


def subscribe(sign_up: SignUp) -> Outcome:
    """Records the wish and sends a confirmation email: nothing else is ever sent to an
    address until its owner confirms. Too many from one network are refused; too many
    for one address send no more emails (anyone can type anyone's address)."""
    limit, seconds = settings.NEWSLETTERS_RATE_LIMIT
    network = THROTTLE.client_hash(sign_up.client_ip)
    if network and THROTTLE.count("client", network, seconds) > limit:
        return Outcome.TOO_MANY
    chosen = sign_up.chosen
    email = sign_up.email.strip().lower()
    subscription = _pending(email, chosen)
    if subscription is None:  # confirmed already: nothing to ask
        return Outcome.ASKED
    per_day = settings.NEWSLETTERS_CONFIRMATIONS_PER_DAY
    if THROTTLE.count("email", f"{email} {chosen.key}", 60 * 60 * 24) > per_day:
        return Outcome.ASKED
    # Queued in the same transaction (the database queue): the worker sees both together.
    tasks.send_confirmation.enqueue(subscription.pk)
    return Outcome.ASKED


def _pending(email: str, chosen: NewsletterList) -> Subscription | None:
    """The address's subscription to the list, waiting for confirmation; None when it is
    confirmed already."""
    fields: dict[str, Any] = {
        "email": email,
        "kind": chosen.kind,
        "language": chosen.language,
        "page": chosen.page,
    }
    found = Subscription.objects.filter(email=email, list_key=chosen.key).first()
    if found is None:
        try:
            with transaction.atomic():
                return Subscription.objects.create(**fields)
        except IntegrityError:  # the same address sent twice at once
            found = Subscription.objects.get(email=email, list_key=chosen.key)
    if found.status == Status.CONFIRMED:
        return None
    if found.status == Status.UNSUBSCRIBED:
        found.status = Status.PENDING
        found.unsubscribed_at = None
        found.save(update_fields=["status", "unsubscribed_at"])
    return found


def confirm(subscription: Subscription) -> None:
    if subscription.status == Status.CONFIRMED:
        return
    subscription.status = Status.CONFIRMED
    subscription.confirmed_at = timezone.now()
    subscription.unsubscribed_at = None
    subscription.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])


def unsubscribe(subscription: Subscription) -> None:
    if subscription.status == Status.UNSUBSCRIBED:
        return
    subscription.status = Status.UNSUBSCRIBED
    subscription.unsubscribed_at = timezone.now()
    subscription.save(update_fields=["status", "unsubscribed_at"])


def export_for(email: str) -> list[dict[str, Any]]:
    """Everything stored for one address: its subscriptions and what was sent to it."""
    subscriptions = (
        Subscription.objects.filter(email__iexact=email.strip())
        .select_related("page")
        .prefetch_related("deliveries")
        .order_by("created_at")
    )
    return [
        {
            "email": s.email,
            "list": s.list_key,
            "list_name": s.list_name(),
            "language": s.language,
            "status": s.status,
            "subscribed_at": s.created_at.isoformat(),
            "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
            "unsubscribed_at": s.unsubscribed_at.isoformat() if s.unsubscribed_at else None,
            "sent": [
                {"period": d.period.isoformat(), "status": d.status}
                for d in sorted(s.deliveries.all(), key=lambda d: d.period)
            ],
        }
        for s in subscriptions
    ]


def erase_for(email: str) -> int:
    """Delete every subscription of the address and the record of what was sent to it."""
    deleted, _by_model = Subscription.objects.filter(email__iexact=email.strip()).delete()
    return int(_by_model.get(Subscription._meta.label, 0)) if deleted else 0
