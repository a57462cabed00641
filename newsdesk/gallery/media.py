"""Safe handling of uploaded pictures and videos.

A photograph from a conflict zone can carry the GPS position where it was taken, the
camera's serial number and the photographer's name in its metadata: publishing that
file can put the photographer in danger. Every picture is therefore re-encoded from its
pixels alone when it is stored, with the camera's orientation applied first so that the
picture still stands the right way up. The original with its metadata is not kept unless
an administrator turns that on (originals.py), and then only in private storage.
"""

from __future__ import annotations

import hashlib
import io
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps

# Formats re-encoded without their metadata, with the options that keep their quality.
_SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 92, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 92},
    "GIF": {},
}
VIDEO_EXTENSIONS = ("mp4", "webm")
VIDEO_MAX_BYTES = 200 * 1024 * 1024  # unless settings.GALLERY_VIDEO_MAX_BYTES says otherwise
CAPTIONS_MAX_BYTES = 512 * 1024


def check_decodes(file: IO[bytes]) -> None:
    """Raise ValidationError unless every pixel of the picture can be read.

    Reading the header is not enough: a truncated upload has a valid header and fails
    only when its pixels are decoded, which would otherwise happen while rendering."""
    file.seek(0)
    try:
        with PILImage.open(file) as picture:
            picture.load()
    except PILImage.UnidentifiedImageError:
        return  # not a picture at all: Wagtail's own check says so in its words
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
        raise ValidationError(
            _("This picture is damaged or incomplete (%(reason)s). Please upload it again."),
            code="damaged_image",
            params={"reason": type(error).__name__},
        ) from error
    finally:
        file.seek(0)


def without_metadata(data: bytes) -> bytes | None:
    """The picture re-encoded from its pixels only, or None if it cannot be decoded."""
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            image_format = picture.format or ""
            if image_format not in _SAVE_OPTIONS:
                return None
            if image_format == "GIF" and getattr(picture, "n_frames", 1) > 1:
                # Animated GIFs carry no EXIF; re-saving one frame would lose the rest.
                return data
            upright = ImageOps.exif_transpose(picture)
            output = io.BytesIO()
            # No exif=, no pnginfo=, no xmp=, no icc_profile=: nothing but the pixels.
            upright.save(output, image_format, **_SAVE_OPTIONS[image_format])
            return output.getvalue()
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError):
        return None


def strip_new_image_file(instance: Any) -> tuple[str, bytes] | None:
    """Replace an image's file that is about to be stored by a copy without metadata;
    return the original's name and bytes when it was replaced.

    Connected to the image model's pre_save, so every way a picture arrives (the
    editor's upload, the multiple uploader, the demo generator) goes through it."""
    field_file = instance.file
    if not field_file or getattr(field_file, "_committed", True):
        return None
    field_file.open()
    field_file.seek(0)
    data = field_file.read()
    cleaned = without_metadata(data)
    if cleaned is None:
        return None
    name = field_file.name.rsplit("/", 1)[-1]
    instance.file = ContentFile(cleaned, name=name)
    with PILImage.open(io.BytesIO(cleaned)) as picture:
        instance.width, instance.height = picture.size
    instance.file_size = len(cleaned)
    instance.file_hash = hashlib.sha1(cleaned, usedforsecurity=False).hexdigest()
    return name, data


def validate_video_file(file: Any) -> None:
    name = (getattr(file, "name", "") or "").lower()
    if not name.endswith(tuple(f".{ext}" for ext in VIDEO_EXTENSIONS)):
        raise ValidationError(_("Upload an MP4 or WebM video."), code="video_type")
    limit = getattr(settings, "GALLERY_VIDEO_MAX_BYTES", VIDEO_MAX_BYTES)
    if file.size > limit:
        raise ValidationError(
            _("This video is too large: the limit is %(limit)s."),
            code="video_size",
            params={"limit": filesizeformat(limit)},
        )
    file.seek(0)
    head = file.read(12)
    file.seek(0)
    is_webm = head[:4] == b"\x1a\x45\xdf\xa3"
    is_mp4 = head[4:8] == b"ftyp"
    if not (is_webm or is_mp4):
        raise ValidationError(_("This file is not an MP4 or WebM video."), code="video_content")


def validate_captions_file(file: Any) -> None:
    name = (getattr(file, "name", "") or "").lower()
    if not name.endswith(".vtt") or file.size > CAPTIONS_MAX_BYTES:
        raise ValidationError(
            _("Upload captions as a WebVTT (.vtt) file of at most 512 KB."), code="captions"
        )
    file.seek(0)
    head = file.read(9)
    file.seek(0)
    if not head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(_("This file is not a WebVTT captions file."), code="captions")
