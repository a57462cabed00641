"""Which Wagtail site answers a request, remembered instead of queried on every request.

Wagtail looks the site up with a query per request. Sites change almost never, so the
answers are kept in the cache (shared by all workers) and forgotten when a site or any
page changes (a site's root page may have moved or been retitled).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

CACHE_KEY = "newsdesk:sites:v1"
ROOT_KEY = "newsdesk:site-root:v1:{}:{}"
CACHE_SECONDS = 60 * 60


def site_for(hostname: str, port: int) -> Site | None:
    known: dict[tuple[str, int], Site | None] = cache.get(CACHE_KEY) or {}
    if (hostname, port) not in known:
        try:
            known[(hostname, port)] = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            known[(hostname, port)] = None
        cache.set(CACHE_KEY, known, CACHE_SECONDS)
    return known[(hostname, port)]


def root_page_for(site: Site) -> Page:
    """The site's root page in the active language (its translation, if published)."""
    key = ROOT_KEY.format(site.pk, translation.get_language())
    root = cache.get(key)
    if root is None:
        root = Page.objects.get(pk=site.root_page_id).localized.specific
        cache.set(key, root, CACHE_SECONDS)
    return root


def forget(**kwargs: Any) -> None:
    keys = [
        ROOT_KEY.format(site_id, language)
        for site_id in Site.objects.values_list("pk", flat=True)
        for language, _name in settings.LANGUAGES
    ]
    cache.delete_many([CACHE_KEY, *keys])


class CachedSiteMiddleware:
    """Answers Site.find_for_request() for the rest of the request from the cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The raw host, as Wagtail uses it: ALLOWED_HOSTS is checked by Django itself.
        hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
        request._wagtail_site = site_for(hostname, int(request.get_port()))  # type: ignore[attr-defined]
        return self.get_response(request)
