from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished


class SitemapsConfig(AppConfig):
    name = "newsdesk.sitemaps"
    # "sitemaps" is django.contrib.sitemaps' label.
    label = "newsdesk_sitemaps"

    def ready(self) -> None:
        # These modules use models, importable only once the apps are ready.
        from newsdesk.articles.models import ArticlePage  # noqa: PLC0415

        from . import selectors  # noqa: PLC0415

        def published(instance: ArticlePage, **kwargs: Any) -> None:
            selectors.article_published(instance.pk, instance.last_published_at)

        def gone(**kwargs: Any) -> None:
            selectors.forget_ranges()

        page_published.connect(published, sender=ArticlePage, weak=False, dispatch_uid="sm-pub")
        page_unpublished.connect(gone, sender=ArticlePage, weak=False, dispatch_uid="sm-unpub")
        post_delete.connect(gone, sender=ArticlePage, weak=False, dispatch_uid="sm-del")
