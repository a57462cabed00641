"""The newsroom's Scheduled view (admin_views.py), and links to pages inside rich text.

Links to pages inside rich text say what they show, like every other link to a page.

An article's text may link to another page; the link is written with that page's
address when the text is rendered, and kept in the article's fragment. Recording
`page:<id>` of the target (and of its version in the reader's language, which is the one
linked) makes a new slug or a move of that page render the article again
(see relocation.py).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.rich_text.pages import PageLinkHandler

from . import admin_views, fragments


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


class ScheduledMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return admin_views.can_see_schedule(request)


@hooks.register("register_admin_urls")
def register_scheduled_url() -> list[URLPattern]:
    return [path("scheduled/", admin_views.scheduled, name="core_scheduled")]


@hooks.register("register_admin_menu_item")
def register_scheduled_menu_item() -> MenuItem:
    return ScheduledMenuItem(
        _("Scheduled"),
        reverse("core_scheduled"),
        name="scheduled",
        icon_name="calendar-alt",
        order=250,
    )
