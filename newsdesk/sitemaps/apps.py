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
        from wagtail.models import Page  # noqa: PLC0415

        from newsdesk.articles.models import ArticlePage  # noqa: PLC0415

        from . import selectors  # noqa: PLC0415

        def published(instance: ArticlePage, **kwargs: Any) -> None:
            selectors.article_published(instance.pk, instance.last_published_at)

        def any_published(instance: Page, **kwargs: Any) -> None:
            selectors.page_published(instance.locale_id)

        def gone(**kwargs: Any) -> None:
            selectors.forget_ranges()

        page_published.connect(published, sender=ArticlePage, weak=False, dispatch_uid="sm-pub")
        page_published.connect(any_published, weak=False, dispatch_uid="sm-pub-any")
        page_unpublished.connect(gone, weak=False, dispatch_uid="sm-unpub")
        post_delete.connect(gone, sender=ArticlePage, weak=False, dispatch_uid="sm-del")
