"""Original uploads kept with their metadata, only while an administrator allows it.

The picture everyone sees is always the copy without metadata (media.py). When the media
safety setting is on, the file as it arrived is also written to the "originals" storage,
which lies outside MEDIA_ROOT and is read only by the admin view for people with the
permission to download originals.
"""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage, storages

from .models import KeptOriginal, MediaSafetySettings

PERMISSION = "gallery.view_keptoriginal"
# Where media.py leaves an upload's original bytes for the post_save step below.
PENDING = "_newsdesk_original_upload"


def storage() -> Storage:
    return storages["originals"]


def remember_if_kept(instance: Any, name: str, data: bytes) -> None:
    """Hold the original until the image has an id, if the setting asks to keep it."""
    if MediaSafetySettings.load().keep_originals:
        setattr(instance, PENDING, (name, data))


def keep_pending(instance: Any) -> None:
    pending = getattr(instance, PENDING, None)
    if pending is None:
        return
    delattr(instance, PENDING)
    name, data = pending
    stored = storage().save(f"{instance.pk}/{name}", ContentFile(data))
    # A replaced file replaces its original too (the old one's file goes with its row).
    KeptOriginal.objects.filter(image_id=instance.pk).delete()
    KeptOriginal.objects.create(image_id=instance.pk, name=stored, size=len(data))


def forget(original: KeptOriginal) -> None:
    """Connected to the row's post_delete, also when its image is deleted."""
    storage().delete(original.name)


def open_original(original: KeptOriginal) -> File:
    return storage().open(original.name, "rb")
