from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _set_up_newsroom(sender: AppConfig, **kwargs: object) -> None:
    # Imported when the signal fires: these modules use models, ready only after app loading.
    from .locales import ensure_locales  # noqa: PLC0415
    from .roles import ensure_roles  # noqa: PLC0415

    ensure_locales()
    ensure_roles()


class NewsroomConfig(AppConfig):
    name = "newsdesk.newsroom"
    label = "newsroom"

    def ready(self) -> None:
        post_migrate.connect(_set_up_newsroom, sender=self)
