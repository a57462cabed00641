"""robots.txt, the sitemap index, and the sitemaps it lists.

robots.txt and the index are served once per host, outside the language prefixes, as
crawlers expect; the index lists each language's sitemaps, which live inside that
language's prefix (/sitemaps/pages.xml, /ar/sitemaps/articles-0.xml) and list only its
pages. Each language has its own Google News sitemap (/fa/sitemaps/news.xml), named in
robots.txt, whose entries give the publication's name and language in that language, as
Google News counts one publication per language.
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
from newsdesk.core.sites import active_locale

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
    news = [
        f"Sitemap: {addresses.absolute(_reverse_in(code, 'sitemap-news'))}"
        for code in _languages_with_articles()
    ]
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('wagtailadmin_home')}",
        *search_pages,
        "",
        f"Sitemap: {addresses.absolute(reverse('sitemap-index'))}",
        *news,
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _reverse_in(language: str, name: str, args: list[int] | None = None) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _in_site_order(locale_ids: set[int]) -> list[tuple[str, int]]:
    """(language, locale id) of the given locales, in the order of settings.LANGUAGES."""
    found = {sites.language_of(locale_id): locale_id for locale_id in locale_ids}
    return [(code, found[code]) for code, _name in settings.LANGUAGES if code in found]


def _languages_with_articles() -> list[str]:
    return [code for code, _id in _in_site_order(selectors.languages_with_articles())]


def shows_addresses() -> None:
    """Sitemaps list addresses and their last publication: ADDRESSES changes with every
    publish, withdrawal, move and deletion, so the page cache keeps them until then."""
    fragments.shows(ADDRESSES, list_wide=True)


@require_GET
def sitemap_index(request: HttpRequest) -> HttpResponse:
    shows_addresses()
    addresses = Addresses(request)
    entries: list[tuple[str, datetime | None]] = []
    # The default language's pages always (its home page at least); another language's
    # once it has pages below its home page.
    in_use = selectors.locales_in_use() | selectors.languages_with_articles()
    for code, locale_id in _in_site_order(in_use | {active_locale().pk}):
        entries.append((addresses.absolute(_reverse_in(code, "sitemap-pages")), None))
        entries += [
            (addresses.absolute(_reverse_in(code, "sitemap-articles", [number])), lastmod)
            for number, lastmod in selectors.article_ranges(locale_id)
        ]
    return xml.response(xml.index(entries))


@require_GET
def pages_sitemap(request: HttpRequest) -> HttpResponse:
    shows_addresses()
    addresses = Addresses(request)
    rows = selectors.other_pages(active_locale().pk)
    if not rows:
        raise Http404("No pages in this language.")
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
    locale_id = active_locale().pk
    rows = selectors.articles_in_range(locale_id, number) if number < MAX_RANGE else []
    if not rows:
        raise Http404("No articles in this range.")
    addresses = Addresses(request)
    versions = selectors.translations(selectors.range_keys(locale_id, number))
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
    # One publication per language: its name and language are the site's in the prefix's
    # language (core.sites.site_name reads that language's home page).
    recent = selectors.recent_articles(active_locale().pk)
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
