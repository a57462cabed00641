"""The newsroom's view of newsletters: every subscriber (a snippet list, administrators
only: addresses are personal data), and the number of subscribers of each list."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Kind, Status, Subscription
from .selectors import page_of

VIEW = "newsletters.view_subscription"


class SubscriptionViewSet(SnippetViewSet):
    model = Subscription
    icon = "mail"
    menu_label = _("Newsletter subscribers")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["email", "list_name", "language", "status", "created_at", "confirmed_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["email"]
    list_export = ["email", "list_key", "language", "status", "created_at", "confirmed_at"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    # Readers subscribe and confirm themselves; the newsroom may only change the status
    # (e.g. unsubscribe someone who wrote in), never the address or the list.
    panels = [
        FieldPanel("email", read_only=True),
        FieldPanel("list_key", read_only=True),
        FieldPanel("status"),
    ]


register_snippet(SubscriptionViewSet)


def counts() -> list[dict]:
    """Subscribers of each list by status: one query (and one per section or topic named)."""
    rows = (
        Subscription.objects.values("list_key", "kind", "language")
        .annotate(
            confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
            pending=Count("pk", filter=Q(status=Status.PENDING)),
            unsubscribed=Count("pk", filter=Q(status=Status.UNSUBSCRIBED)),
        )
        .order_by("language", "list_key")
    )
    lists = []
    for row in rows:
        page = None if row["kind"] == Kind.DIGEST else page_of(row["list_key"])
        name = (
            str(Kind.DIGEST.label) if row["kind"] == Kind.DIGEST else (page.title if page else "")
        )
        lists.append({**row, "name": name, "kind_label": Kind(row["kind"]).label})
    return lists


def lists_view(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW):
        raise PermissionDenied
    return render(request, "newsletters/admin/lists.html", {"lists": counts()})


class ListsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(VIEW)


@hooks.register("register_admin_urls")
def register_lists_url() -> list[URLPattern]:
    return [path("newsletters/lists/", lists_view, name="newsletters_lists")]


@hooks.register("register_admin_menu_item")
def register_lists_menu_item() -> MenuItem:
    return ListsMenuItem(
        _("Newsletter lists"),
        reverse("newsletters_lists"),
        name="newsletter-lists",
        icon_name="list-ul",
        order=261,
    )
