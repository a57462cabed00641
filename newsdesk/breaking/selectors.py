"""Which ticker runs now in a language."""

from __future__ import annotations

from django.utils import timezone

from newsdesk.core import fragments, visibility

from .models import TICKER_TAG, Ticker


def current(locale_id: int) -> Ticker | None:
    """The newest running ticker of a language, read inside a kept part: what shows it
    ends at its expiry, whether or not the worker has unpublished it yet."""
    fragments.shows(TICKER_TAG)
    now = timezone.now()
    ticker = (
        Ticker.objects.filter(visibility.in_time(now), live=True, locale_id=locale_id)
        .select_related("link_page")
        .order_by("-last_published_at", "-pk")
        .first()
    )
    if ticker is not None and ticker.expire_at is not None:
        fragments.expires(ticker.expire_at)
    return ticker


def link_of(ticker: Ticker) -> str:
    if ticker.link_page is not None and visibility.is_visible(ticker.link_page):
        fragments.shows(f"page:{ticker.link_page_id}")
        return ticker.link_page.url or ""
    return ticker.link_url
