from __future__ import annotations

from django import template

from newsdesk.core import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def site_sections(context: template.Context) -> list[navigation.NavItem]:
    request = context.get("request")
    return navigation.sections_for(request) if request else []
