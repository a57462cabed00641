"""The one rule for "a reader may see this page".

A page is visible to readers when it is live, public (no view restriction of any kind:
login, password or groups, on the page or on an ancestor), its go-live time has passed,
it has not expired, every row rule its model declares holds (an article's embargo, for
one), and, where a language is asked for, it is in that language.

Every surface that lists, links, counts or indexes pages (listings, home blocks, related
content, search, feeds, sitemaps, structured data, the API, the map, Most Viewed, gallery
lists, comments, WebSub pings) asks this module, never `.live()` alone. Scheduled changes
flip `live` only when the worker runs them; the time conditions here make a page leave (or
stay out of) every list at its time even before then.

A model adds its own row rule with a `visibility_filter(now)` class method returning a Q
(see ArticlePage): core knows no content model.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page
from wagtail.query import PageQuerySet

from .routing import any_restrictions

Pages = TypeVar("Pages", bound=PageQuerySet)


def in_time(now: datetime) -> Q:
    """Go-live time passed (or none) and not expired (or no expiry)."""
    return (Q(go_live_at__isnull=True) | Q(go_live_at__lte=now)) & (
        Q(expire_at__isnull=True) | Q(expire_at__gt=now)
    )


def visible(pages: Pages, locale_id: int | None = None) -> Pages:
    """The pages of `pages` that a reader may see (in the locale `locale_id`, when given)."""
    now = timezone.now()
    pages = pages.live().filter(in_time(now))
    model_rule = getattr(pages.model, "visibility_filter", None)
    if model_rule is not None:
        pages = pages.filter(model_rule(now))
    if any_restrictions():
        pages = pages.public()
    if locale_id is not None:
        pages = pages.filter(locale_id=locale_id)
    return pages


def is_visible(page: Page) -> bool:
    """Whether one page (already loaded) may be seen by readers."""
    if not page.live:
        return False
    now = timezone.now()
    if page.go_live_at is not None and page.go_live_at > now:
        return False
    if page.expire_at is not None and page.expire_at <= now:
        return False
    specific_rule = getattr(type(page), "visible_at", None)
    if specific_rule is not None and not specific_rule(page, now):
        return False
    if any_restrictions():
        return not page.get_view_restrictions().exists()
    return True
