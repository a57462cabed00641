"""WebSub: tell the configured hub which feeds changed when an article is published, so
that subscribers hear of it in seconds instead of at their next poll. Off by default."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from newsdesk.articles.models import ArticlePage
from newsdesk.core import visibility

from .items import FORMATS

logger = logging.getLogger(__name__)
HUB_TIMEOUT_SECONDS = 10


def hub_url() -> str | None:
    return settings.NEWSDESK_WEBSUB_HUB


def feeds_of(article: ArticlePage) -> list[str]:
    """The addresses of every feed the article appears in, in its own language."""
    parts = article.get_url_parts()
    if parts is None or parts[1] is None:
        return []
    root = parts[1]
    channels: list[tuple[str, list[str]]] = [("site", [])]
    channels.append(("section", [article.get_parent().slug]))
    channels += [("topic", [link.topic.slug]) for link in article.topic_links.all()]
    channels += [("tag", [tag.slug]) for tag in article.tags.all()]
    channels += [("author", [link.person.slug]) for link in article.authors.all()]
    with translation.override(article.locale.language_code):
        return [
            f"{root}{reverse(f'feeds:{name}-{fmt}', args=args)}"
            for name, args in channels
            for fmt in FORMATS
        ]


def announce(article: ArticlePage) -> None:
    """Tell the hub that the article's feeds changed, unless readers may not see it (a
    private or embargoed story's tags and topics would be named to the world)."""
    hub = hub_url()
    if hub and visibility.is_visible(article):
        ping_hub.enqueue(hub, feeds_of(article))


@task()
def ping_hub(hub: str, feeds: list[str]) -> None:
    body = urlencode([("hub.mode", "publish"), *(("hub.url", feed) for feed in feeds)])
    request = urllib.request.Request(
        hub,
        data=body.encode(),
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=HUB_TIMEOUT_SECONDS) as response:
            response.read()
    except (urllib.error.URLError, TimeoutError) as error:
        # A hub that is down must not fail a publication: subscribers still poll.
        logger.warning("WebSub hub %s did not take the ping: %s", hub, error)
