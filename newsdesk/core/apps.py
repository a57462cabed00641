from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    label = "core"

    def ready(self) -> None:
        # These modules use models, importable only once the apps are ready.
        from . import fragments, invalidation, purging  # noqa: PLC0415

        # What each change makes stale is declared by the models (see invalidation.py).
        invalidation.connect()
        fragments.invalidated.connect(
            purging.purge_tags_later, weak=False, dispatch_uid="purge-tags"
        )
