"""Feed autodiscovery: `{% feed_links %}` in <head> names the feeds a page has.

Every page has the site's feeds; a section, topic, tag, author or Gallery page also has its own,
listed first so that a feed reader offers the most specific one. No queries: the
addresses come from the objects the page already shows.
"""

from __future__ import annotations

import functools
from typing import TypedDict

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from taggit.models import Tag

from newsdesk.articles.models import SectionPage
from newsdesk.core import sites
from newsdesk.gallery.models import GalleryIndexPage, MediaPage
from newsdesk.people.models import Person
from newsdesk.topics.models import TopicPage

register = template.Library()

FORMATS = [("rss", "application/rss+xml"), ("atom", "application/atom+xml")]
FORMATS += [("json", "application/feed+json")]


class FeedLink(TypedDict):
    href: str
    type: str
    title: str


def _links(name: str, title: str, slug: str | None = None) -> list[FeedLink]:
    args = [slug] if slug is not None else []
    return [
        {"href": reverse(f"feeds:{name}-{fmt}", args=args), "type": mime, "title": title}
        for fmt, mime in FORMATS
    ]


def _own_feed(context: template.Context) -> tuple[str, str, str | None] | None:
    """(channel, title, slug) of the page's own feed, if it has one."""
    page, tag, person = context.get("page"), context.get("tag"), context.get("person")
    if isinstance(page, SectionPage):
        return "section", page.title, page.slug
    if isinstance(page, TopicPage):
        return "topic", page.title, page.slug
    if isinstance(page, GalleryIndexPage | MediaPage):
        return "gallery", _("Gallery"), None
    if isinstance(tag, Tag):
        return "tag", tag.name, tag.slug
    if isinstance(person, Person):
        return "author", person.name, person.slug
    return None


@register.inclusion_tag("components/feed_links.html", takes_context=True)
def feed_links(context: template.Context) -> dict[str, tuple[FeedLink, ...]]:
    own = _own_feed(context)
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return {
        "feed_links": _feed_links(own, translation.get_language(), get_script_prefix(), urlconf)
    }


@functools.lru_cache(maxsize=4096)
def _feed_links(
    own: tuple[str, str, str | None] | None, language: str, script_prefix: str, urlconf: str
) -> tuple[FeedLink, ...]:
    """The same for every page with the same own feed: made once per process. The language,
    script prefix and URL configuration are arguments because the addresses and titles
    depend on them."""
    links: list[FeedLink] = []
    if own is not None:
        name, title, slug = own
        links += _links(name, f"{sites.site_name()}: {title}", slug)
    links += _links("site", _("%(site)s: latest") % {"site": sites.site_name()})
    return tuple(links)
