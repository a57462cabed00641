"""RSS 2.0, Atom and JSON Feed 1.1 writers for a Channel and its FeedItems.

Django's generators write one author and no media; ours add every author of an item,
the full text when the site asks for it, and the picture as an enclosure and a media item.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils import feedgenerator
from django.utils.html import escape
from django.utils.translation import get_language

from newsdesk.core import sites
from newsdesk.lib.times import machine_time, to_the_second

from . import websub
from .items import ChannelSource, Edition, FeedItem, edition

MEDIA_NS = "http://search.yahoo.com/mrss/"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def _media(handler: Any, item: dict) -> None:
    picture = item["picture"]
    if picture is None:
        return
    handler.startElement(
        "media:content",
        {
            "url": picture.url,
            "type": picture.mime_type,
            "medium": "image",
            "width": str(picture.width),
            "height": str(picture.height),
        },
    )
    if picture.alt:
        handler.addQuickElement("media:description", picture.alt)
    handler.endElement("media:content")


class RssFeedWriter(feedgenerator.Rss201rev2Feed):
    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        if self.feed.get("hub"):
            handler.addQuickElement("atom:link", "", {"rel": "hub", "href": self.feed["hub"]})

    def rss_attributes(self) -> dict[str, str]:
        return {
            **super().rss_attributes(),
            "xmlns:dc": DC_NS,
            "xmlns:media": MEDIA_NS,
            "xmlns:content": CONTENT_NS,
        }

    def add_item_elements(self, handler: Any, item: dict) -> None:
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.addQuickElement("dc:creator", author.name)
        if item["content_html"] is not None:
            handler.addQuickElement("content:encoded", item["content_html"])
        _media(handler, item)


class AtomFeedWriter(feedgenerator.Atom1Feed):
    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        if self.feed.get("hub"):
            handler.addQuickElement("link", "", {"rel": "hub", "href": self.feed["hub"]})

    def root_attributes(self) -> dict[str, str]:
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler: Any, item: dict) -> None:
        super().add_item_elements(handler, item)
        for author in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", author.name)
            handler.addQuickElement("uri", author.url)
            handler.endElement("author")
        if item["content_html"] is not None:
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        _media(handler, item)


class ChannelFeed(Feed):
    """One Django syndication feed per (channel, format): `ChannelFeed(site_channel, rss)`."""

    def __init__(self, source: ChannelSource, writer: type[feedgenerator.SyndicationFeed]):
        self.source = source
        self.feed_type = writer

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Edition:
        return edition(request, self.source, **kwargs)

    def feed_extra_kwargs(self, obj: Edition) -> dict[str, Any]:
        return {"hub": websub.hub_url()}

    def title(self, obj: Edition) -> str:
        return obj.channel.title

    def link(self, obj: Edition) -> str:
        return obj.channel.link

    def feed_url(self, obj: Edition) -> str:
        return obj.feed_url

    def description(self, obj: Edition) -> str:
        return obj.channel.description

    def author_name(self) -> str:
        # Atom wants an author for every entry: the publisher stands in for unsigned ones.
        return sites.site_name()

    def items(self, obj: Edition) -> list[FeedItem]:
        return obj.items

    def item_title(self, item: FeedItem) -> str:
        return item.title

    def item_description(self, item: FeedItem) -> str:
        return escape(item.summary)  # both formats read the description as HTML

    def item_link(self, item: FeedItem) -> str:
        return item.url

    def item_guid(self, item: FeedItem) -> str:
        return item.guid

    def item_guid_is_permalink(self) -> bool:
        return False

    def item_pubdate(self, item: FeedItem) -> Any:
        return to_the_second(item.published)

    def item_updateddate(self, item: FeedItem) -> Any:
        return to_the_second(item.updated)

    def item_categories(self, item: FeedItem) -> list[str]:
        return item.categories

    def item_enclosures(self, item: FeedItem) -> list[feedgenerator.Enclosure]:
        picture = item.picture
        if picture is None:
            return []
        return [feedgenerator.Enclosure(picture.url, str(picture.length), picture.mime_type)]

    def item_extra_kwargs(self, item: FeedItem) -> dict[str, Any]:
        return {"authors": item.authors, "content_html": item.content_html, "picture": item.picture}


def json_feed(request: HttpRequest, source: ChannelSource, **kwargs: Any) -> HttpResponse:
    content = edition(request, source, **kwargs)
    document = {
        "version": JSON_FEED_VERSION,
        "title": content.channel.title,
        "home_page_url": content.channel.link,
        "feed_url": content.feed_url,
        "description": content.channel.description,
        "language": get_language(),
        "items": [_json_item(item) for item in content.items],
    }
    hub = websub.hub_url()
    if hub:
        document["hubs"] = [{"type": "WebSub", "url": hub}]
    return HttpResponse(
        json.dumps(document, ensure_ascii=False), content_type="application/feed+json"
    )


def _json_item(item: FeedItem) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": item.guid,
        "url": item.url,
        "title": item.title,
        "summary": item.summary,
        "date_published": machine_time(item.published),
        "date_modified": machine_time(item.updated),
        "authors": [{"name": a.name, "url": a.url} for a in item.authors],
        "tags": item.categories,
    }
    if item.content_html is not None:
        entry["content_html"] = item.content_html
    else:
        entry["content_text"] = item.summary
    if item.picture is not None:
        entry["image"] = item.picture.url
    return entry
