from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, pre_save
from wagtail.signals import page_published, page_unpublished


class GalleryConfig(AppConfig):
    name = "newsdesk.gallery"
    label = "gallery"

    def ready(self) -> None:
        # These modules use models, importable only once the apps are ready.
        from wagtail.images import get_image_model  # noqa: PLC0415

        from newsdesk.core import fragments  # noqa: PLC0415
        from newsdesk.home.blocks import HOME_BLOCKS  # noqa: PLC0415

        from . import media, selectors  # noqa: PLC0415
        from .home_blocks import GalleryBlock  # noqa: PLC0415
        from .models import FilmPage, PhotoGalleryPage  # noqa: PLC0415

        if not any(isinstance(block, GalleryBlock) for block in HOME_BLOCKS):
            HOME_BLOCKS.append(GalleryBlock())

        def forget_lists(**kwargs: Any) -> None:
            fragments.invalidate(selectors.LATEST)

        for model in (PhotoGalleryPage, FilmPage):
            for signal in (page_published, page_unpublished, post_delete):
                signal.connect(
                    forget_lists,
                    sender=model,
                    weak=False,
                    dispatch_uid=f"gallery-lists-{model.__name__}-{id(signal)}",
                )

        def strip_metadata(instance: Any, **kwargs: Any) -> None:
            media.strip_new_image_file(instance)

        pre_save.connect(
            strip_metadata, sender=get_image_model(), weak=False, dispatch_uid="gallery-strip"
        )
