"""What the home page lends to other pages: its In Focus topics, beside listings."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString
from wagtail.models import Site

from newsdesk.core import fragments, sites
from newsdesk.home.models import HomePage

register = template.Library()

# An aside is short: the first few topics the editors put In Focus on the home page.
ASIDE_TOPICS = 4


@register.simple_tag(takes_context=True)
def in_focus_aside(context: template.Context) -> SafeString | str:
    """The home page's In Focus topics (in this language) as a short list, kept as HTML
    until the home page or one of the topics changes."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return ""

    def render() -> str:
        home = sites.root_page_for(site).specific
        topics = home.in_focus_topics()[:ASIDE_TOPICS] if isinstance(home, HomePage) else []
        if not topics:
            return ""
        return render_to_string("home/in_focus_aside.html", {"topics": topics}, request)

    return fragments.cached(
        request, f"in-focus-aside:{site.pk}:{translation.get_language()}", render
    )
