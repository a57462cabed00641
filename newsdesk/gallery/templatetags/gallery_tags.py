"""The galleries and films of an In Focus topic, for the topic page's template.

The topic page includes this with `{% topic_media page %}`: topics never import the
gallery app; the section is kept as a fragment until a gallery or film changes."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from newsdesk.core import fragments
from newsdesk.gallery import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def topic_media(context: dict[str, Any], topic: Any) -> SafeString:
    request = context.get("request")

    def render() -> str:
        galleries, films = selectors.for_topic(topic.pk)
        if not galleries and not films:
            return ""
        return render_to_string(
            "gallery/topic_media.html", {"galleries": galleries, "films": films}, request
        )

    return fragments.cached(request, fragments.key_for(topic, "topic-media"), render)
