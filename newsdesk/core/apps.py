from django.apps import AppConfig
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    label = "core"

    def ready(self) -> None:
        from . import navigation  # noqa: PLC0415 - uses models, importable only once apps are ready

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(navigation.forget, dispatch_uid=f"nav-forget-{id(signal)}")
        post_delete.connect(navigation.forget, dispatch_uid="nav-forget-delete")
