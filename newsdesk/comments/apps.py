from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published


class CommentsConfig(AppConfig):
    name = "newsdesk.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        # Models are importable only once the apps are ready.
        from newsdesk.articles.models import ArticlePage  # noqa: PLC0415

        from .services import forget_page, recount  # noqa: PLC0415

        def forget_deleted(instance: Any, **kwargs: Any) -> None:
            # Deletes from the admin (one or in bulk) bypass services.delete. The count is
            # stored first; which tags change depends on it (core.invalidation's rules
            # run through services.forget_page: now and after the commit).
            forget_page(instance.article_id)

        post_delete.connect(
            forget_deleted, sender="comments.Comment", weak=False, dispatch_uid="comments-deleted"
        )

        def recount_published(instance: Any, **kwargs: Any) -> None:
            # A published revision carries the count it was saved with.
            recount(instance.pk)

        page_published.connect(
            recount_published,
            sender=ArticlePage,
            weak=False,
            dispatch_uid="comments-recount",
        )
