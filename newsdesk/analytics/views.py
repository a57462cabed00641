"""The view beacon: POST from article pages (JS), or a GET pixel (no JS).

Both answer at once: the request runs the checks that need nothing outside this
process, and the rest of the pipeline (rate limit, dedupe, the count) runs in the
background. Pages may be served from a cache, so the beacon carries no CSRF token and
sets no cookie.
"""

from __future__ import annotations

import base64

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from newsdesk.core import clients

from .pipeline import MAX_BODY_BYTES, Event, Reason, Rejected, submit
from .stores import get_store

# The smallest transparent GIF, for the <noscript> pixel.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
PURPOSE_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


def _event(request: HttpRequest, body: bytes | None = None) -> Event:
    return Event(
        at=timezone.now(),
        ip=clients.client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        purpose=" ".join(request.META.get(name, "") for name in PURPOSE_HEADERS),
        body=body,
        page_param=request.GET.get("page") if body is None else None,
    )


def _problem(error: Rejected) -> JsonResponse:
    titles = {400: "Bad Request", 413: "Content Too Large"}
    response = JsonResponse(
        {
            "type": "about:blank",
            "title": titles[error.status],
            "status": error.status,
            "detail": error.detail,
        },
        status=error.status,
        content_type="application/problem+json",
    )
    response["Cache-Control"] = "no-store"
    return response


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@require_POST
def beacon(request: HttpRequest) -> HttpResponse:
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        # Refused before reading: a large body is never pulled into memory.
        error = Rejected(Reason.TOO_LARGE, 413, f"A beacon is at most {MAX_BODY_BYTES} bytes.")
        get_store().add_drop(error.reason.value, timezone.now())
        return _problem(error)
    try:
        submit(_event(request, request.read(MAX_BODY_BYTES + 1)))
    except Rejected as error:
        return _problem(error)
    return _no_store(HttpResponse(status=204))


@require_GET
def pixel(request: HttpRequest) -> HttpResponse:
    try:
        submit(_event(request))
    except Rejected as error:
        return _problem(error)
    return _no_store(HttpResponse(PIXEL, content_type="image/gif"))
