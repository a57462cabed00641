"""Reader comments, moderator edits and the blocklist.

Moderation is a state: every comment is stored with a status, and only `transition()`
moves it, so the rules for what may follow what live in one place.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from newsdesk.articles.models import ArticlePage

# How deep replies nest: 0 is a top-level comment. A reply to a comment at this depth
# attaches to that comment's parent, so threads stay readable on a phone.
MAX_DEPTH = 2


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


# Which status may follow which: a moderator can always change their mind.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.PENDING: frozenset({Status.APPROVED, Status.REJECTED, Status.SPAM}),
    Status.APPROVED: frozenset({Status.REJECTED, Status.SPAM, Status.PENDING}),
    Status.REJECTED: frozenset({Status.APPROVED, Status.SPAM, Status.PENDING}),
    Status.SPAM: frozenset({Status.APPROVED, Status.REJECTED, Status.PENDING}),
}


class TransitionError(ValueError):
    pass


class Comment(models.Model):
    article = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    # The top-level comment of the thread: a page of threads loads in two queries.
    root = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("email"), max_length=254, db_index=True)
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    client_hash = models.CharField(_("client network"), max_length=64, blank=True, db_index=True)
    notify_replies = models.BooleanField(_("notify of replies"), default=False)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering: ClassVar[list[str]] = ["-created_at"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["article", "status", "root", "created_at"], name="comment_thread"),
            models.Index(fields=["status", "-created_at"], name="comment_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.excerpt}"

    @property
    def excerpt(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else f"{text[:79]}…"

    def can_become(self, status: str) -> bool:
        return status in TRANSITIONS.get(self.status, frozenset())

    def transition(self, status: str, *, by: object = None, reason: str = "") -> None:
        """Move to `status`, recording who decided and why; refuses moves not allowed."""
        if not self.can_become(status):
            raise TransitionError(f"A {self.status} comment cannot become {status}.")
        with transaction.atomic():
            # Lock the row: two moderators deciding at once must not both win.
            current = Comment.objects.select_for_update().get(pk=self.pk)
            if not current.can_become(status):
                raise TransitionError(f"A {current.status} comment cannot become {status}.")
            self.status = status
            self.decided_at = timezone.now()
            self.decided_by = by if getattr(by, "pk", None) else None  # type: ignore[assignment]
            if reason:
                self.reason = reason[:200]
            self.save(update_fields=["status", "decided_at", "decided_by", "reason"])


class CommentEdit(models.Model):
    """A moderator's change to a comment's text, kept with the reason."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="edits")
    old_text = models.TextField()
    new_text = models.TextField()
    reason = models.CharField(max_length=200)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment edit")
        verbose_name_plural = _("comment edits")

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.reason}"


class BlockKind(models.TextChoices):
    WORD = "word", _("Word or phrase")
    EMAIL = "email", _("Email address")
    CLIENT = "client", _("Client network (hash)")


class Blocked(models.Model):
    """Something that makes a submission spam: a word, an email or a client network."""

    kind = models.CharField(_("kind"), max_length=10, choices=BlockKind.choices)
    value = models.CharField(_("value"), max_length=200)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("blocked entry")
        verbose_name_plural = _("blocklist")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["kind", "value"], name="blocked_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.value = self.value.strip().lower()
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Moderation(models.TextChoices):
    ALL = "all", _("Pre-moderate every comment")
    FIRST_TIME = "first_time", _("Pre-moderate first-time commenters only")
    LINKS = "links", _("Pre-moderate comments with links only")
    NONE = "none", _("Publish at once (no pre-moderation)")


# Shown by every page whose comment form follows a site's rules.
RULES_TAG = "comment-rules:{}"


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    moderation = models.CharField(
        _("moderation"), max_length=12, choices=Moderation.choices, default=Moderation.ALL
    )
    close_after_days = models.PositiveIntegerField(
        _("close comments after (days)"),
        default=0,
        help_text=_("0 keeps comments open for as long as the article allows them."),
    )
    max_links = models.PositiveSmallIntegerField(
        _("most links in a comment"), default=2, help_text=_("More than this is refused.")
    )

    class Meta:
        verbose_name = _("comment settings")

    def cache_tags(self) -> set[str]:
        """Editors' changes to the rules apply at once (and, as for any site setting,
        `structure` once the row exists: see core.invalidation)."""
        return {RULES_TAG.format(self.site_id)}
