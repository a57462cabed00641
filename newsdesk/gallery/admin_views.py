"""The admin's download of a kept original: never public, only with the permission."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from . import originals
from .models import KeptOriginal


@never_cache
def download_original(request: HttpRequest, image_id: int) -> FileResponse:
    if not request.user.has_perm(originals.PERMISSION):
        raise PermissionDenied
    original = get_object_or_404(KeptOriginal, image_id=image_id)
    return FileResponse(
        originals.open_original(original),
        as_attachment=True,
        filename=original.name.rsplit("/", 1)[-1],
    )
