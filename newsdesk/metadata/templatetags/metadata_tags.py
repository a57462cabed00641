"""`{% page_metadata %}` and `{% meta_description %}` for the <head> of every page."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from newsdesk.core import fragments, sites
from newsdesk.metadata import builders

register = template.Library()

# As Django's json_script: the JSON cannot close the <script> element or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def page_metadata(context: template.Context) -> str:
    """The <head> metadata; for a page, kept as HTML until the page or what it shows changes."""
    request = context.get("request")
    page = context.get("page")

    def render() -> str:
        return render_to_string("components/metadata.html", _metadata_context(context), request)

    if isinstance(page, Page):
        return fragments.cached(request, fragments.key_for(page, "metadata"), render)
    # A list or a search: its metadata is made from the request, and the same metadata
    # (all of it is in its repr) renders the same HTML, so that is kept by its digest.
    metadata = builders.for_context(context.flatten())
    if metadata is None:
        return render()
    made = f"{translation.get_language()}|{metadata!r}".encode()
    key = f"metadata:{hashlib.blake2b(made, digest_size=16).hexdigest()}"
    return fragments.cached(request, key, render)


def _metadata_context(context: template.Context) -> dict[str, Any]:
    metadata = builders.for_context(context.flatten())
    if metadata is None:
        return {}
    return {
        "metadata": metadata,
        "site_name": sites.site_name(context.get("request")),
        "og_locale": translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE),
        "json_ld": [_script_json(item) for item in metadata.json_ld],
    }


@register.simple_tag(takes_context=True)
def meta_description(context: template.Context) -> str:
    return builders.description_for(context.flatten())


def _script_json(data: dict[str, Any]) -> SafeString:
    text = json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # safe: escaped above for a <script> element
