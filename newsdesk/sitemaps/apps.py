from typing import Any

from django.apps import AppConfig
from wagtail.signals import page_published


class SitemapsConfig(AppConfig):
    name = "newsdesk.sitemaps"
    # "sitemaps" is django.contrib.sitemaps' label.
    label = "newsdesk_sitemaps"

    def ready(self) -> None:
        # These modules use models, importable only once the apps are ready. What a page
        # withdrawn or deleted makes stale is declared in selectors (core.invalidation);
        # a publication only adds to what is kept, here.
        from wagtail.models import Page  # noqa: PLC0415

        from newsdesk.articles.models import ArticlePage  # noqa: PLC0415

        from . import selectors  # noqa: PLC0415

        def published(instance: ArticlePage, **kwargs: Any) -> None:
            selectors.article_published(instance.pk, instance.locale_id, instance.last_published_at)

        def any_published(instance: Page, **kwargs: Any) -> None:
            selectors.page_published(instance.locale_id)

        page_published.connect(published, sender=ArticlePage, weak=False, dispatch_uid="sm-pub")
        page_published.connect(any_published, weak=False, dispatch_uid="sm-pub-any")
