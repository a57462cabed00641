from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Page

from newsdesk.analytics.selectors import MostViewed, most_viewed
from newsdesk.core import fragments

register = template.Library()


def most_viewed_lists(page: Page) -> list[MostViewed]:
    """The Day, Week and Month lists for the language of `page` (empty lists included)."""
    lists = most_viewed(page.locale_id)
    return lists if any(found.entries for found in lists) else []


@register.simple_tag(takes_context=True)
def most_viewed_aside(context: template.Context, page: Page) -> str:
    """The Most Viewed lists beside an article, kept as HTML while they stay current."""
    request = context.get("request")

    def render() -> str:
        lists = most_viewed_lists(page)
        if not lists:
            return ""
        return render_to_string("analytics/most_viewed_aside.html", {"lists": lists}, request)

    key = f"most-viewed-aside:{page.locale_id}:{translation.get_language()}"
    return fragments.cached(request, key, render)
