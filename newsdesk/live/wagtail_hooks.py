from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import LiveEntry, LivePage


class LiveEntryViewSet(SnippetViewSet):
    model = LiveEntry
    icon = "radio-full"
    menu_label = _("Live entries")
    menu_order = 160
    add_to_admin_menu = True
    add_view_class = admin_views.EntryCreateView
    list_display = ["__str__", "live_page", "author", "posted_at", "pinned"]
    list_filter = ["pinned"]
    ordering = ["-posted_at"]


register_snippet(LiveEntryViewSet)


@hooks.register("register_admin_urls")
def register_end_coverage_url() -> list[URLPattern]:
    return [
        path("live/<int:page_id>/end/", admin_views.end_coverage, name="live_end_coverage"),
    ]


@hooks.register("register_page_header_buttons")
def live_page_buttons(
    page: Any, user: Any, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    """On a live page in the admin: post an entry, and end the coverage."""
    if not isinstance(page.specific_deferred, LivePage) or not page.live:
        return
    add = reverse("wagtailsnippets_live_liveentry:add")
    yield Button(_("Post a live entry"), f"{add}?live_page={page.pk}", icon_name="plus", priority=5)
    if (
        page.specific_deferred.coverage_ended_at is None
        and page.permissions_for_user(user).can_publish()
    ):
        yield Button(
            _("End coverage"),
            reverse("live_end_coverage", args=[page.pk]),
            icon_name="radio-empty",
            priority=6,
        )
