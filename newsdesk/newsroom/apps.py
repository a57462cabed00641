from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_roles(sender: AppConfig, **kwargs: object) -> None:
    # Imported when the signal fires: the models are ready only after app loading.
    from .roles import ensure_roles  # noqa: PLC0415

    ensure_roles()


class NewsroomConfig(AppConfig):
    name = "newsdesk.newsroom"
    label = "newsroom"

    def ready(self) -> None:
        post_migrate.connect(_ensure_roles, sender=self)
