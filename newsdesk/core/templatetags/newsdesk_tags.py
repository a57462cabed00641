from __future__ import annotations

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_sections(context: template.Context) -> list[Page]:
    """The pages editors marked "show in menus" directly under the home page."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    home = Page.objects.get(pk=site.root_page_id).localized
    return list(home.get_children().live().in_menu().specific(defer=True))
