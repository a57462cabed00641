"""`{% page_metadata %}` and `{% meta_description %}` for the <head> of every page."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
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


# Plain share addresses: a link each, opened only when the reader follows it, so the
# page loads nothing from these hosts. `{url}` and `{text}` are filled in, quoted.
SHARE_TARGETS = (
    ("email", _("Email"), "mailto:?subject={text}&body={url}"),
    ("x", "X", "https://x.com/intent/post?text={text}&url={url}"),
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("whatsapp", "WhatsApp", "https://wa.me/?text={text}%20{url}"),
    ("telegram", "Telegram", "https://t.me/share/url?url={url}&text={text}"),
    ("linkedin", "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
)


@register.simple_tag(takes_context=True)
def share_links(context: template.Context, page: Page) -> str:
    """Share links for `page` at its canonical address (the site's own, from BASE_URL),
    and a Share button that site.js shows where the browser can share (Web Share API)."""
    request = context.get("request")
    # The page's own address without a query: the links are kept with the article's HTML.
    url = page.get_full_url(request) or (builders.absolute(request, page.url) if request else "")
    text = page.seo_title or page.title
    quoted = {"url": quote(url, safe=""), "text": quote(text, safe="")}
    targets = [
        {"name": name, "label": label, "href": pattern.format(**quoted)}
        for name, label, pattern in SHARE_TARGETS
    ]
    return render_to_string(
        "components/share.html", {"targets": targets, "url": url, "text": text}, request
    )
