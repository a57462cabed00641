"""Emails, sent by the task worker so that a reader's POST never waits for a mail server."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Comment, Status


def moderator_emails() -> list[str]:
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    can_moderate = (
        Q(is_superuser=True)
        | Q(groups__permissions__codename="change_comment")
        | Q(user_permissions__codename="change_comment")
    )
    return sorted(set(users.filter(can_moderate).values_list("email", flat=True)))


@task()
def notify_moderators(comment_id: int) -> int:
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    recipients = moderator_emails()
    if comment is None or comment.status != Status.PENDING or not recipients:
        return 0
    queue = reverse("wagtailsnippets_comments_comment:list")
    admin_url = f"{settings.WAGTAILADMIN_BASE_URL}{queue}?status=pending"
    body = _("%(name)s commented on “%(title)s”:\n\n%(text)s\n\nModerate: %(url)s") % {
        "name": comment.name,
        "title": comment.article.title,
        "text": comment.text,
        "url": admin_url,
    }
    return send_mail(
        _("New comment awaiting moderation"), body, None, recipients, fail_silently=False
    )


@task()
def notify_reply(reply_id: int) -> int:
    reply = Comment.objects.select_related("article", "parent").filter(pk=reply_id).first()
    # Only approved replies are ever announced; the parent's author asked for it.
    if reply is None or reply.status != Status.APPROVED or reply.parent is None:
        return 0
    parent = reply.parent
    if not parent.notify_replies or not parent.email:
        return 0
    url = f"{settings.WAGTAILADMIN_BASE_URL}{reply.article.url or ''}#comment-{reply.pk}"
    body = _("%(name)s replied to your comment on “%(title)s”:\n\n%(text)s\n\n%(url)s") % {
        "name": reply.name,
        "title": reply.article.title,
        "text": reply.text,
        "url": url,
    }
    return send_mail(_("A reply to your comment"), body, None, [parent.email])
