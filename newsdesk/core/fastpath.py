"""Page-cache hits answered at the WSGI door, before Django runs.

The page cache middleware (pagecache.py) answers a hit from inside Django: by then Django
has built a request, sent its signals and run a dozen middleware, which costs several
times what the hit itself does. This wrapper answers the same hits, with the same status,
headers and bytes, without entering Django.

It knows only what Django taught it. When the middleware answers a request (a hit or a
miss) it leaves the entry and its key in the WSGI environ; the wrapper then remembers,
for that request's *signature* (scheme, host, path and raw query string, and the proxy
headers that can change scheme and host), the entry's key and the headers the middleware
outside the page cache added (security headers, Content-Language, Vary). The key is a
function of the signature alone: the language comes from the path (English unprefixed,
/ar/ and /fa/ otherwise; LocaleMiddleware reads no cookie or Accept-Language for such
URLs), and the rest is scheme, host, path and the query parameters.

A remembered entry is served while it has not expired and every tag it shows still has
the version it was stored with. Checking each tag is a read per tag on the file cache,
so it is done only when something was invalidated since this process last checked:
every invalidation gives the `changes` tag a new version (fragments.invalidate), and one
read of it tells whether anything at all changed. With Redis, not even that: each process
hears of invalidations on a channel (changewatch.py), and a hit reads nothing shared.

Everything else goes to Django: other methods, a session cookie (logged-in people), a
signature not seen yet, an expired or stale entry, and small bodies that Django's gzip
middleware would compress itself.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http.cookie import parse_cookie

from . import fragments, pagecache

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
Headers = list[tuple[str, str]]

# Recomputed for each answer by pagecache.reply(); every other header is learned.
_PER_ANSWER = {
    "cache-control",
    "cache-tag",
    "content-encoding",
    "content-length",
    "etag",
    "surrogate-key",
    "x-cache",
}
_ANSWERS_PER_ADDRESS = 16
_SIGNATURE_KEYS = (
    "wsgi.url_scheme",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PROTO",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
)


@dataclass(frozen=True)
class _Answer:
    status_line: str
    # Every header but Cache-Control, whose max-age shrinks as the entry ages.
    headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass(frozen=True)
class _Known:
    key: str
    outer_headers: tuple[tuple[str, str], ...]
    # The answers given lately, by entry and by what the request asked for (method,
    # If-None-Match, Accept-Encoding): most readers ask alike.
    answers: dict[tuple[str, float, str, str, str], _Answer] = field(default_factory=dict)


@dataclass
class _Kept:
    entry: pagecache.Entry
    size: int
    # The version of fragments.CHANGES when the entry's tags were last found current.
    checked: str | None = None


class PageCacheHits:
    """WSGI middleware: answers page-cache hits itself, passes everything else on."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._known: OrderedDict[str, _Known] = OrderedDict()
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        self._kept_bytes = 0
        self._signature_keys = _SIGNATURE_KEYS + _proxy_ssl_header()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        if not self._may_answer(environ):
            return self.app(environ, start_response)
        signature = "\x1f".join(str(environ.get(name, "")) for name in self._signature_keys)
        known = self._known.get(signature)
        entry = self._usable_entry(known.key) if known else None
        if known is None or entry is None:
            return self._learning(environ, start_response, signature)
        answer = _answer_for(known, entry, environ)
        control = ("Cache-Control", pagecache.public_control(entry))
        start_response(answer.status_line, [*answer.headers, control])
        return [answer.body] if answer.body else []

    def _may_answer(self, environ: dict[str, Any]) -> bool:
        if not pagecache.config()["ENABLED"]:
            return False
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return False
        raw_cookies = environ.get("HTTP_COOKIE")
        # A cookie that may name a session goes to Django, which asks the session store;
        # a made-up one does not keep a reader from the cache.
        return not raw_cookies or not pagecache.may_have_session(parse_cookie(raw_cookies))

    # Serving what was learned ------------------------------------------------------------

    def _usable_entry(self, key: str) -> pagecache.Entry | None:
        kept = self._kept.get(key)
        if kept is None:
            stored: pagecache.Entry | None = cache.get(key)
            if stored is None or not _servable(stored):
                return None
            kept = self._keep(key, stored)
        if kept.entry.expires_at <= time.time():
            self._forget(key)
            return None
        changes = fragments.changes()
        if kept.checked != changes:
            # Read after `changes`: a change made in between makes the next read differ.
            if not fragments.still_current(kept.entry.versions):
                self._forget(key)
                return None
            kept.checked = changes
        return kept.entry

    # Learning from Django's answers ------------------------------------------------------

    def _learning(
        self, environ: dict[str, Any], start_response: Callable[..., Any], signature: str
    ) -> Iterable[bytes]:
        answered: list[tuple[str, Headers]] = []

        def recording_start_response(status: str, headers: Headers, *args: Any) -> Any:
            answered.append((status, headers))
            return start_response(status, headers, *args)

        result = self.app(environ, recording_start_response)
        key = environ.get(pagecache.ENVIRON_KEY)
        entry = environ.get(pagecache.ENVIRON_ENTRY)
        if key and entry is not None and answered:
            self._learn(signature, key, entry, *answered[-1])
        return result

    def _learn(
        self,
        signature: str,
        key: str,
        entry: pagecache.Entry,
        status: str,
        headers: Headers,
    ) -> None:
        names = {name.lower() for name, _value in headers}
        if int(status.split(" ", 1)[0]) != entry.status or "set-cookie" in names:
            return  # a 304, or an answer this reader alone may have
        if not _servable(entry):
            return
        own = {name.lower() for name, _value in entry.headers} | _PER_ANSWER
        outer = tuple((name, value) for name, value in headers if name.lower() not in own)
        with self._lock:
            self._known[signature] = _Known(key, outer)
            self._known.move_to_end(signature)
            while len(self._known) > _limits()["LOCAL_SIGNATURES"]:
                self._known.popitem(last=False)
        self._keep(key, entry)

    def _keep(self, key: str, entry: pagecache.Entry) -> _Kept:
        kept = _Kept(entry, sum(len(body) for body in entry.bodies.values()))
        with self._lock:
            self._forget_locked(key)
            self._kept[key] = kept
            self._kept_bytes += kept.size
            while self._kept_bytes > _limits()["LOCAL_BYTES"] and self._kept:
                _key, dropped = self._kept.popitem(last=False)
                self._kept_bytes -= dropped.size
        return kept

    def _forget(self, key: str) -> None:
        with self._lock:
            self._forget_locked(key)

    def _forget_locked(self, key: str) -> None:
        dropped = self._kept.pop(key, None)
        if dropped is not None:
            self._kept_bytes -= dropped.size


def _answer_for(known: _Known, entry: pagecache.Entry, environ: dict[str, Any]) -> _Answer:
    method = environ["REQUEST_METHOD"]
    if_none_match = environ.get("HTTP_IF_NONE_MATCH", "")
    accept_encoding = environ.get("HTTP_ACCEPT_ENCODING", "")
    asked = (entry.digest, entry.stored_at, method, if_none_match, accept_encoding)
    answer = known.answers.get(asked)
    if answer is None:
        found = pagecache.reply(
            entry,
            method=method,
            if_none_match=if_none_match,
            accept_encoding=accept_encoding,
            state="HIT",
        )
        replaced = {name.lower() for name, _value in known.outer_headers} | {"cache-control"}
        own = tuple((n, v) for n, v in found.headers if n.lower() not in replaced)
        answer = _Answer(_status_line(found.status), own + known.outer_headers, found.body)
        if len(known.answers) >= _ANSWERS_PER_ADDRESS:
            known.answers.clear()
        known.answers[asked] = answer
    return answer


def _servable(entry: pagecache.Entry) -> bool:
    # Without a gzip body, Django's GZipMiddleware may compress the answer itself, which
    # this path does not imitate: such (small) pages are left to Django.
    return "gzip" in entry.bodies


def _limits() -> dict[str, int]:
    return pagecache.config()["FAST_PATH"]


def _proxy_ssl_header() -> tuple[str, ...]:
    header = settings.SECURE_PROXY_SSL_HEADER
    return (header[0],) if header else ()


def _status_line(status: int) -> str:
    return f"{status} {HTTPStatus(status).phrase}"
