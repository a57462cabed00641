from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished


class TopicsConfig(AppConfig):
    name = "newsdesk.topics"
    label = "topics"

    def ready(self) -> None:
        # These modules use models, importable only once the apps are ready.
        from newsdesk.core import fragments  # noqa: PLC0415

        from . import selectors  # noqa: PLC0415
        from .models import TopicPage  # noqa: PLC0415

        def forget_lists(**kwargs: Any) -> None:
            fragments.invalidate(selectors.LISTED)

        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(
                forget_lists,
                sender=TopicPage,
                weak=False,
                dispatch_uid=f"topic-lists-{id(signal)}",
            )
