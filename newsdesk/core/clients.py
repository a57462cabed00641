"""Who is asking: the reader's address, as seen through the site's own proxies."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the entry that the last of NEWSDESK_TRUSTED_PROXIES proxies added to
    X-Forwarded-For (entries before it can be forged by the client)."""
    proxies = int(settings.NEWSDESK_TRUSTED_PROXIES)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))
