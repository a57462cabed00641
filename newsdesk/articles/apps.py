from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from newsdesk.core import fragments


class ArticlesConfig(AppConfig):
    name = "newsdesk.articles"
    label = "articles"

    def ready(self) -> None:
        # Models are importable only once the apps are ready.
        from .listings import LATEST  # noqa: PLC0415
        from .models import ArticlePage  # noqa: PLC0415

        def forget_lists(**kwargs: Any) -> None:
            fragments.invalidate(LATEST)

        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(
                forget_lists, sender=ArticlePage, weak=False, dispatch_uid=f"latest-{id(signal)}"
            )
        # Cards show their authors' names.
        for signal in (post_save, post_delete):
            signal.connect(
                forget_lists,
                sender="people.Person",
                weak=False,
                dispatch_uid=f"latest-person-{id(signal)}",
            )
