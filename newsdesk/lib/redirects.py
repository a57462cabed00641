"""Where a form may send its user next: only back to this site."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, candidate: str | None, fallback: str) -> str:
    """`candidate` (a `next=` from the request) if it stays on this host with a web
    scheme, otherwise `fallback`: an off-site, `//host` or `javascript:` address would
    turn our trusted domain into a springboard, or make `redirect()` fail with a 500."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback
