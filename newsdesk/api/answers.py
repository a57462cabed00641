"""Finished answers of the API, kept until something they show changes, as pages are.

While an answer is made, what it shows is recorded (`fragments.recording()`): the tag a
list changes with (`articles:latest`, `gallery:latest`, `addresses`) and `page:<id>` or
`person:<id>` of every item in it (see present.py). The body is stored in the shared
cache with the version each tag had, and with its ETag. The next GET of the same address
is answered from it while every tag still has that version: two reads of the shared
cache, no query, no validation, no JSON. A matching If-None-Match then costs a 304 and
nothing more.

Only 200s are kept. Turning the page cache off (`PAGE_CACHE=0`) turns this off too, to
measure what rendering costs; the ETag then comes from each new body, as it always does.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import get_conditional_response

from newsdesk.core import fragments, pagecache

KEY = "newsdesk:api:v1:{}"
# Readers of the API (apps, aggregators, partner sites) may reuse an answer this long; after
# that a conditional request with the ETag costs them a 304 and no body.
MAX_AGE = 60

Run = Callable[..., HttpResponseBase]


@dataclass(frozen=True)
class Answer:
    body: bytes
    content_type: str
    etag: str
    versions: dict[str, str]
    expires_at: float


def with_validator(response: HttpResponse) -> HttpResponse:
    """A strong ETag from the body, and how long clients may reuse it."""
    digest = hashlib.sha256(response.content).hexdigest()[:32]
    response["ETag"] = f'"{digest}"'
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


def kept(run: Run) -> Run:
    """Wraps a whole operation (ninja's "view" decorator mode): a kept answer skips
    parsing, the view and rendering."""

    @wraps(run)
    def answer(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
        key = _key_for(request)
        if key is None:
            return _conditional(request, run(request, **kwargs))
        stored: Answer | None = cache.get(key)
        if stored is not None and _usable(stored):
            return _conditional(request, _response(stored))
        with fragments.recording() as shown:
            response = run(request, **kwargs)
        stored = _keep(key, response, shown)
        if stored is not None:
            _headers(response, stored)
        elif response.status_code == 200:
            # Made across a change: right for this request, kept by no one (a cache in
            # front would keep it for its max-age with no tag to purge it by).
            response["Cache-Control"] = "no-cache"
        return _conditional(request, response)

    return answer


def _key_for(request: HttpRequest) -> str | None:
    """Scheme, host, path and query as sent (the `next` links repeat it), and language."""
    if request.method != "GET" or not pagecache.config()["ENABLED"]:
        return None
    raw = f"{request.build_absolute_uri()}|{translation.get_language()}"
    return KEY.format(hashlib.sha256(raw.encode()).hexdigest())


def _usable(stored: Answer) -> bool:
    return stored.expires_at > time.time() and fragments.still_current(stored.versions)


def _keep(key: str, response: HttpResponseBase, shown: fragments.Recording) -> Answer | None:
    if response.status_code != 200 or not isinstance(response, HttpResponse):
        return None
    if not shown.unchanged():  # made across a change: see fragments.Recording.unchanged
        return None
    now = time.time()
    expires_at = now + pagecache.config()["SECONDS"]
    if shown.expires_at is not None:
        expires_at = min(expires_at, shown.expires_at.timestamp())
    if expires_at <= now:
        return None
    stored = Answer(
        body=response.content,
        content_type=response["Content-Type"],
        etag=response["ETag"],
        versions=dict(shown.versions),
        expires_at=expires_at,
    )
    cache.set(key, stored, max(1, int(expires_at - now)))
    return stored


def _response(stored: Answer) -> HttpResponse:
    response = HttpResponse(stored.body, content_type=stored.content_type)
    response["ETag"] = stored.etag
    _headers(response, stored)
    return response


def _headers(response: HttpResponseBase, stored: Answer) -> None:
    """Public, with the tags it shows for caches in front, as pages go (pagecache.py): a
    public answer without them could only wait out its max-age in Varnish or a CDN."""
    response["Cache-Control"] = _control(stored)
    tags = sorted(stored.versions)
    response["Surrogate-Key"] = " ".join(tags)
    response["Cache-Tag"] = ",".join(tags)


def _control(stored: Answer) -> str:
    # Not past what the answer shows ends (a kept part's end included): see fragments.py.
    left = max(0, int(stored.expires_at - time.time()))
    return f"public, max-age={min(MAX_AGE, left)}"


def _conditional(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """304 Not Modified when the client already has this answer."""
    if not isinstance(response, HttpResponse) or response.status_code != 200:
        return response
    return get_conditional_response(request, etag=response["ETag"], response=response) or response
