"""Reads of comments for pages: a page of threads in two queries, however many there are."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Site

from newsdesk.articles.models import ArticlePage
from newsdesk.core import fragments

from .models import RULES_TAG, Comment, CommentSettings, Status

THREADS_PER_PAGE = 10
RULES_KEY = "newsdesk:comments:rules:v2:{}"
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
    # By subquery, not by the ids above: two queries whether the article has comments or not.
    page_ids = (
        approved.filter(root__isnull=True)
        .order_by("created_at", "id")
        .values("pk")[start : start + THREADS_PER_PAGE]
    )
    replies = list(approved.filter(root__in=page_ids).order_by("created_at", "id"))
    nodes = {root.pk: Node(root) for root in roots}
    for reply in replies:
        parent = nodes.get(reply.parent_id or 0)
        if parent is None:  # its parent is not approved: the reply waits with it
            continue
        nodes[reply.pk] = node = Node(reply)
        parent.children.append(node)
    return ThreadPage([nodes[root.pk] for root in roots], number, has_next)


@dataclass(frozen=True)
class Rules:
    """The editors' comment settings for one site, as every view reads them."""

    moderation: str = CommentSettings._meta.get_field("moderation").get_default()
    close_after_days: int = 0
    max_links: int = 2


def rules_for(request: HttpRequest | None) -> Rules:
    """The site's rules, remembered in each process: an article view must not query for
    them. Saving them invalidates their own tag (CommentSettings.cache_tags), and
    `structure` too once the row exists (core.invalidation): they show on every article."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return Rules()
    # Shown by the page: comment forms open or close with the rules.
    fragments.shows(RULES_TAG.format(site.pk))
    return fragments.remembered(RULES_KEY.format(site.pk), partial(_read_rules, site))


def _read_rules(site: Site) -> Rules:
    fragments.shows(RULES_TAG.format(site.pk))
    # Not for_site(), which would create the row: a reader's view writes nothing.
    row = CommentSettings.objects.filter(site=site).first()
    if row is None:
        return Rules()
    return Rules(row.moderation, row.close_after_days, row.max_links)


def is_open(article: ArticlePage, site_settings: Rules) -> bool:
    if not article.comments_open:
        return False
    days = site_settings.close_after_days
    if not days:
        return True
    closes_at = article.publication_time + timedelta(days=days)
    if closes_at <= timezone.now():
        return False
    # What shows an open form must be made again when it closes.
    fragments.expires(closes_at)
    return True


def replyable(article: ArticlePage, comment_id: int | None) -> Comment | None:
    """The approved comment of this article that a reader may reply to."""
    if not comment_id:
        return None
    return (
        Comment.objects.filter(article=article, status=Status.APPROVED, pk=comment_id)
        .select_related("parent")
        .first()
    )
