from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move


class CoreConfig(AppConfig):
    name = "newsdesk.core"
    label = "core"

    def ready(self) -> None:
        # These modules use models, importable only once the apps are ready.
        from wagtail.models import Page, Site  # noqa: PLC0415

        from . import navigation, sites  # noqa: PLC0415

        def forget_site_structure(**kwargs: Any) -> None:
            navigation.forget()
            sites.forget()

        def forget_if_structural(sender: type, instance: object, **kwargs: Any) -> None:
            if isinstance(instance, Page | Site):
                forget_site_structure()

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(
                forget_site_structure, weak=False, dispatch_uid=f"site-structure-{id(signal)}"
            )
        post_delete.connect(forget_if_structural, weak=False, dispatch_uid="site-structure-del")
        post_save.connect(
            forget_site_structure, sender="wagtailcore.Site", weak=False, dispatch_uid="site-saved"
        )
