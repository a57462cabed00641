"""Which Wagtail site answers a request, remembered instead of queried on every request.

Wagtail looks the site up with a query per request, and reads the sites' root paths
(which every page URL is made from) from the shared cache once per request. Sites change
almost never, so the answers are remembered in each process (fragments.remembered) until
a site or a site's root page changes, and each site's root page until that page changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Locale, Page, Site
from wagtail.models.sites import SiteRootPath, get_site_for_hostname

from . import fragments, relocation

SITE_KEY = "newsdesk:site:v2:{}:{}"
DEFAULT_SITE_KEY = "newsdesk:default-site:v1"
# Invalidated when a site is saved or deleted (core/invalidation.py).
SITES_TAG = "sites"
ROOT_KEY = "newsdesk:site-root:v2:{}:{}"
ROOT_PATHS_KEY = "newsdesk:site-root-paths:v1"
LOCALE_KEY = "newsdesk:locale:v1:{}"
LANGUAGE_KEY = "newsdesk:locale-language:v1:{}"
# Invalidated when a locale is saved or deleted (core/invalidation.py).
LOCALES_TAG = "locales"


@dataclass(frozen=True)
class ActiveLocale:
    pk: int
    language_code: str


def active_locale() -> ActiveLocale:
    """Wagtail's Locale.get_active() (the active language's locale, else the default one),
    remembered until a locale is added, changed or deleted: it is one query otherwise."""
    language = translation.get_language()
    return fragments.remembered(LOCALE_KEY.format(language), _find_active_locale)


def language_of(locale_id: int) -> str:
    """The language code of a locale, remembered like active_locale()."""
    return fragments.remembered(LANGUAGE_KEY.format(locale_id), partial(_find_language, locale_id))


def _find_language(locale_id: int) -> str:
    fragments.shows(LOCALES_TAG)
    return str(Locale.objects.get(pk=locale_id).language_code)


def _find_active_locale() -> ActiveLocale:
    fragments.shows(LOCALES_TAG)
    locale = Locale.get_active()
    return ActiveLocale(locale.pk, locale.language_code)


def root_paths() -> list[SiteRootPath]:
    """Wagtail's Site.get_site_root_paths(), remembered until a site or a root page changes
    (the same events on which Wagtail clears its own copy; core/invalidation.py)."""
    return fragments.remembered(ROOT_PATHS_KEY, _find_root_paths)


def _find_root_paths() -> list[SiteRootPath]:
    fragments.shows(SITES_TAG)
    return Site.get_site_root_paths()


def site_for(hostname: str, port: int) -> Site | None:
    return fragments.remembered(
        SITE_KEY.format(hostname, port), partial(_find_site, hostname, port)
    )


def _find_site(hostname: str, port: int) -> Site | None:
    fragments.shows(SITES_TAG)
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


def root_page_for(site: Site) -> Page:
    """The site's root page in the active language (its translation, if published)."""
    key = ROOT_KEY.format(site.pk, translation.get_language())
    found = fragments.remembered(key, partial(_find_root, site.root_page_id))
    # The root of another language stands in: the page shows what would replace it.
    fragments.shows(*found.stand_in_tags)
    return found.page


def default_site() -> Site | None:
    return fragments.remembered(DEFAULT_SITE_KEY, _find_default_site)


def _find_default_site() -> Site | None:
    fragments.shows(SITES_TAG)
    return Site.objects.filter(is_default_site=True).first()


def site_name(request: HttpRequest | None = None) -> str:
    """The site's name in the active language: its home page's "site name" (each
    language's home page has its own, edited by editors), else SITE_NAME."""
    site = getattr(request, "_wagtail_site", None) or default_site()
    if site is None:
        return settings.WAGTAIL_SITE_NAME
    return getattr(root_page_for(site), "site_name", "") or settings.WAGTAIL_SITE_NAME


@dataclass(frozen=True)
class _Root:
    page: Page
    # Tags that change when a translation of the root appears or goes, for a root that
    # stands in for the active language's; empty when it is the active language's own.
    stand_in_tags: tuple[str, ...]


def _find_root(root_page_id: int) -> _Root:
    fragments.shows(SITES_TAG)  # the site may have a new root page
    site_root = Page.objects.get(pk=root_page_id)
    # A translation of the root, published or withdrawn, is a child of the same parent.
    parents = Page.objects.filter(path=site_root.path[: -Page.steplen]).values_list("pk")
    list_tags = tuple(relocation.children_tag(pk) for (pk,) in parents)
    fragments.shows(f"page:{root_page_id}", *list_tags)
    root = site_root.localized.specific
    fragments.shows(f"page:{root.pk}")
    own = root.locale.language_code == translation.get_language()
    return _Root(root, () if own else list_tags)


class CachedSiteMiddleware:
    """Answers Site.find_for_request() for the rest of the request from the cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        attach(request)
        return self.get_response(request)


def address_of(base_url: str) -> tuple[str, int]:
    """The host name and port of a public address such as BASE_URL."""
    parts = urlsplit(base_url)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def point_default_site_at(base_url: str) -> Site | None:
    """Give the default site the host and port of `base_url` (BASE_URL), from which every
    absolute address is made: canonical links, Open Graph, JSON-LD, feeds, sitemaps,
    robots.txt. Saved only when they differ, since saving a site drops every kept page
    (core/apps.py); left alone when another site already answers at that address."""
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = address_of(base_url)
    if site is None or (site.hostname, site.port) == (hostname, port):
        return site
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        return site
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return site


def attach(request: HttpRequest) -> None:
    """The request's site and root paths, from memory, where Wagtail looks for them (the
    page cache also routes a page before this middleware runs, to learn its kind)."""
    # The raw host, as Wagtail uses it: ALLOWED_HOSTS is checked by Django itself.
    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
    request._wagtail_site = site_for(hostname, int(request.get_port()))  # type: ignore[attr-defined]
    # Where Wagtail's Page.get_url_parts() looks for them before asking the cache.
    request._wagtail_cached_site_root_paths = root_paths()  # type: ignore[attr-defined]
