"""Newsletter subscriptions (double opt-in), and what was sent to whom, once per period.

A subscription is one address on one list: a language's daily digest, or the daily
stories of one section or one In Focus topic (whose page gives the language). Nothing is
sent until the reader confirms from the email we sent (status `confirmed`). Addresses are
personal data: `services.export_for` / `erase_for` (and `newsdesk newsletters_privacy`).
Decision 0029.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class Kind(models.TextChoices):
    DIGEST = "digest", _("Daily digest")
    SECTION = "section", _("Section")
    TOPIC = "topic", _("In Focus topic")


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


def list_key(kind: str, language: str, page_id: int | None) -> str:
    """One list's name: `digest:en`, `section:12`, `topic:7` (a page has one language)."""
    return f"{kind}:{language}" if kind == Kind.DIGEST else f"{kind}:{page_id}"


def new_secret() -> str:
    return secrets.token_urlsafe(16)


class Subscription(models.Model):
    email = models.EmailField(_("email"), max_length=254)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    kind = models.CharField(_("list"), max_length=10, choices=Kind.choices)
    page = models.ForeignKey(
        Page,
        verbose_name=_("section or topic"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    list_key = models.CharField(max_length=40, editable=False, db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    # In the signed links of this subscription's emails; a new one voids the old links.
    secret = models.CharField(max_length=40, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("subscribed"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["email", "list_key"], name="one_subscription_per_list")
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args: object, **kwargs: object) -> None:
        self.email = self.email.strip().lower()
        self.list_key = list_key(self.kind, self.language, self.page_id)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def list_name(self) -> str:
        if self.kind == Kind.DIGEST:
            return str(Kind.DIGEST.label)
        return self.page.title if self.page is not None else ""

    list_name.short_description = _("list")  # type: ignore[attr-defined]


class Dispatch(models.Model):
    """One list's issue of one period: made once by the worker's tick, sent by a task."""

    list_key = models.CharField(max_length=40)
    period = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    attempted_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    sent = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["list_key", "period"], name="one_dispatch_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.list_key} {self.period}"


class DeliveryStatus(models.TextChoices):
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class Delivery(models.Model):
    """One email to one subscriber for one period: the row is claimed before sending, so
    no one gets a period's issue twice, whoever restarts."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    period = models.DateField()
    status = models.CharField(max_length=8, choices=DeliveryStatus.choices)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period"], name="one_delivery_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscription_id} {self.period} {self.status}"
