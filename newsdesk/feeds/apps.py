from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published


class FeedsConfig(AppConfig):
    name = "newsdesk.feeds"
    label = "feeds"
    verbose_name = _("Feeds")

    def ready(self) -> None:
        # These modules use models, importable only once the apps are ready.
        from newsdesk.articles.models import ArticlePage  # noqa: PLC0415

        from . import websub  # noqa: PLC0415

        def published(instance: ArticlePage, **kwargs: Any) -> None:
            websub.announce(instance)

        page_published.connect(published, sender=ArticlePage, weak=False, dispatch_uid="websub")
