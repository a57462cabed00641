"""Feed addresses: /feeds/rss.xml, /feeds/topics/<slug>/atom.xml, ... in each language.

They sit inside the language prefix: the Arabic site's feeds (/ar/feeds/...) carry its
Arabic articles, as aggregators expect one language per feed.
"""

from __future__ import annotations

from django.urls import URLPattern, path

from . import items
from .formats import AtomFeedWriter, ChannelFeed, RssFeedWriter, json_feed

app_name = "feeds"

# (address prefix, name prefix, source)
CHANNELS: list[tuple[str, str, items.ChannelSource]] = [
    ("", "site", items.site_channel),
    ("sections/<anyslug:slug>/", "section", items.section_channel),
    ("topics/<anyslug:slug>/", "topic", items.topic_channel),
    ("tags/<anyslug:slug>/", "tag", items.tag_channel),
    ("authors/<anyslug:slug>/", "author", items.author_channel),
    ("gallery/", "gallery", items.gallery_channel),
]


def _patterns() -> list[URLPattern]:
    patterns = []
    for prefix, name, source in CHANNELS:
        patterns += [
            path(f"{prefix}rss.xml", ChannelFeed(source, RssFeedWriter), name=f"{name}-rss"),
            path(f"{prefix}atom.xml", ChannelFeed(source, AtomFeedWriter), name=f"{name}-atom"),
            path(f"{prefix}feed.json", json_feed, {"source": source}, name=f"{name}-json"),
        ]
    return patterns


urlpatterns = _patterns()
