"""Purging caches in front of the site (a CDN, Varnish) by the tags pages carry.

Pages leave with their tags in `Surrogate-Key` (space separated: Varnish, Fastly) and
`Cache-Tag` (comma separated: Cloudflare) headers (see pagecache.py). Every
`fragments.invalidate()` — the one place editorial changes are turned into tags — is
passed on here, and a background task asks each configured frontend cache to drop what
carries those tags. Wagtail's frontend-cache framework (WAGTAILFRONTENDCACHE) names the
caches; the backends below add `purge_tags()` to Wagtail's per-address purges, which
Wagtail keeps sending on publish.

The purge waits for the transaction to commit (a cache that refetched before would keep
the old page). A cache next to the site (Varnish: `at_once`) is purged then, before the
editor's answer returns, so that no reader after it gets the old page; a purge through a
CDN's API (or one that failed) runs in the worker, so publishing never waits for it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from datetime import timedelta
from functools import partial
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task
from wagtail.contrib.frontend_cache.backends import BaseBackend, CloudflareBackend, HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("newsdesk.purging")

# Our tags are made of these; anything else is refused rather than sent into a regex.
TAG_RE = re.compile(r"^[A-Za-z0-9:_-]{1,200}$")
TIMEOUT = 30
PURGE_AGAIN_AFTER = timedelta(seconds=1)


def purge_tags_later(sender: Any = None, tags: Iterable[str] = (), **kwargs: Any) -> None:
    if tags and _any_tag_backend():
        wanted = sorted(tags)
        transaction.on_commit(partial(_purge_after_commit, wanted))


def _purge_after_commit(tags: list[str]) -> None:
    """Caches next to the site now; the rest (and any that failed) through the worker."""
    later = False
    for name, backend in get_backends().items():
        if not isinstance(backend, TagPurging):
            continue
        if not backend.at_once:
            later = True
            continue
        try:
            backend.purge_tags([tag for tag in tags if TAG_RE.match(tag)])
        except (OSError, requests.RequestException) as error:
            logger.warning(
                "Couldn't purge tags from %r at once (%s); the worker will retry", name, error
            )
            later = True
    if later:
        purge_tags.enqueue(tags)
    else:
        # Again a moment later: a page the site made before the change but a cache in
        # front stored only after the first purge (its fetch was under way) would
        # otherwise be kept until its s-maxage.
        again = purge_tags
        if again.get_backend().supports_defer:  # the tests' immediate backend does not
            again = again.using(run_after=timezone.now() + PURGE_AGAIN_AFTER)
        again.enqueue(tags)


@task()
def purge_tags(tags: list[str]) -> None:
    valid = [tag for tag in tags if TAG_RE.match(tag)]
    if len(valid) != len(tags):
        logger.error("Not purging malformed tags: %s", sorted(set(tags) - set(valid)))
    if not valid:
        return
    for name, backend in get_backends().items():
        if isinstance(backend, TagPurging):
            try:
                backend.purge_tags(valid)
            except (OSError, requests.RequestException):
                # One cache being down must not keep the others stale.
                logger.exception("Couldn't purge tags from frontend cache %r", name)


def _any_tag_backend() -> bool:
    configured = getattr(settings, "WAGTAILFRONTENDCACHE", None) or {}
    return any(
        issubclass(import_string(backend["BACKEND"]), TagPurging) for backend in configured.values()
    )


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class TagPurging:
    # Purged once the transaction commits, before the answer returns (a cache on the
    # site's own network answers in a millisecond); otherwise by the worker.
    at_once = False

    def purge_tags(self, tags: list[str]) -> None:
        raise NotImplementedError


class _BanRequest(Request):
    def get_method(self) -> str:
        return "BAN"


class VarnishBackend(TagPurging, HTTPBackend):
    """Wagtail's HTTP (PURGE) backend, plus BAN by tag: deploy/varnish/default.vcl bans
    every object whose Surrogate-Key holds one of the tags in `X-Ban-Tags`."""

    BATCH = 100
    at_once = True
    # At once, the editor waits for it: a Varnish that does not answer soon is left to
    # the worker.
    AT_ONCE_TIMEOUT = 2

    def purge_tags(self, tags: list[str]) -> None:
        for chunk in _chunks(tags, self.BATCH):
            location = urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""])
            request = _BanRequest(location, headers={"X-Ban-Tags": "|".join(chunk)})
            with urlopen(request, timeout=self.AT_ONCE_TIMEOUT) as response:
                response.read()


class CloudflareTagBackend(TagPurging, CloudflareBackend):
    """Wagtail's Cloudflare backend with purge by Cache-Tag, at a configurable API address
    (BASE_URL), used for both kinds of purge."""

    TAG_CHUNK = 30

    def __init__(self, params: dict[str, Any]) -> None:
        base = params.pop("BASE_URL", "https://api.cloudflare.com/client/v4").rstrip("/")
        super().__init__(params)
        self.cloudflare_purge_endpoint_url = f"{base}/zones/{self.cloudflare_zoneid}/purge_cache"

    def _purge_urls(self, urls: list[str]) -> None:
        self._post({"files": urls})

    def purge_tags(self, tags: list[str]) -> None:
        for chunk in _chunks(tags, self.TAG_CHUNK):
            self._post({"tags": chunk})

    def _post(self, body: dict[str, list[str]]) -> None:
        headers = {"Content-Type": "application/json"}
        if self.cloudflare_token:
            headers["Authorization"] = f"Bearer {self.cloudflare_token}"
        else:
            headers["X-Auth-Email"] = self.cloudflare_email
            headers["X-Auth-Key"] = self.cloudflare_api_key
        response = requests.post(
            self.cloudflare_purge_endpoint_url, json=body, headers=headers, timeout=TIMEOUT
        )
        try:
            result = response.json()
        except ValueError:
            result = {"success": False, "errors": [{"message": response.text[:200]}]}
        if not response.ok or not result.get("success"):
            errors = ", ".join(str(error.get("message")) for error in result.get("errors", []))
            logger.error("Cloudflare refused a purge of %s: %s", body, errors)


class FastlyBackend(TagPurging, BaseBackend):
    """Fastly: a URL purge per address and a surrogate-key purge for tags (one request
    for up to 256 keys). SOFT marks content stale instead of dropping it, so Fastly
    may serve it while it fetches the new page (stale-while-revalidate)."""

    KEY_CHUNK = 256

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        self.service_id = params.pop("SERVICE_ID")
        self.api_token = params.pop("API_TOKEN")
        self.base_url = params.pop("BASE_URL", "https://api.fastly.com").rstrip("/")
        self.soft = bool(params.pop("SOFT", False))

    def _headers(self) -> dict[str, str]:
        headers = {"Fastly-Key": self.api_token, "Accept": "application/json"}
        if self.soft:
            headers["Fastly-Soft-Purge"] = "1"
        return headers

    def purge(self, url: str) -> None:
        parts = urlsplit(url)
        target = f"{parts.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        response = requests.post(
            f"{self.base_url}/purge/{target}", headers=self._headers(), timeout=TIMEOUT
        )
        if not response.ok:
            logger.error("Fastly refused a purge of %s: %s", url, response.status_code)

    def purge_tags(self, tags: list[str]) -> None:
        for chunk in _chunks(tags, self.KEY_CHUNK):
            headers = {**self._headers(), "Surrogate-Key": " ".join(chunk)}
            response = requests.post(
                f"{self.base_url}/service/{self.service_id}/purge",
                headers=headers,
                timeout=TIMEOUT,
            )
            if not response.ok:
                logger.error("Fastly refused a purge of %s: %s", chunk, response.status_code)
