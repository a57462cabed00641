from django.apps import AppConfig
from wagtail.signals import page_published


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    label = "core"

    def ready(self) -> None:
        # These modules use models, importable only once the apps are ready.
        from . import fragments, invalidation, publication, purging  # noqa: PLC0415

        # First, so that every later receiver sees the times the publication gave.
        page_published.connect(
            publication.stamp_publication, weak=False, dispatch_uid="publication-times"
        )
        # What each change makes stale is declared by the models (see invalidation.py).
        invalidation.connect()
        fragments.invalidated.connect(
            purging.purge_tags_later, weak=False, dispatch_uid="purge-tags"
        )
