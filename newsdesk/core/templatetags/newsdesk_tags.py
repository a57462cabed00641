from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import translation
from wagtail.models import Page, Site

from newsdesk.core import fragments, navigation, translations
from newsdesk.lib import times

register = template.Library()


@register.simple_tag(takes_context=True)
def site_sections(context: template.Context) -> list[navigation.NavItem]:
    request = context.get("request")
    return navigation.sections_for(request) if request else []


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[translations.Alternate]:
    """The language switcher's links: the translations of this page, else the homes."""
    page = context.get("page")
    return translations.alternates(context.get("request"), page if isinstance(page, Page) else None)


@register.simple_tag(takes_context=True)
def navigation_key(context: template.Context) -> str:
    """The name of the kept menu for this page: one per site and language, and one per page
    that can be in the menu (it marks itself as the current one there)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    page = context.get("page")
    current = page.pk if isinstance(page, Page) and page.depth == navigation.MENU_DEPTH else 0
    site_id = site.pk if site else 0
    return f"navigation:{site_id}:{translation.get_language()}:{current}"


class FragmentNode(template.Node):
    def __init__(self, key: template.base.FilterExpression, nodelist: template.NodeList) -> None:
        self.key = key
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        key = str(self.key.resolve(context))
        return fragments.cached(context.get("request"), key, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser: template.base.Parser, token: template.base.Token) -> FragmentNode:
    """{% fragment key %}...{% endfragment %}: render once, keep until what it shows changes.

    `key` names the fragment (page, language, version); see newsdesk.core.fragments."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% fragment %} takes one argument: the key")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), nodelist)


@register.filter
def machine_time(value: datetime | date | None) -> str:
    """A time as `<time datetime>` wants it (newsdesk.lib.times)."""
    return times.machine_time(value)
