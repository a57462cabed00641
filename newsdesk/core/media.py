"""Uploaded media (pictures, their renditions, films, captions) served beside the site.

An upload is someone's file, not our page: each answer says so with headers that the
rest of the site's security headers (SecurityMiddleware, the CSP middleware) never reach,
because media do not go through Django. `nosniff` keeps a browser from reading a picture
as HTML or script; the policy in NEWSDESK_MEDIA_CONTENT_SECURITY_POLICY runs no script
and, with `sandbox`, gives a file opened on its own address no origin to act for.

WhiteNoise serves them (Range requests for films, ETags, Last-Modified), looking each
address up on disk when asked (`autorefresh`), since uploads arrive while the site runs.
Media in object storage (production's MEDIA_S3_*) are not here: that bucket or its CDN
sends these headers (docs/security.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.headers import Headers

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from whitenoise.base import WhiteNoise

WSGIApplication = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def media_headers() -> dict[str, str]:
    return {
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": settings.NEWSDESK_MEDIA_CONTENT_SECURITY_POLICY,
        "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
    }


def _add_media_headers(headers: Headers, path: str, url: str) -> None:
    for name, value in media_headers().items():
        headers[name] = value


class MediaFiles(WhiteNoise):
    def __init__(self, application: WSGIApplication) -> None:
        super().__init__(
            application,
            autorefresh=True,
            max_age=settings.NEWSDESK_MEDIA_MAX_AGE,
            add_headers_function=_add_media_headers,
        )
        self.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)


def with_media(application: WSGIApplication, storage: Storage | None = None) -> WSGIApplication:
    """`application`, answering MEDIA_URL from MEDIA_ROOT first when media are on disk."""
    if isinstance(storage or default_storage, FileSystemStorage):
        return MediaFiles(application)
    return application
