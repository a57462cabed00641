from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Page

from newsdesk.analytics.selectors import MostViewed, most_viewed
from newsdesk.core import fragments, sites

register = template.Library()


def most_viewed_lists(locale_id: int) -> list[MostViewed]:
    """The Day, Week and Month lists for one language (empty lists included)."""
    lists = most_viewed(locale_id)
    return lists if any(found.entries for found in lists) else []


@register.simple_tag(takes_context=True)
def most_viewed_aside(context: template.Context, page: Page | None = None) -> str:
    """The Most Viewed lists beside an article or a listing (in the language of `page`,
    or the active one), kept as HTML while they stay current."""
    request = context.get("request")
    locale_id = page.locale_id if page is not None else sites.active_locale().pk

    def render() -> str:
        lists = most_viewed_lists(locale_id)
        if not lists:
            return ""
        return render_to_string("analytics/most_viewed_aside.html", {"lists": lists}, request)

    key = f"most-viewed-aside:{locale_id}:{translation.get_language()}"
    return fragments.cached(request, key, render)
