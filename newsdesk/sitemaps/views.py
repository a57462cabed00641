"""robots.txt, the sitemap index, and the sitemaps it lists.

They are served once per host, outside the language prefixes: one index lists every
language's pages, as crawlers expect a single sitemap per host.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from newsdesk.core import fragments, sites
from newsdesk.core.pagecache import ADDRESSES

from . import selectors, xml
from .addresses import Addresses

# Google News wants to see new stories within minutes.
NEWS_CACHE_SECONDS = 5 * 60
MAX_RANGE = 10**9  # a range number beyond any id: no need to ask the database


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    addresses = Addresses(request)
    # Search results are endless near-duplicates of the articles: crawl the articles instead.
    search_pages = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            search_pages.append(f"Disallow: {reverse('search')}")
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('wagtailadmin_home')}",
        *search_pages,
        "",
        f"Sitemap: {addresses.absolute(reverse('sitemap-index'))}",
        f"Sitemap: {addresses.absolute(reverse('sitemap-news'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def shows_addresses() -> None:
    """Sitemaps list addresses and their last publication: ADDRESSES changes with every
    publish, withdrawal, move and deletion, so the page cache keeps them until then."""
    fragments.shows(ADDRESSES, list_wide=True)


@require_GET
def sitemap_index(request: HttpRequest) -> HttpResponse:
    shows_addresses()
    addresses = Addresses(request)
    entries: list[tuple[str, datetime | None]] = [
        (addresses.absolute(reverse("sitemap-pages")), None)
    ]
    entries += [
        (addresses.absolute(reverse("sitemap-articles", args=[number])), lastmod)
        for number, lastmod in selectors.article_ranges()
    ]
    return xml.response(xml.index(entries))


@require_GET
def pages_sitemap(request: HttpRequest) -> HttpResponse:
    shows_addresses()
    addresses = Addresses(request)
    rows = selectors.other_pages()
    versions = selectors.translations([key for _path, _lastmod, key in rows])
    entries: list[xml.Entry] = [
        (loc, lastmod, [], _alternates(addresses, versions.get(str(key), [])))
        for url_path, lastmod, key in rows
        if (loc := addresses.page(url_path)) is not None
    ]
    return xml.response(xml.urlset(entries))


@require_GET
def articles_sitemap(request: HttpRequest, number: int) -> HttpResponse:
    shows_addresses()
    rows = selectors.articles_in_range(number) if number < MAX_RANGE else []
    if not rows:
        raise Http404("No articles in this range.")
    addresses = Addresses(request)
    versions = selectors.translations(selectors.range_keys(number))
    entries: list[xml.Entry] = [
        (
            loc,
            updated or published,
            [addresses.image_file(image)] if image else [],
            _alternates(addresses, versions.get(str(key), [])),
        )
        for url_path, updated, published, image, key in rows
        if (loc := addresses.page(url_path)) is not None
    ]
    return xml.response(xml.urlset(entries))


def _alternates(addresses: Addresses, versions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """hreflang links of a translated page: every language version, its own included."""
    found = [(language, addresses.page(url_path)) for language, url_path in versions]
    return [(language, loc) for language, loc in found if loc is not None]


@require_GET
def news_sitemap(request: HttpRequest) -> HttpResponse:
    shows_addresses()
    addresses = Addresses(request)
    recent = selectors.recent_articles()
    if recent:
        # The oldest story leaves the two-day window by itself: the kept copy ends then.
        fragments.expires(
            min(published for _path, published, _t, _l in recent) + selectors.NEWS_WINDOW
        )
    entries = [
        (loc, published, title, language)
        for url_path, published, title, language in recent
        if (loc := addresses.page(url_path)) is not None
    ]
    body = xml.news_urlset(sites.site_name(request), entries)
    return xml.response(body, max_age=NEWS_CACHE_SECONDS)
