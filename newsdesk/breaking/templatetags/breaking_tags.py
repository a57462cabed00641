from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from newsdesk.core import fragments, sites

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def breaking_ticker(context: template.Context) -> SafeString:
    """The running ticker of the page's language, kept with every page until it changes
    or expires (a shared part: one render per language, not one per page)."""
    request = context.get("request")
    language = translation.get_language()

    def render() -> str:
        ticker = selectors.current(sites.active_locale().pk)
        if ticker is None:
            return ""
        link = selectors.link_of(ticker)
        version = int(ticker.last_published_at.timestamp()) if ticker.last_published_at else 0
        return render_to_string(
            "breaking/ticker.html",
            {"ticker": ticker, "link": link, "dismiss_key": f"{ticker.pk}-{version}"},
            request,
        )

    return fragments.cached(request, f"ticker:{language}", render)
