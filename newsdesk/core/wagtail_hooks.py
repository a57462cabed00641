"""Links to pages inside rich text say what they show, like every other link to a page.

An article's text may link to another page; the link is written with that page's
address when the text is rendered, and kept in the article's fragment. Recording
`page:<id>` of the target (and of its version in the reader's language, which is the one
linked) makes a new slug or a move of that page render the article again
(see relocation.py).
"""

from __future__ import annotations

from typing import Any

from django.utils.html import escape
from wagtail import hooks
from wagtail.rich_text.pages import PageLinkHandler

from . import fragments


class ShownPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        links = []
        for page in cls.get_many(attrs_list):
            if page is None:
                links.append("<a>")
                continue
            target = page.localized
            fragments.shows(f"page:{page.pk}", f"page:{target.pk}")
            links.append(f'<a href="{escape(target.url)}">')
        return links


# After Wagtail's own registration of the "page" link type (order 0), which this replaces.
@hooks.register("register_rich_text_features", order=100)
def register_shown_page_links(features: Any) -> None:
    features.register_link_type(ShownPageLinkHandler)
