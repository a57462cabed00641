"""Films added through the real admin page form: bad files come back as field errors."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from newsdesk.gallery.models import FilmPage, GalleryIndexPage
from newsdesk.newsroom.roles import EDITOR

from . import factories

pytestmark = pytest.mark.django_db

WEBM_HEAD = b"\x1a\x45\xdf\xa3" + bytes(28)
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"


@pytest.fixture
def gallery_index(home) -> GalleryIndexPage:  # type: ignore[no-untyped-def]
    return factories.make_gallery_index(home)


@pytest.fixture
def editor_client(client: Client) -> Client:
    user = User.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(user)
    return client


def post_film(client: Client, index: GalleryIndexPage, **files: SimpleUploadedFile):  # type: ignore[no-untyped-def]
    """Post the admin's add-a-film form as an editor's browser would."""
    empty_formset = {
        "TOTAL_FORMS": 0,
        "INITIAL_FORMS": 0,
        "MIN_NUM_FORMS": 0,
        "MAX_NUM_FORMS": 1000,
    }
    data: dict[str, object] = {
        "title": "Crossing at night",
        "slug": "crossing-at-night",
        "summary": "Ferry workers on the last crossing.",
        "published_at": "2026-11-20 08:30",
        "credit": "Camera / Agency",
        "caption": "The last ferry leaves at midnight.",
        **{
            f"{prefix}-{key}": value
            for prefix in ("article_links", "topic_links")
            for key, value in empty_formset.items()
        },
        **files,
    }
    return client.post(f"/admin/pages/add/gallery/filmpage/{index.pk}/", data)


def add_film(client: Client, index: GalleryIndexPage, **files: SimpleUploadedFile) -> str:
    """The form sent back with its errors (a 200, never a 500 or a redirect)."""
    response = post_film(client, index, **files)
    assert response.status_code == 200
    html: str = response.content.decode()
    assert "The page could not be created due to validation errors" in html
    return html


def field_errors(html: str, field: str) -> str:
    """The errors the admin shows under one field."""
    start = html.index(f'-{field}-errors"')
    return html[start : html.index("</div>", start)]


def assert_refilled(html: str) -> None:
    assert 'value="Crossing at night"' in html
    assert "Ferry workers on the last crossing." in html
    assert not FilmPage.objects.filter(title="Crossing at night").exists()


def test_it_saves_a_film_with_a_real_looking_video_and_captions(
    editor_client: Client, gallery_index: GalleryIndexPage
) -> None:
    video = SimpleUploadedFile("night.webm", WEBM_HEAD, content_type="video/webm")
    captions = SimpleUploadedFile("night.vtt", CAPTIONS, content_type="text/vtt")
    response = post_film(editor_client, gallery_index, video_file=video, captions_file=captions)
    assert response.status_code == 302
    assert FilmPage.objects.get(title="Crossing at night").video_file.name.endswith(".webm")


def test_it_refuses_a_fake_video_with_a_field_error(
    editor_client: Client, gallery_index: GalleryIndexPage
) -> None:
    fake = SimpleUploadedFile("night.mp4", b"<html>not a film</html>" * 4, content_type="video/mp4")
    html = add_film(editor_client, gallery_index, video_file=fake)
    assert "This file is not an MP4 or WebM video." in field_errors(html, "video_file")
    assert_refilled(html)


def test_it_refuses_an_oversized_video_with_a_field_error(
    editor_client: Client, gallery_index: GalleryIndexPage, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.GALLERY_VIDEO_MAX_BYTES = 1024
    big = SimpleUploadedFile("night.webm", WEBM_HEAD + bytes(2048), content_type="video/webm")
    html = add_film(editor_client, gallery_index, video_file=big)
    assert "This video is too large: the limit is 1.0\xa0KB." in field_errors(html, "video_file")
    assert_refilled(html)


def test_it_refuses_captions_without_a_webvtt_header_with_a_field_error(
    editor_client: Client, gallery_index: GalleryIndexPage
) -> None:
    video = SimpleUploadedFile("night.webm", WEBM_HEAD, content_type="video/webm")
    srt = SimpleUploadedFile("night.vtt", b"1\n00:00:01,000 --> 00:00:02,000\nHi\n")
    html = add_film(editor_client, gallery_index, video_file=video, captions_file=srt)
    assert "This file is not a WebVTT captions file." in field_errors(html, "captions_file")
    assert_refilled(html)
