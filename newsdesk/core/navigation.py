"""The site's main navigation: the pages editors mark "show in menus" under the home page.

It is on every page, so it is cached and forgotten whenever a page is published,
unpublished, moved or deleted. Pages show TAG, which changes only when a page that can
be in it (the home page or one of its children) changes.
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, Site

from . import fragments

CACHE_SECONDS = 60 * 60
TAG = "navigation"
# The home page is at depth 2, the pages in its menu (its children) at 3.
MENU_DEPTH = 3


class NavItem(TypedDict):
    pk: int
    title: str
    url: str


def _key(root_page_id: int, language: str) -> str:
    return f"newsdesk:nav:v1:{root_page_id}:{language}"


def sections_for(request: HttpRequest) -> list[NavItem]:
    site = Site.find_for_request(request)
    if site is None:
        return []
    fragments.shows(TAG)
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = _key(site.root_page_id, language)
    items = cache.get(key)
    if items is None:
        items = _build(site, request)
        cache.set(key, items, CACHE_SECONDS)
    return items


def _build(site: Site, request: HttpRequest) -> list[NavItem]:
    home = Page.objects.get(pk=site.root_page_id).localized
    return [
        {"pk": page.pk, "title": page.title, "url": page.get_url(request) or ""}
        for page in home.get_children().live().in_menu()
    ]


def forget_if_in_menu(page: Page) -> None:
    if page.depth == MENU_DEPTH:
        fragments.invalidate(TAG)


def forget(**kwargs: Any) -> None:
    keys = [
        _key(root_page_id, language)
        for root_page_id in Site.objects.values_list("root_page_id", flat=True)
        for language, _name in settings.LANGUAGES
    ]
    cache.delete_many(keys)
