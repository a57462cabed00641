"""Feed content in one shape for every format: a Channel and its FeedItems.

RSS, Atom and JSON Feed differ only in how they write these down (see formats.py), so
the rules for links, identifiers, dates and pictures live here, once.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.images.models import Image
from wagtail.rich_text import expand_db_html

from newsdesk.articles import listings
from newsdesk.articles.models import LEAD_IMAGE_FILTER, ArticlePage, ArticleQuerySet
from newsdesk.core import fragments, sites
from newsdesk.gallery import selectors as gallery_selectors
from newsdesk.gallery.models import FilmPage, MediaPage

from . import selectors
from .models import FeedSettings

# Every channel comes in these formats (feed URL names end in -rss, -atom, -json).
FORMATS = ("rss", "atom", "json")
# The feed picture is the article page's own hero size, so it is usually rendered already.
FEED_IMAGE_FILTER = LEAD_IMAGE_FILTER
# Root-relative links and pictures in article HTML; feed readers need them absolute.
_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")/(?!/)')


@dataclass(frozen=True)
class Author:
    name: str
    url: str


@dataclass(frozen=True)
class Picture:
    url: str
    mime_type: str
    width: int
    height: int
    length: int
    alt: str


@dataclass(frozen=True)
class FeedItem:
    guid: str
    url: str
    title: str
    summary: str
    content_html: str | None
    published: datetime
    updated: datetime
    authors: list[Author]
    categories: list[str]
    picture: Picture | None


@dataclass(frozen=True)
class Channel:
    """The subject of one feed: the whole site, a section, a topic, a tag or an author;
    or the Gallery, whose items are photo galleries and films instead of articles."""

    title: str
    description: str
    link: str
    articles: ArticleQuerySet | None = None
    media: list[MediaPage] | None = None


@dataclass(frozen=True)
class Edition:
    """A channel with its items, as one request serves it."""

    channel: Channel
    items: list[FeedItem]
    feed_url: str


def edition(request: HttpRequest, source: ChannelSource, **kwargs: str) -> Edition:
    channel = source(request, **kwargs)
    root = selectors.site_root_url(request)
    if channel.articles is None:
        pages = channel.media or []
        fragments.shows(*(f"page:{page.pk}" for page in pages))
        media = [_media_item(request, page, root) for page in pages]
        return Edition(channel, media, feed_url=absolute(root, request.path))
    full_text = FeedSettings.for_request(request).full_text
    articles = selectors.newest(channel.articles, with_body=full_text)
    # Items are cards: their addresses, titles and authors' names (see listings.py).
    listings.shows_cards(articles)
    sections = selectors.parent_titles(articles)
    items = [
        _item(request, article, root, sections.get(selectors.parent_path(article), ""), full_text)
        for article in articles
    ]
    return Edition(channel, items, feed_url=absolute(root, request.path))


def _item(
    request: HttpRequest, article: ArticlePage, root: str, section: str, full_text: bool
) -> FeedItem:
    topics = [link.topic.title for link in article.topic_links.all()]
    tags = [item.tag.name for item in article.tagged_items.all()]
    return FeedItem(
        guid=article_guid(root, article.pk),
        url=article.get_full_url(request) or "",
        title=article.title,
        summary=_with_notes(article.lead, article),
        content_html=_full_text(request, article, root) if full_text else None,
        published=article.publication_time,
        updated=article.modified_at,
        authors=[
            Author(link.person.name, absolute(root, reverse("author", args=[link.person.slug])))
            for link in article.authors.all()
        ],
        categories=list(dict.fromkeys(c for c in [section, *topics, *tags] if c)),
        picture=_picture(article, root),
    )


def _with_notes(summary: str, article: ArticlePage) -> str:
    """The summary, and the article's corrections and updates after it, newest first: a
    reader who read the story learns what changed (the item's updated time tells when)."""
    lines = [
        f"{note.get_kind_display()} ({date_format(localtime(note.noted_at), 'j F Y, H:i T')}): "
        f"{note.text}"
        for note in article.notes.all()
    ]
    return "\n\n".join([summary, *lines])


def _media_item(request: HttpRequest, page: MediaPage, root: str) -> FeedItem:
    kind = _("Film") if isinstance(page, FilmPage) else _("Photos")
    return FeedItem(
        guid=article_guid(root, page.pk).replace(":article:", ":gallery:"),
        url=page.get_full_url(request) or "",
        title=page.title,
        summary=page.summary,
        content_html=None,
        published=page.publication_time,
        updated=page.modified_at,
        authors=[],
        categories=[str(kind)],
        picture=_cover(page, root),
    )


def article_guid(root: str, pk: int) -> str:
    """A permanent identifier: a moved or renamed article keeps it, so readers see no
    duplicate. A tag URI (RFC 4151) on the site's host name."""
    host = root.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return f"tag:{host},2026:article:{pk}"


def absolute(root: str, url: str) -> str:
    return url if "://" in url else f"{root}{url}"


def _full_text(request: HttpRequest, article: ArticlePage, root: str) -> str:
    html = "".join(
        block.render(context={"request": request, "page": article}) for block in article.body
    )
    return _RELATIVE_URL.sub(rf"\1{root}/", expand_db_html(html))


def _picture(article: ArticlePage, root: str) -> Picture | None:
    if article.hero_image is None:
        return None
    return _rendered(article.hero_image, article.hero_alt, root)


def _cover(page: MediaPage, root: str) -> Picture | None:
    return _rendered(page.cover, page.cover_alt, root) if page.cover is not None else None


def _rendered(image: Image, alt: str, root: str) -> Picture:
    rendition = image.get_rendition(FEED_IMAGE_FILTER)
    try:
        length = rendition.file.size
    except OSError:  # a missing file still has a picture address worth giving
        length = 0
    return Picture(
        url=absolute(root, rendition.url),
        mime_type=mimetypes.guess_type(rendition.file.name)[0] or "image/webp",
        width=rendition.width,
        height=rendition.height,
        length=length,
        alt=alt,
    )


# The channels -------------------------------------------------------------------------

ChannelSource = Callable[..., Channel]


def _named(title: str) -> str:
    return f"{sites.site_name()}: {title}"


# Each channel shows the tag of the list it is (listings.listed_in), given a new version
# when an article joins or leaves it; the page cache keeps feeds until then (0007).


def site_channel(request: HttpRequest) -> Channel:
    fragments.shows(listings.LATEST, list_wide=True)
    root = selectors.site_root_url(request)
    return Channel(
        title=sites.site_name(),
        description=_("The latest stories from %(site)s.") % {"site": sites.site_name()},
        link=absolute(root, reverse("wagtail_serve", args=[""])),
        articles=selectors.live_articles().in_locale(selectors.active_locale_id()),
    )


def section_channel(request: HttpRequest, slug: str) -> Channel:
    section = selectors.section_by_slug(slug)
    fragments.shows(f"page:{section.pk}", f"list:section:{section.pk}")
    return Channel(
        title=_named(section.title),
        description=section.introduction or section.title,
        link=section.get_full_url(request) or "",
        articles=selectors.live_articles().filed_under(section),
    )


def topic_channel(request: HttpRequest, slug: str) -> Channel:
    topic = selectors.topic_by_slug(slug)
    fragments.shows(f"page:{topic.pk}", f"list:topic:{topic.pk}")
    return Channel(
        title=_named(topic.title),
        description=topic.description,
        link=topic.get_full_url(request) or "",
        articles=selectors.filed_in_topic(topic),
    )


def tag_channel(request: HttpRequest, slug: str) -> Channel:
    tag = selectors.tag_by_slug(slug)
    fragments.shows(f"tag:{tag.pk}", f"list:tag:{tag.pk}")
    root = selectors.site_root_url(request)
    return Channel(
        title=_named(tag.name),
        description=_("Stories tagged %(tag)s.") % {"tag": tag.name},
        link=absolute(root, reverse("tag", args=[tag.slug])),
        articles=selectors.live_articles().in_locale(selectors.active_locale_id()).tagged(tag.pk),
    )


def gallery_channel(request: HttpRequest) -> Channel:
    fragments.shows(gallery_selectors.LATEST)
    root = selectors.site_root_url(request)
    return Channel(
        title=_named(_("Gallery")),
        description=_("The latest photo essays and films from %(site)s.")
        % {"site": sites.site_name()},
        link=root + "/",
        media=selectors.newest_media(selectors.active_locale_id()),
    )


def author_channel(request: HttpRequest, slug: str) -> Channel:
    person = selectors.person_by_slug(slug)
    fragments.shows(f"person:{person.pk}", f"list:author:{person.pk}")
    root = selectors.site_root_url(request)
    return Channel(
        title=_named(person.name),
        description=_("Stories by %(name)s.") % {"name": person.name},
        link=absolute(root, person.get_absolute_url()),
        articles=selectors.live_articles().in_locale(selectors.active_locale_id()).by(person.pk),
    )
