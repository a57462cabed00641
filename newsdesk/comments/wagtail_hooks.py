"""The moderation desk: a queue of comments with filters, bulk decisions and a blocklist."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import (
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from . import admin_views, services
from .admin_forms import CommentEditForm
from .models import Blocked, BlockKind, Comment, CommentEdit, Status


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    email = django_filters.CharFilter(
        label=_("Commenter's email"), field_name="email", lookup_expr="iexact"
    )
    client_hash = django_filters.CharFilter(label=_("Client network"), field_name="client_hash")
    article = django_filters.NumberFilter(label=_("Article ID"), field_name="article_id")
    article_title = django_filters.CharFilter(
        label=_("Article title contains"), field_name="article__title", lookup_expr="icontains"
    )

    class Meta:
        model = Comment
        fields: list[str] = []


def _history(comment: Comment) -> str:
    url = reverse("wagtailsnippets_comments_comment:list")
    query = urlencode({"email": comment.email})  # reader+tag@… keeps its +
    return format_html('<a href="{}?{}">{}</a>', url, query, comment.email)


def _moderators_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("comments.view_comment"):
            return _forbidden(request)
        return view(request, *args, **kwargs)

    return guarded


class CommentChooserViewSet(SnippetChooserViewSet):
    """Wagtail gives every snippet a chooser open to anyone in the admin; choosing a
    comment shows its author and text, so here it is for moderators only."""

    def get_urlpatterns(self) -> list[Any]:
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = _moderators_only(pattern.callback)
        return patterns


# The row actions, in the order they are shown; each only where the move is allowed.
ROW_DECISIONS = (
    ("approve", _("Approve"), _("Approve the comment by %(name)s")),
    ("reject", _("Reject"), _("Reject the comment by %(name)s")),
    ("spam", _("Spam"), _("Mark the comment by %(name)s as spam")),
)


class CommentIndexView(IndexView):
    """Approve, reject or spam from a comment's own row. With script the button posts at
    once and comes back to the same page of the list; without, it opens a confirmation."""

    def get_list_more_buttons(self, instance: Comment) -> list[Any]:
        buttons = list(super().get_list_more_buttons(instance))
        if not self.request.user.has_perm(admin_views.PERMISSION):
            return buttons
        here = self.request.get_full_path()
        for priority, (decision, label, aria) in enumerate(ROW_DECISIONS):
            if not instance.can_become(admin_views.DECISIONS[decision]):
                continue
            url = reverse("comments_decide", args=[instance.pk, decision])
            buttons.append(
                ListingButton(
                    label,
                    url=f"{url}?{urlencode({'next': here})}",
                    priority=priority,
                    attrs={
                        "aria-label": aria % {"name": instance.name},
                        "data-controller": "w-action",
                        "data-action": "w-action#post",
                        "data-w-action-url-value": url,
                        "data-decision": decision,
                    },
                )
            )
        return buttons


def _last_edit(comment: Comment) -> str:
    """The reason of the newest moderator's edit (annotated by the listing's query)."""
    return getattr(comment, "last_edit_reason", None) or ""


class EditHistory(Panel):
    """Above the edit form: every earlier edit of the text with its reason, who and when."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "comments/admin/edit_history.html"

        def is_shown(self) -> bool:
            return bool(self.instance.pk)

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["edits"] = edits_of(self.instance)
            return context


def edits_of(comment: Comment) -> QuerySet[CommentEdit]:
    return comment.edits.select_related("editor").order_by("-edited_at", "-pk")


class CommentInspectView(InspectView):
    """The comment's page for moderators, with every edit's reason, who and when."""

    def get_field_label(self, field_name: str, field: Any) -> str:
        if field_name == "edits":
            return str(_("Edits (reason, by, when)"))
        return str(super().get_field_label(field_name, field))

    def get_edits_display_value(self) -> str:
        edits = list(edits_of(self.object))
        if not edits:
            return str(_("Not edited"))
        return format_html(
            '<ul class="comment-edits">{}</ul>',
            format_html_join(
                "",
                "<li>{} — {}, {}</li>",
                (
                    (
                        e.reason,
                        e.editor or "—",
                        date_format(localtime(e.edited_at), "DATETIME_FORMAT"),
                    )
                    for e in edits
                ),
            ),
        )


class CommentViewSet(SnippetViewSet):
    model = Comment
    chooser_viewset_class = CommentChooserViewSet
    icon = "comment"
    menu_label = _("Comments")
    index_view_class = CommentIndexView
    filterset_class = CommentFilterSet
    list_display = [
        "excerpt",
        "name",
        Column("email", label=_("Commenter (history)"), accessor=_history),
        "status",
        "article",
        "reason",
        Column("last_edit", label=_("Edit reason"), accessor=_last_edit),
        "created_at",
    ]
    list_per_page = 50
    ordering = ["-created_at"]
    search_fields = ["text", "name", "email"]
    inspect_view_enabled = True
    inspect_view_class = CommentInspectView
    inspect_view_fields = [
        "article",
        "name",
        "email",
        "text",
        "status",
        "reason",
        "decided_at",
        "decided_by",
        "created_at",
        "edits",
    ]
    edit_handler = ObjectList(
        [EditHistory(), FieldPanel("text"), FieldPanel("edit_reason")],
        base_form_class=CommentEditForm,
    )

    def get_queryset(self, request: Any) -> Any:
        newest_edit = CommentEdit.objects.filter(comment=OuterRef("pk")).order_by(
            "-edited_at", "-pk"
        )
        return Comment.objects.select_related("article").annotate(
            last_edit_reason=Subquery(newest_edit.values("reason")[:1])
        )


class BlockedViewSet(SnippetViewSet):
    model = Blocked
    icon = "warning"
    menu_label = _("Blocklist")
    list_display = ["kind", "value", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value"]
    panels = [FieldPanel("kind"), FieldPanel("value"), FieldPanel("note")]


class CommentsGroup(SnippetViewSetGroup):
    items = (CommentViewSet, BlockedViewSet)
    menu_icon = "comment"
    menu_label = _("Comments")
    menu_name = "comments"
    menu_order = 250


register_snippet(CommentsGroup)


@hooks.register("register_admin_urls")
def register_decision_urls() -> list[URLPattern]:
    return [
        path(
            "comments/decide/<int:pk>/<slug:decision>/", admin_views.decide, name="comments_decide"
        )
    ]


def _forbidden(request: HttpRequest) -> HttpResponse:
    # Answered here: a PermissionDenied raised in the admin becomes a redirect home.
    return permission_denied(request, PermissionDenied())


class _ModeratorsOnly:
    """403 before anything is shown: Wagtail's confirmation page lists the chosen items,
    those the user may not act on too, and a comment's name is its author and text."""

    permissions: tuple[str, ...] = ("comments.change_comment",)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perms(self.permissions):
            return _forbidden(request)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class _CommentAction(_ModeratorsOnly, SnippetBulkAction):
    """A bulk action on the chosen comments, applied one by one through the services."""

    template_name = "comments/admin/confirm_bulk.html"
    models = [Comment]

    def check_perm(self, obj: Comment) -> bool:
        return all(self.request.user.has_perm(p) for p in self.permissions)

    @classmethod
    def execute_action(cls, objects: list[Comment], **kwargs: Any) -> tuple[int, int]:
        user = kwargs["self"].request.user
        return sum(cls.apply(comment, user) for comment in objects), 0

    @classmethod
    def apply(cls, comment: Comment, user: Any) -> bool:
        """Act on one comment; False if it was left as it was."""
        raise NotImplementedError


class _Decide(_CommentAction):
    """Move the chosen comments to one status; ones that cannot move are left as they are."""

    status: str = ""

    @classmethod
    def apply(cls, comment: Comment, user: Any) -> bool:
        if not comment.can_become(cls.status):
            return False
        services.moderate(comment, cls.status, by=user, reason=f"moderator:{user.pk}")
        return True

    def get_success_message(self, num_parent_objects: int, num_child_objects: int) -> str:
        return ngettext(
            "%(count)d comment is now %(status)s.",
            "%(count)d comments are now %(status)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "status": Status(self.status).label.lower()}


@hooks.register("register_bulk_action")
class ApproveBulkAction(_Decide):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    status = Status.APPROVED
    action_priority = 10


@hooks.register("register_bulk_action")
class RejectBulkAction(_Decide):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    status = Status.REJECTED
    action_priority = 20


@hooks.register("register_bulk_action")
class SpamBulkAction(_Decide):
    display_name = _("Spam")
    action_type = "spam"
    aria_label = _("Mark the selected comments as spam")
    status = Status.SPAM
    action_priority = 30


class _Block(_CommentAction):
    kind: str = ""
    permissions = ("comments.change_comment", "comments.add_blocked")

    @classmethod
    def apply(cls, comment: Comment, user: Any) -> bool:
        services.block(comment, cls.kind, by=user)
        return True

    def get_success_message(self, num_parent_objects: int, num_child_objects: int) -> str:
        return ngettext(
            "Blocked the author of %(count)d comment.",
            "Blocked the authors of %(count)d comments.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class BlockEmailBulkAction(_Block):
    display_name = _("Block email")
    action_type = "block_email"
    aria_label = _("Block the email addresses of the selected comments' authors")
    kind = BlockKind.EMAIL
    action_priority = 40


@hooks.register("register_bulk_action")
class BlockClientBulkAction(_Block):
    display_name = _("Block network")
    action_type = "block_client"
    aria_label = _("Block the client networks of the selected comments' authors")
    kind = BlockKind.CLIENT
    action_priority = 50


# Registered after Wagtail's own delete for every snippet (order 0), which it replaces for
# comments only: the same action, behind the same 403 as the others.
@hooks.register("register_bulk_action", order=1)
class DeleteCommentsBulkAction(_ModeratorsOnly, DeleteBulkAction):
    models = [Comment]
    permissions = ("comments.delete_comment",)
