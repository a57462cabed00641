"""The language switcher: each language's copy of the page a reader is on.

A page's translations share its translation_key (Wagtail). For every language of the
site the switcher links to the visible translation of the current page, or, when there
is none (or the page is not a Wagtail page: an author, a search), to that language's
home page, marked so that it can say so. Kept until a page with the same translation_key
changes (`translations:<key>`, core/invalidation.py) or the sites do. A view that knows
its own versions (a tag page: the tag's version in each language, linked by editors in
articles.TagTranslation) passes their addresses to `for_view`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page

from . import fragments, sites, visibility

KEY = "newsdesk:alternates:v1:{}:{}:{}"


def tag_for(translation_key: object) -> str:
    return f"translations:{translation_key}"


@dataclass(frozen=True)
class Alternate:
    language_code: str
    name: str  # in its own language
    url: str
    translated: bool  # False: the language's home page stands in for a missing translation
    current: bool


def alternates(request: HttpRequest | None, page: Page | None) -> list[Alternate]:
    language = translation.get_language() or settings.LANGUAGE_CODE
    if page is None or not isinstance(page, Page):
        return _homes(language)
    site = getattr(request, "_wagtail_site", None)
    key = KEY.format(site.pk if site else 0, page.translation_key, language)
    return fragments.kept(key, lambda: _alternates(request, page, language))


def for_view(addresses: Mapping[str, str]) -> list[Alternate]:
    """The switcher of a view that is not a page: `addresses` (language code to address)
    where it has a version, else the language's home, marked."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return [
        Alternate(home.language_code, home.name, url, True, home.current)
        if (url := addresses.get(home.language_code))
        else home
        for home in _homes(language)
    ]


def _alternates(request: HttpRequest | None, page: Page, language: str) -> list[Alternate]:
    fragments.shows(tag_for(page.translation_key), sites.SITES_TAG)
    # Each translation's own model rules too (an article's embargo), not only the page's.
    pages = visibility.visible(Page.objects.filter(translation_key=page.translation_key))
    found = {
        other.locale.language_code: other
        for other in pages.select_related("locale").specific()
        if visibility.is_visible(other)
    }
    homes = {home.language_code: home for home in _homes(language)}
    chosen = []
    for code, _name in settings.LANGUAGES:
        other = found.get(code)
        url = other.get_url(request) if other is not None else None
        if url is None:
            chosen.append(homes[code])
        else:
            chosen.append(Alternate(code, homes[code].name, url, True, code == language))
    return chosen


def _homes(language: str) -> list[Alternate]:
    return [
        Alternate(
            code,
            translation.get_language_info(code)["name_local"],
            "/" if code == settings.LANGUAGE_CODE else f"/{code}/",
            code == language,
            code == language,
        )
        for code, _name in settings.LANGUAGES
    ]
