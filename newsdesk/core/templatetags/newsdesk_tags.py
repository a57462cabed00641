from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, Site

from newsdesk.core import fragments, navigation, sites, translations
from newsdesk.lib import localformat, times

register = template.Library()


@register.simple_tag(takes_context=True)
def site_sections(context: template.Context) -> list[navigation.NavItem]:
    request = context.get("request")
    return navigation.sections_for(request) if request else []


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[translations.Alternate]:
    """The language switcher's links: the translations of this page (or the addresses a
    view put in `language_versions`), else the homes."""
    page = context.get("page")
    addresses = context.get("language_versions")
    if not isinstance(page, Page) and addresses:
        return translations.for_view(addresses)
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


# Dates and numbers for readers, in the active language's style (newsdesk.lib.localformat).


@register.filter
def local_day(value: datetime | date | None) -> str:
    return localformat.day(value)


@register.filter
def local_day_time(value: datetime | None) -> str:
    return localformat.day_and_time(value)


@register.filter
def local_month(value: datetime | date) -> str:
    """A Gregorian month (archives are addressed by Gregorian months)."""
    return localformat.month(value, gregorian=True)


@register.filter
def local_number(value: int | float | None) -> str:
    return "" if value is None else localformat.number(value)


@register.filter
def local_digits(value: object) -> str:
    """A number written without grouping (a year, a page number) in the language's digits."""
    return localformat.digits(str(value))


@register.simple_tag
def digit_system() -> str:
    """The language's digits (latn, arab, arabext): numbered lists follow them (site.css)."""
    return localformat.style().digits


@register.simple_tag
def digit_set() -> str:
    """The language's ten digits, 0 to 9, for a script that writes numbers."""
    return str(localformat.table()["digits"])


@register.simple_tag
def list_comma() -> str:
    """The comma between items of a list in the active language (، in Arabic and Persian)."""
    return localformat.style().comma


@register.simple_tag
def language_attrs(page: Page | None) -> SafeString:
    """` lang=".." dir=".."` for an element showing a page written in another language than
    the reader's page (an English story under /ar/), so it is read with the right voice."""
    locale_id = getattr(page, "locale_id", None)
    if locale_id is None:
        return mark_safe("")  # safe: empty
    language = sites.language_of(locale_id)
    if language == (translation.get_language() or ""):
        return mark_safe("")  # safe: empty
    direction = "rtl" if translation.get_language_info(language)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', language, direction)
