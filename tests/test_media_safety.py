"""Uploaded pictures lose their location metadata; bad files get a message, not a 500."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.images.forms import get_image_form
from wagtail.images.models import Image

from newsdesk.gallery.forms import SafeImageForm
from newsdesk.gallery.media import validate_captions_file, validate_video_file
from newsdesk.gallery.models import KeptOriginal, MediaSafetySettings
from newsdesk.newsroom.roles import ADMINISTRATOR, EDITOR
from tests.factories import member_of

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


# Keeping originals: off unless an administrator turns it on, and then only privately.

MAKER = b"CameraMaker"  # written into the test picture's EXIF by jpeg_with_gps()


@pytest.fixture
def on_disk(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Real files, public media and originals side by side, so a test can search them all."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "originals": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "originals"},
        },
    }
    return tmp_path


@pytest.fixture
def keeping_originals() -> None:
    setting = MediaSafetySettings.load()
    setting.keep_originals = True
    setting.save()


def upload_through_admin(client: Client) -> Image:
    upload = SimpleUploadedFile("field.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post("/admin/images/add/", {"title": "Field", "file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get(title="Field")
    image.get_rendition("width-32|format-webp")
    image.get_rendition("width-48")
    return image


def files_with_metadata(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and MAKER in p.read_bytes()]


def test_it_keeps_no_original_with_metadata_anywhere_by_default(
    admin_client: Client, on_disk: Path
) -> None:
    upload_through_admin(admin_client)
    stored = [p for p in on_disk.rglob("*") if p.is_file()]
    assert len(stored) >= 3  # the picture and its renditions
    assert files_with_metadata(on_disk) == []
    assert not KeptOriginal.objects.exists()


def test_it_keeps_the_untouched_original_outside_public_media_when_turned_on(
    admin_client: Client, on_disk: Path, keeping_originals: None
) -> None:
    image = upload_through_admin(admin_client)
    kept = files_with_metadata(on_disk)
    assert len(kept) == 1 and kept[0].is_relative_to(on_disk / "originals")
    assert kept[0].read_bytes() == jpeg_with_gps()
    assert image.kept_original.size == len(jpeg_with_gps())  # type: ignore[attr-defined]
    assert files_with_metadata(on_disk / "media") == []  # the picture and renditions readers get


def test_it_refuses_the_original_to_an_anonymous_reader(
    admin_client: Client, client: Client, on_disk: Path, keeping_originals: None
) -> None:
    image = upload_through_admin(admin_client)
    response = client.get(f"/admin/images/{image.pk}/original/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_it_refuses_the_original_to_an_editor_without_the_permission(
    admin_client: Client, client: Client, on_disk: Path, keeping_originals: None
) -> None:
    image = upload_through_admin(admin_client)
    client.force_login(member_of(EDITOR))
    response = client.get(f"/admin/images/{image.pk}/original/")
    # The admin answers a refusal by sending the user back to its dashboard with a message.
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_it_gives_an_administrator_the_original_with_its_gps(
    admin_client: Client, client: Client, on_disk: Path, keeping_originals: None
) -> None:
    image = upload_through_admin(admin_client)
    client.force_login(member_of(ADMINISTRATOR))
    response = client.get(f"/admin/images/{image.pk}/original/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment")
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    with PILImage.open(io.BytesIO(data)) as picture:
        assert picture.getexif().get_ifd(GPS_IFD)


def test_it_links_the_original_from_the_images_admin_page(
    admin_client: Client, on_disk: Path, keeping_originals: None
) -> None:
    image = upload_through_admin(admin_client)
    html = admin_client.get(f"/admin/images/{image.pk}/").content.decode()
    assert f'href="/admin/images/{image.pk}/original/"' in html


def test_it_removes_the_kept_original_with_its_image(
    admin_client: Client, on_disk: Path, keeping_originals: None
) -> None:
    image = upload_through_admin(admin_client)
    assert len(files_with_metadata(on_disk)) == KeptOriginal.objects.count() == 1

    image.delete()

    assert files_with_metadata(on_disk) == []
    assert not KeptOriginal.objects.exists()


@pytest.mark.parametrize(("role", "allowed"), [(EDITOR, False), (ADMINISTRATOR, True)])
def test_it_lets_only_administrators_turn_on_keeping_originals(
    client: Client, role: str, allowed: bool
) -> None:
    client.force_login(member_of(role))
    setting = MediaSafetySettings.load()
    client.post(
        f"/admin/settings/gallery/mediasafetysettings/{setting.pk}/", {"keep_originals": "on"}
    )
    assert MediaSafetySettings.load().keep_originals is allowed


def test_it_keeps_no_originals_until_an_administrator_says_so() -> None:
    assert MediaSafetySettings.load().keep_originals is False
