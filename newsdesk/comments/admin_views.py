"""The moderation desk's row actions: approve, reject or mark one comment as spam."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from newsdesk.lib.redirects import safe_next

from . import services
from .models import Comment, Status

# The decisions a moderator makes from a comment's row (the URL's last part).
DECISIONS = {
    "approve": Status.APPROVED,
    "reject": Status.REJECTED,
    "spam": Status.SPAM,
}
PERMISSION = "comments.change_comment"


def decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """Confirm (GET, the link without script), then decide (POST)."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    status = DECISIONS.get(decision)
    if status is None:
        raise Http404
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    index = reverse("wagtailsnippets_comments_comment:list")
    if request.method == "POST":
        if comment.can_become(status):
            services.moderate(
                comment, status, by=request.user, reason=f"moderator:{request.user.pk}"
            )
            messages.success(
                request,
                _("The comment by %(name)s is now %(status)s.")
                % {"name": comment.name, "status": Status(status).label.lower()},
            )
        else:
            messages.warning(
                request,
                _("The comment by %(name)s is already %(status)s.")
                % {"name": comment.name, "status": comment.get_status_display().lower()},
            )
        return redirect(safe_next(request, request.POST.get("next"), index))
    return render(
        request,
        "comments/admin/confirm_decision.html",
        {
            "comment": comment,
            "decision": decision,
            "status": status,
            "status_label": Status(status).label,
            "next": safe_next(request, request.GET.get("next"), index),
        },
    )
