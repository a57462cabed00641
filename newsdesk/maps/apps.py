from typing import Any

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move


class MapsConfig(AppConfig):
    name = "newsdesk.maps"
    label = "maps"
    verbose_name = "Map"

    def ready(self) -> None:
        # Models are importable only once the apps are ready.
        from newsdesk.articles.models import ArticlePage  # noqa: PLC0415
        from newsdesk.core import fragments  # noqa: PLC0415

        from . import models, page_side  # noqa: PLC0415, F401  (page_side: map-ui's hooks)

        def forget_events(**kwargs: Any) -> None:
            # Now for this process, and again once the change is visible to readers: a page
            # rendered between the two would otherwise keep what it read before the commit.
            fragments.invalidate(models.EVENTS_TAG)
            transaction.on_commit(lambda: fragments.invalidate(models.EVENTS_TAG))

        senders = (
            models.Event,
            models.EventCategory,
            models.EventSource,
            models.EventArticle,
            models.EventTopic,
            models.ControlArea,
        )
        for sender in senders:
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_events,
                    sender=sender,
                    weak=False,
                    dispatch_uid=f"maps-events-{sender.__name__}-{id(signal)}",
                )
        for through in (models.Event.articles.through, models.Event.topics.through):
            m2m_changed.connect(
                forget_events, sender=through, weak=False, dispatch_uid=f"maps-m2m-{through}"
            )

        def forget_if_linked(instance: Any, **kwargs: Any) -> None:
            # Events show their articles' titles and addresses, and only those readers may
            # see: publishing, withdrawing or moving one (under a private section) counts.
            if models.EventArticle.objects.filter(article_id=instance.pk).exists():
                forget_events()

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(
                forget_if_linked,
                sender=ArticlePage,
                weak=False,
                dispatch_uid=f"maps-articles-{id(signal)}",
            )
