from __future__ import annotations

from django import template
from wagtail.models import Page

from newsdesk.analytics.selectors import MostViewed, most_viewed

register = template.Library()


@register.simple_tag
def most_viewed_lists(page: Page) -> list[MostViewed]:
    """The Day, Week and Month lists for the language of `page` (empty lists included)."""
    lists = most_viewed(page.locale_id)
    return lists if any(found.entries for found in lists) else []
