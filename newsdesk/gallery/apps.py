from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save


class GalleryConfig(AppConfig):
    name = "newsdesk.gallery"
    label = "gallery"

    def ready(self) -> None:
        # These modules use models, importable only once the apps are ready.
        from wagtail.images import get_image_model  # noqa: PLC0415

        from newsdesk.home.blocks import HOME_BLOCKS  # noqa: PLC0415

        from . import media, originals  # noqa: PLC0415
        from .home_blocks import GalleryBlock  # noqa: PLC0415
        from .models import KeptOriginal  # noqa: PLC0415

        if not any(isinstance(block, GalleryBlock) for block in HOME_BLOCKS):
            HOME_BLOCKS.append(GalleryBlock())

        def strip_metadata(instance: Any, **kwargs: Any) -> None:
            original = media.strip_new_image_file(instance)
            if original is not None:
                originals.remember_if_kept(instance, *original)

        def keep_original(instance: Any, **kwargs: Any) -> None:
            originals.keep_pending(instance)

        def forget_original(instance: Any, **kwargs: Any) -> None:
            originals.forget(instance)

        image_model = get_image_model()
        pre_save.connect(
            strip_metadata, sender=image_model, weak=False, dispatch_uid="gallery-strip"
        )
        post_save.connect(
            keep_original, sender=image_model, weak=False, dispatch_uid="gallery-keep"
        )
        post_delete.connect(
            forget_original, sender=KeptOriginal, weak=False, dispatch_uid="gallery-forget"
        )
