"""The site's main navigation: the pages editors mark "show in menus" under the home page.

It is on every page, so it is kept in each process (fragments.kept) until TAG changes,
which happens only when a page that can be in it (the home page or one of its children)
changes, or until the page tree moves (STRUCTURE).
"""

from __future__ import annotations

from typing import TypedDict

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, Site

from . import fragments, visibility

TAG = "navigation"
# The home page is at depth 2, the pages in its menu (its children) at 3.
MENU_DEPTH = 3


class NavItem(TypedDict):
    pk: int
    title: str
    url: str


def _key(root_page_id: int, language: str) -> str:
    return f"newsdesk:nav:v2:{root_page_id}:{language}"


def sections_for(request: HttpRequest) -> list[NavItem]:
    site = Site.find_for_request(request)
    if site is None:
        return []
    language = translation.get_language() or settings.LANGUAGE_CODE
    return fragments.kept(_key(site.root_page_id, language), lambda: _build(site, request))


def _build(site: Site, request: HttpRequest) -> list[NavItem]:
    fragments.shows(TAG)
    home = Page.objects.get(pk=site.root_page_id).localized
    return [
        {"pk": page.pk, "title": page.title, "url": page.get_url(request) or ""}
        for page in visibility.visible(home.get_children().in_menu())
    ]


def forget_if_in_menu(page: Page) -> None:
    if page.depth == MENU_DEPTH:
        fragments.invalidate(TAG)
