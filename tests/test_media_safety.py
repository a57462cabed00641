"""Uploaded pictures lose their location metadata; bad files get a message, not a 500."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images.forms import get_image_form
from wagtail.images.models import Image

from newsdesk.gallery.forms import SafeImageForm
from newsdesk.gallery.media import validate_captions_file, validate_video_file

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps(width: int = 64, height: int = 32, orientation: int = 1) -> bytes:
    exif = PILImage.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0131] = "Phone 12"  # Software
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (33.0, 30.0, 15.0), 3: "E", 4: (36.0, 17.0, 30.0)}
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "#884422").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def stored_exif(image: Image) -> PILImage.Exif:
    with image.file.open("rb") as f, PILImage.open(f) as picture:
        return picture.getexif()


def test_it_builds_a_test_picture_that_really_carries_gps() -> None:
    with PILImage.open(io.BytesIO(jpeg_with_gps())) as picture:
        assert picture.getexif().get_ifd(GPS_IFD)


def test_it_stores_an_uploaded_picture_without_gps_or_camera_metadata() -> None:
    image = Image.objects.create(
        title="Checkpoint", file=ImageFile(io.BytesIO(jpeg_with_gps()), name="checkpoint.jpg")
    )
    exif = stored_exif(image)
    assert not exif.get_ifd(GPS_IFD)
    assert len(exif) == 0
    with image.file.open("rb") as f, PILImage.open(f) as picture:
        assert picture.format == "JPEG"
        assert "exif" not in picture.info and "xmp" not in picture.info


def test_it_applies_the_cameras_orientation_before_dropping_it() -> None:
    # Orientation 6: the camera was turned; the stored picture stands upright instead.
    image = Image.objects.create(
        title="Portrait",
        file=ImageFile(io.BytesIO(jpeg_with_gps(64, 32, orientation=6)), name="portrait.jpg"),
    )
    assert (image.width, image.height) == (32, 64)
    with image.file.open("rb") as f, PILImage.open(f) as picture:
        assert picture.size == (32, 64)


def test_it_strips_metadata_from_an_editors_upload_through_the_admin_form() -> None:
    form_class = get_image_form(Image)
    assert issubclass(form_class, SafeImageForm)
    upload = SimpleUploadedFile("field.jpg", jpeg_with_gps(), content_type="image/jpeg")
    form = form_class(data={"title": "Field"}, files={"file": upload})
    assert form.is_valid(), form.errors
    image = form.save()
    assert not stored_exif(image).get_ifd(GPS_IFD)
    assert image.file_size == image.file.size


def _upload_errors(name: str, content: bytes) -> list[str]:
    form_class = get_image_form(Image)
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    form = form_class(data={"title": "Bad"}, files={"file": upload})
    assert not form.is_valid()
    return form.errors["file"]


def test_it_rejects_a_fake_picture_with_a_message() -> None:
    errors = _upload_errors("fake.jpg", b"<html>not a picture</html>" * 10)
    assert errors and "image" in errors[0].lower()


def test_it_rejects_a_truncated_picture_with_a_message() -> None:
    data = jpeg_with_gps(400, 300)
    errors = _upload_errors("cut.jpg", data[: len(data) // 2])
    assert any("damaged or incomplete" in e for e in errors), errors


def test_it_rejects_an_upload_of_a_type_we_cannot_clean() -> None:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(buffer, "TIFF")
    errors = _upload_errors("scan.tiff", buffer.getvalue())
    assert errors


def test_it_rejects_a_truncated_picture_in_the_admin_with_a_page_not_a_500(admin_client) -> None:  # type: ignore[no-untyped-def]
    data = jpeg_with_gps(400, 300)
    upload = SimpleUploadedFile("cut.jpg", data[: len(data) // 2], content_type="image/jpeg")
    response = admin_client.post("/admin/images/add/", {"title": "Cut", "file": upload})
    assert response.status_code == 200
    assert "damaged or incomplete" in response.content.decode()
    assert not Image.objects.filter(title="Cut").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("film.avi", b"RIFF" + bytes(20), "MP4 or WebM"),
        ("film.mp4", b"<html>" + bytes(20), "not an MP4 or WebM"),
    ],
)
def test_it_rejects_a_video_of_the_wrong_type(name: str, content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        validate_video_file(SimpleUploadedFile(name, content))
    assert message in error.value.messages[0]


def test_it_rejects_a_video_over_the_size_limit(settings) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("big.mp4", b"\x00\x00\x00\x18ftypmp42")
    upload.size = 201 * 1024 * 1024
    with pytest.raises(ValidationError) as error:
        validate_video_file(upload)
    assert "too large" in error.value.messages[0]


def test_it_rejects_captions_that_are_not_webvtt() -> None:
    with pytest.raises(ValidationError):
        validate_captions_file(SimpleUploadedFile("subs.vtt", b"1\n00:00:01,000 --> x\n"))
