"""Reads of comments for pages: a page of threads in two queries, however many there are."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.core import fragments

from .models import Comment, CommentSettings, Status

THREADS_PER_PAGE = 10
PUBLIC_FIELDS = ("id", "parent_id", "root_id", "depth", "name", "text", "created_at", "email")


@dataclass
class Node:
    comment: Comment
    children: list[Node] = field(default_factory=list)


@dataclass
class ThreadPage:
    threads: list[Node]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def thread_page(article: ArticlePage, number: int = 1) -> ThreadPage:
    """Approved comments, oldest first, by thread: one query for the roots, one for replies."""
    fragments.shows(f"comments:{article.pk}")
    approved = Comment.objects.filter(article=article, status=Status.APPROVED).only(*PUBLIC_FIELDS)
    start = (number - 1) * THREADS_PER_PAGE
    # One more than a page tells whether there is a next page without counting.
    roots = list(
        approved.filter(root__isnull=True).order_by("created_at", "id")[
            start : start + THREADS_PER_PAGE + 1
        ]
    )
    has_next = len(roots) > THREADS_PER_PAGE
    roots = roots[:THREADS_PER_PAGE]
    replies = list(approved.filter(root__in=[r.pk for r in roots]).order_by("created_at", "id"))
    nodes = {root.pk: Node(root) for root in roots}
    for reply in replies:
        parent = nodes.get(reply.parent_id or 0)
        if parent is None:  # its parent is not approved: the reply waits with it
            continue
        nodes[reply.pk] = node = Node(reply)
        parent.children.append(node)
    return ThreadPage([nodes[root.pk] for root in roots], number, has_next)


def is_open(article: ArticlePage, site_settings: CommentSettings) -> bool:
    if not article.comments_open:
        return False
    days = site_settings.close_after_days
    return not days or article.published_at >= timezone.now() - timedelta(days=days)


def replyable(article: ArticlePage, comment_id: int | None) -> Comment | None:
    """The approved comment of this article that a reader may reply to."""
    if not comment_id:
        return None
    return (
        Comment.objects.filter(article=article, status=Status.APPROVED, pk=comment_id)
        .select_related("parent")
        .first()
    )
