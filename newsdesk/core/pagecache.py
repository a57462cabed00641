"""Whole pages kept for anonymous readers, purged by the tags their parts show.

A reader without a session sees the same page as every other such reader, so the
finished response (its bytes, already compressed) is kept in the shared cache and
served to the next one without running the view. What a page shows is known exactly:
while it renders, every `fragments.shows()` and every kept fragment it reuses records
its tags into the page's recording (see fragments.py), and the page is stored with the
version each tag had. A hit is served only while all of them still have that version,
so publishing article 42 (tag `page:42`, plus the lists it belongs to) drops precisely
the pages that showed it, in every process at once; nothing else is touched.

The same tags leave as `Surrogate-Key` / `Cache-Tag` headers, so a CDN or a cache
server in front can be purged by the same invalidations (see purging.py).

The key holds the query parameters the page reads, as its view or kind declares them
(params.py), parsed and in canonical form: other parameters share the plain page's entry,
and a value the page cannot read gets the page's 400 or 404 and no entry.

Bypassed: logged-in people (a session cookie that names an existing session; the session
itself is not loaded to find out), previews, methods other than GET and HEAD, and
responses that set a cookie, are private or no-store, stream, or are not pages, feeds or
sitemaps (CONTENT_TYPES), redirects or 404s.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import brotli
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import BadRequest, DisallowedHost
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control

from . import fragments, params

ENTRY_KEY = "newsdesk:page:v1:{}"
# Where the middleware leaves the entry it answered with, in the WSGI environ.
ENVIRON_KEY = "newsdesk.pagecache.key"
ENVIRON_ENTRY = "newsdesk.pagecache.entry"
# Shown by cached 404s and redirects: any new address (a page published or moved, a
# redirect added) may turn one of them into a page.
ADDRESSES = fragments.list_wide_tag("addresses")
# Not stored with an entry: set for each answer, or meaningless once stored.
_SKIPPED_HEADERS = {
    "cache-control",
    "content-encoding",
    "content-length",
    "date",
    "etag",
    "expires",
    "last-modified",
    "set-cookie",
    "vary",
    "x-cache",
}
_CACHEABLE_STATUSES = {200, 301, 404, 410}
# What Django's session keys look like (SessionBase._get_new_session_key): 32 characters
# of lowercase letters and digits.
SESSION_KEY_FORMAT = re.compile(r"[a-z0-9]{32}")
_ENCODINGS = ("br", "gzip")


def config() -> dict[str, Any]:
    return settings.NEWSDESK_PAGE_CACHE


@dataclass(frozen=True)
class Entry:
    status: int
    headers: tuple[tuple[str, str], ...]
    # The body as sent for each content coding ("identity", "gzip", "br"): a hit
    # compresses nothing.
    bodies: dict[str, bytes]
    # A hash of the identity body: the strong validator of every coding (with a suffix).
    digest: str
    versions: dict[str, str]
    stored_at: float
    expires_at: float

    @property
    def tags(self) -> list[str]:
        return sorted(self.versions)


class PageCacheMiddleware:
    """Serves and fills the page cache. Sits after LocaleMiddleware (the language is part
    of the key) and before everything that reads the session or the CSRF cookie."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # Every kept part this page uses is checked against one reading of CHANGES.
        with fragments.changes_read_once():
            return self._serve(request)

    def _serve(self, request: HttpRequest) -> HttpResponseBase:
        if not config()["ENABLED"]:
            return self.get_response(request)
        if not is_anonymous_read(request):
            return _bypassed(request, self.get_response(request))
        # Finding a page's kind (to know what it reads) routes it: what that shows is
        # recorded with the rest of the page.
        with fragments.recording() as shown:
            try:
                key = key_for(request)
            except (BadRequest, Http404):
                # A parameter the page cannot read: the view answers its 4xx, kept nowhere.
                return _not_kept(self.get_response(request))
            if key is None:
                return _bypassed(request, self.get_response(request))
            entry: Entry | None = cache.get(key)
            if entry is not None and _usable(entry):
                return _answered(request, key, entry, "HIT")
            response = self.get_response(request)
        entry = _entry_for(request, response, shown)
        # Checked after compressing, the slow part: the later the check, the smaller the
        # window in which a change can pass unseen before a cache in front stores the page.
        if not shown.unchanged():
            return _made_during_a_change(response)
        if entry is None:
            return _not_kept(response)
        cache.set(key, entry, max(1, int(entry.expires_at - entry.stored_at)))
        return _answered(request, key, entry, "MISS")


def _answered(request: HttpRequest, key: str, entry: Entry, state: str) -> HttpResponse:
    # Left for the WSGI fast path (fastpath.py), which learns from this answer how to
    # give the next one itself.
    request.META[ENVIRON_KEY] = key
    request.META[ENVIRON_ENTRY] = entry
    return answer(request, entry, state)


# Who and what is cached ----------------------------------------------------------------


def is_anonymous_read(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    return not has_session(request)


def may_have_session(cookies: Mapping[str, str]) -> bool:
    """Whether the cookies may name a session: a session cookie in the format of a session
    key. Anything else (a made-up or mangled cookie) is an anonymous reader's."""
    return any(
        SESSION_KEY_FORMAT.fullmatch(cookies.get(name, "")) for name in config()["BYPASS_COOKIES"]
    )


def has_session(request: HttpRequest) -> bool:
    """A session that exists: a logged-in person (or one who opened a password-protected
    page), whose pages are theirs alone. One lookup in the session store, only for
    requests that carry a well-formed session cookie; it does not load the session."""
    if not may_have_session(request.COOKIES):
        return False
    session = getattr(request, "session", None)
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    return session is None or not SESSION_KEY_FORMAT.fullmatch(key) or session.exists(key)


def key_for(request: HttpRequest) -> str | None:
    """Host, scheme, path, language and the query parameters this kind of page reads
    (params.py), parsed and in their canonical form; a bad one raises BadRequest or
    Http404 (the page's own answer)."""
    if request.path_info.startswith(tuple(config()["NEVER_PATHS"])):
        return None
    try:
        host = request.get_host()
        match = resolve(request.path_info)
    except (DisallowedHost, Resolver404):
        return None
    query = params.of(request, params.spec_for(request, match))
    raw = "|".join(
        (request.scheme or "", host, request.path, translation.get_language(), query.urlencode())
    )
    return ENTRY_KEY.format(hashlib.sha256(raw.encode()).hexdigest())


def _usable(entry: Entry) -> bool:
    return entry.expires_at > time.time() and fragments.still_current(entry.versions)


def _entry_for(
    request: HttpRequest, response: HttpResponseBase, shown: fragments.Recording
) -> Entry | None:
    if not _may_keep(request, response):
        return None
    if response.status_code != 200 and params.any_given(request):
        # A page number past the end, say: one entry per made-up value would flood the
        # cache. Only the 404s and redirects of plain addresses are kept.
        return None
    assert isinstance(response, HttpResponse)
    if response.status_code == 200:
        seconds = config()["SECONDS"]
    else:
        # Into the recording, not only the entry: a 404 rendered before a publish commits
        # and kept after its second invalidation would otherwise carry the addresses' new
        # version; the recording's check (Recording.unchanged) finds it made across it.
        shown.versions.update(fragments.current_versions([ADDRESSES]))
        seconds = config()["ERROR_SECONDS"]
    versions = dict(shown.versions)
    now = time.time()
    expires_at = now + seconds
    if shown.expires_at is not None:
        expires_at = min(expires_at, shown.expires_at.timestamp())
    if expires_at <= now:
        return None
    body = response.content
    headers = tuple(
        (name, value) for name, value in response.items() if name.lower() not in _SKIPPED_HEADERS
    )
    return Entry(
        status=response.status_code,
        headers=headers,
        bodies=_compressed(body),
        digest=hashlib.sha256(body).hexdigest()[:32],
        versions=versions,
        stored_at=now,
        expires_at=expires_at,
    )


def _may_keep(request: HttpRequest, response: HttpResponseBase) -> bool:
    if getattr(request, "is_preview", False) or response.streaming:
        return False
    if response.status_code not in _CACHEABLE_STATUSES or response.cookies:
        return False
    if response.has_header("Content-Encoding"):
        return False
    if response.status_code == 200 and not _kept_content_type(response):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache", "max-age=0")):
        return False
    # The page wrote to the session: the middleware outside would set a cookie.
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def _kept_content_type(response: HttpResponseBase) -> bool:
    """Pages, feeds and sitemaps (CONTENT_TYPES): what every anonymous reader shares."""
    content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return content_type in config()["CONTENT_TYPES"]


def _compressed(body: bytes) -> dict[str, bytes]:
    bodies = {"identity": body}
    if len(body) >= config()["COMPRESS_MIN_BYTES"]:
        bodies["br"] = brotli.compress(body, quality=config()["BROTLI_QUALITY"])
        bodies["gzip"] = gzip.compress(body, compresslevel=6, mtime=0)
    return bodies


# Answers -------------------------------------------------------------------------------


def answer(request: HttpRequest, entry: Entry, state: str) -> HttpResponse:
    """The entry as a response for this request: its coding, a 304 when the reader has it."""
    found = reply(
        entry,
        method=request.method or "GET",
        if_none_match=request.headers.get("If-None-Match", ""),
        accept_encoding=request.headers.get("Accept-Encoding", ""),
        state=state,
    )
    response = HttpResponse(status=found.status)
    del response["Content-Type"]
    for name, value in found.headers:
        response[name] = value
    if found.body:
        response.content = found.body
    return response


@dataclass(frozen=True)
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def reply(
    entry: Entry, *, method: str, if_none_match: str, accept_encoding: str, state: str
) -> Reply:
    """What answers a request for `entry`, as plain values: Django's middleware and the
    WSGI fast path (fastpath.py) send the very same status, headers and bytes."""
    coding = _coding_for(accept_encoding, entry)
    etag = f'"{entry.digest}"' if coding == "identity" else f'"{entry.digest}-{coding}"'
    headers: list[tuple[str, str]] = []
    body = b""
    if _matches(if_none_match, entry.digest):
        status = 304
    else:
        status = entry.status
        headers.extend(entry.headers)
        coded = entry.bodies[coding]
        if method != "HEAD":
            body = coded
        headers.append(("Content-Length", str(len(coded))))
        if coding != "identity":
            headers.append(("Content-Encoding", coding))
    tags = entry.tags
    headers += [
        ("ETag", etag),
        ("Vary", "Accept-Encoding"),
        ("Cache-Control", public_control(entry)),
        ("Surrogate-Key", " ".join(tags)),
        ("Cache-Tag", ",".join(tags)),
        ("X-Cache", state),
    ]
    return Reply(status, headers, body)


def public_control(entry: Entry) -> str:
    left = max(0, int(entry.expires_at - time.time()))
    return (
        f"public, max-age={min(config()['MAX_AGE'], left)}, "
        f"s-maxage={min(config()['S_MAXAGE'], left)}, "
        f"stale-while-revalidate={config()['STALE_WHILE_REVALIDATE']}"
    )


def _coding_for(accept_encoding: str, entry: Entry) -> str:
    accepted = _accepted_codings(accept_encoding)
    for coding in _ENCODINGS:
        if coding in entry.bodies and coding in accepted:
            return coding
    return "identity"


def _accepted_codings(header: str) -> set[str]:
    accepted = set()
    for item in header.split(","):
        name, _sep, params = item.strip().partition(";")
        quality = params.strip().removeprefix("q=").strip()
        if name and quality not in ("0", "0.0", "0.00", "0.000"):
            accepted.add(name.strip().lower())
    return accepted


def _matches(if_none_match: str, digest: str) -> bool:
    """Weak comparison (as for GET): any coding of the same body is the same page."""
    for candidate in if_none_match.split(","):
        value = candidate.strip().removeprefix("W/").strip('"')
        if value == "*" or value.split("-", 1)[0] == digest:
            return True
    return False


def _bypassed(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """A logged-in person's page is theirs alone: no shared cache may keep it."""
    control = response.get("Cache-Control", "")
    if request.method in ("GET", "HEAD") and (not control or "public" in control):
        response.headers.pop("Cache-Control", None)
        patch_cache_control(response, private=True, no_cache=True)
    response["X-Cache"] = "BYPASS"
    return response


def _made_during_a_change(response: HttpResponseBase) -> HttpResponseBase:
    """Made while something changed: right for this request, not to be kept by anyone
    (fragments.Recording.unchanged); a cache in front would keep it past its purge."""
    response.headers.pop("Cache-Control", None)
    patch_cache_control(response, no_cache=True)
    response["X-Cache"] = "BYPASS"
    return response


def _not_kept(response: HttpResponseBase) -> HttpResponseBase:
    if response.cookies and not response.has_header("Cache-Control"):
        # It is this reader's alone; a shared cache must not hand the cookie to others.
        patch_cache_control(response, private=True, no_cache=True)
    response["X-Cache"] = "BYPASS"
    return response
