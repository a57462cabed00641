"""Writes that touch more than one row: submitting, moderating, editing, blocking, erasing.

Every change to what readers see calls `forget_page()`, the hook that the article page's
comment fragment (and a page cache, later) listens to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.core import invalidation

from . import pipeline, tasks
from .models import MAX_DEPTH, Blocked, BlockKind, Comment, CommentEdit, Moderation, Status


@dataclass(frozen=True)
class Result:
    comment: Comment | None
    verdict: pipeline.Verdict | None

    @property
    def refused(self) -> bool:
        return self.verdict is not None and self.verdict.outcome is pipeline.Outcome.REFUSE


def comments_tag(article_id: int) -> str:
    return f"comments:{article_id}"


def forget_page(article_id: int) -> None:
    """What readers see of this article's comments changed: render it again.

    Cards show the count too: every list, related story and Most Viewed entry showing
    the article's card shows `page:<id>`, so they are rendered again with it."""
    if recount(article_id):
        invalidation.invalidate(comments_tag(article_id), f"page:{article_id}")
    else:
        invalidation.invalidate(comments_tag(article_id))


def recount(article_id: int) -> bool:
    """Store the article's number of approved comments; True when it changed."""
    count = Comment.objects.filter(article_id=article_id, status=Status.APPROVED).count()
    changed = ArticlePage.objects.filter(pk=article_id).exclude(comment_count=count)
    return bool(changed.update(comment_count=count))


def attach_point(parent: Comment | None) -> Comment | None:
    """Replies deeper than MAX_DEPTH attach to the deepest allowed level."""
    while parent is not None and parent.depth >= MAX_DEPTH:
        parent = parent.parent
    return parent


def first_status(sub: pipeline.Submission) -> str:
    mode = sub.site_settings.moderation
    if mode == Moderation.NONE:
        return Status.APPROVED
    if mode == Moderation.LINKS:
        return Status.PENDING if pipeline.count_links(sub.text) else Status.APPROVED
    if mode == Moderation.FIRST_TIME:
        known = Comment.objects.filter(email__iexact=sub.email, status=Status.APPROVED).exists()
        return Status.APPROVED if known else Status.PENDING
    return Status.PENDING


def submit(sub: pipeline.Submission) -> Result:
    verdict = pipeline.run(sub)
    if verdict is not None and verdict.outcome is pipeline.Outcome.REFUSE:
        return Result(None, verdict)
    status: str
    if verdict is not None:
        held = verdict.outcome is pipeline.Outcome.HOLD
        status, reason = (Status.PENDING if held else Status.SPAM), verdict.reason
    else:
        status = first_status(sub)
        reason = "" if status == Status.PENDING else f"auto:{sub.site_settings.moderation}"
    parent = attach_point(sub.parent)
    with transaction.atomic():
        comment = Comment.objects.create(
            article=sub.article,
            parent=parent,
            root=(parent.root or parent) if parent else None,
            depth=parent.depth + 1 if parent else 0,
            name=sub.name,
            email=sub.email,
            text=sub.text,
            status=status,
            reason=reason,
            client_hash=sub.client_hash,
            notify_replies=sub.notify_replies,
        )
        if status == Status.PENDING:
            tasks.notify_moderators.enqueue(comment.pk)
        elif status == Status.APPROVED:
            transaction.on_commit(lambda: forget_page(comment.article_id))
            _notify_parent(comment)
    return Result(comment, verdict)


def moderate(comment: Comment, status: str, *, by: Any = None, reason: str = "") -> None:
    """Approve, reject, mark as spam or send back to the queue (state machine on the model)."""
    was = comment.status
    comment.transition(status, by=by, reason=reason)
    if Status.APPROVED in (was, status):
        forget_page(comment.article_id)
    if status == Status.APPROVED:
        _notify_parent(comment)


def edit_text(comment: Comment, text: str, *, reason: str, editor: Any) -> CommentEdit | None:
    if text == comment.text:
        return None
    with transaction.atomic():
        edit = CommentEdit.objects.create(
            comment=comment, old_text=comment.text, new_text=text, reason=reason, editor=editor
        )
        comment.text = text
        comment.save(update_fields=["text"])
    forget_page(comment.article_id)
    return edit


def block(comment: Comment, kind: str, *, by: Any = None) -> Blocked:
    """Block the comment's author (email or network) and mark the comment as spam."""
    value = comment.email if kind == BlockKind.EMAIL else comment.client_hash
    entry, _created = Blocked.objects.get_or_create(
        kind=kind,
        value=value.strip().lower(),
        defaults={"note": f"comment {comment.pk}, {timezone.now():%Y-%m-%d}"},
    )
    if comment.status != Status.SPAM:
        moderate(comment, Status.SPAM, by=by, reason=f"blocked:{kind}")
    return entry


def delete(comment: Comment) -> None:
    article_id = comment.article_id
    comment.delete()
    forget_page(article_id)


def export_for(email: str) -> list[dict[str, Any]]:
    comments = Comment.objects.filter(email__iexact=email).select_related("article")
    return [
        {
            "id": c.pk,
            "article": c.article.title,
            "article_url": c.article.url_path,
            "in_reply_to": c.parent_id,
            "name": c.name,
            "email": c.email,
            "text": c.text,
            "status": c.status,
            "created_at": c.created_at.isoformat(),
            "notify_replies": c.notify_replies,
            "client_network_hash": c.client_hash,
            "edits": [
                {"old_text": e.old_text, "new_text": e.new_text, "reason": e.reason}
                for e in c.edits.all()
            ],
        }
        for c in comments.order_by("created_at")
    ]


def erase_for(email: str) -> int:
    """Delete everything stored for `email`; comments others replied to keep an empty shell
    (no name, email, text or network) so that the replies keep their place."""
    comments = list(Comment.objects.filter(email__iexact=email))
    with transaction.atomic():
        replied = set(
            Comment.objects.filter(parent__in=comments).values_list("parent_id", flat=True)
        )
        for comment in comments:
            CommentEdit.objects.filter(comment=comment).delete()
            if comment.pk in replied:
                Comment.objects.filter(pk=comment.pk).update(
                    name="", email="", text="", client_hash="", notify_replies=False
                )
            else:
                comment.delete()
    for article_id in {c.article_id for c in comments}:
        forget_page(article_id)
    return len(comments)


def _notify_parent(reply: Comment) -> None:
    parent = reply.parent
    if parent is None or not parent.notify_replies or not parent.email:
        return
    if parent.email.lower() == reply.email.lower():
        return
    tasks.notify_reply.enqueue(reply.pk)
