"""Signed links of one subscription: confirm (expires) and unsubscribe (does not).

Each is Django's signer over the subscription's id and its own random secret, with a salt
per purpose, so a confirmation link cannot unsubscribe and a link of one subscription
names no other. Addresses are absolute, from BASE_URL, in the subscription's language.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Subscription

CONFIRM_SALT = "newsdesk.newsletters.confirm"
UNSUBSCRIBE_SALT = "newsdesk.newsletters.unsubscribe"
# Longer than any token we make: anything longer is refused before it is read.
MAX_TOKEN_LENGTH = 200


def _payload(subscription: Subscription) -> dict[str, object]:
    return {"s": subscription.pk, "k": subscription.secret}


def confirm_token(subscription: Subscription) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(_payload(subscription))


def unsubscribe_token(subscription: Subscription) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(_payload(subscription))


def read_confirm_token(token: str) -> Subscription | None:
    if len(token) > MAX_TOKEN_LENGTH:
        return None
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        payload = signer.unsign_object(token, max_age=settings.NEWSLETTERS_CONFIRM_MAX_AGE)
    except (signing.BadSignature, ValueError):
        return None
    return _subscription(payload)


def read_unsubscribe_token(token: str) -> Subscription | None:
    if len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        payload = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    return _subscription(payload)


def _subscription(payload: object) -> Subscription | None:
    if not isinstance(payload, dict):
        return None
    pk, secret = payload.get("s"), payload.get("k")
    if not isinstance(pk, int) or not isinstance(secret, str):
        return None
    subscription = Subscription.objects.select_related("page").filter(pk=pk).first()
    if subscription is None or not hmac.compare_digest(subscription.secret, secret):
        return None
    return subscription


def absolute(path: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def confirm_url(subscription: Subscription) -> str:
    with translation.override(subscription.language):
        path = reverse("newsletters:confirm", args=[confirm_token(subscription)])
    return absolute(path)


def unsubscribe_url(subscription: Subscription) -> str:
    with translation.override(subscription.language):
        path = reverse("newsletters:unsubscribe", args=[unsubscribe_token(subscription)])
    return absolute(path)
