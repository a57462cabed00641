"""The footer's links to the information pages (About, Contact, Privacy)."""

from __future__ import annotations

from django import template
from django.utils import translation
from wagtail.models import Page, Site

from newsdesk.core import fragments, relocation, sites, visibility
from newsdesk.home.models import InfoPage

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_pages(context: template.Context) -> list[Page]:
    """The published information pages under the home page of this language, in the order
    editors gave them. Shown inside the kept footer: a page added, renamed, moved or
    withdrawn renders the footer again."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    home = sites.root_page_for(site)
    fragments.shows(relocation.children_tag(home.pk))
    pages = list(visibility.visible(InfoPage.objects.child_of(home), home.locale_id))
    fragments.shows(*(f"page:{page.pk}" for page in pages))
    return pages


@register.simple_tag(takes_context=True)
def footer_key(context: template.Context) -> str:
    """The name of the kept footer: one per site (its information pages) and language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return f"footer:{site.pk if site else 0}:{translation.get_language()}"
