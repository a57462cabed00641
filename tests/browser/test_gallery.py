"""The gallery viewer by keyboard, and films that load nothing from their host before play."""

from __future__ import annotations

from random import Random
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import Page, expect

from newsdesk.newsroom.demo import video
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def gallery_index(home):  # type: ignore[no-untyped-def]
    return factories.make_gallery_index(home)


def test_it_moves_through_a_gallery_with_the_keyboard(page: Page, gallery_index) -> None:  # type: ignore[no-untyped-def]
    gallery = factories.make_photo_gallery(gallery_index, "Harbour at dawn", pictures=3)
    page.goto(gallery.url)
    first = page.locator("[data-viewer-index='0']")
    first.focus()
    page.keyboard.press("Enter")

    viewer = page.get_by_role("dialog")
    expect(viewer).to_be_visible()
    expect(viewer.locator(".viewer__count")).to_have_text("1 of 3")
    expect(viewer).to_contain_text("Photographer 1 / Agency")
    expect(page.get_by_role("button", name="Close")).to_be_focused()

    page.keyboard.press("ArrowRight")
    expect(viewer.locator(".viewer__count")).to_have_text("2 of 3")
    expect(viewer).to_contain_text("Caption of picture 2")
    assert page.url.endswith("#image-2")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(viewer.locator(".viewer__count")).to_have_text("3 of 3")

    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    expect(first).to_be_focused()


def test_it_opens_the_picture_named_in_a_shared_address(page: Page, gallery_index) -> None:  # type: ignore[no-untyped-def]
    gallery = factories.make_photo_gallery(gallery_index, pictures=3)
    page.goto(f"{gallery.url}#image-3")
    expect(page.get_by_role("dialog").locator(".viewer__count")).to_have_text("3 of 3")


def test_it_requests_nothing_from_the_video_host_before_play(
    page: Page, gallery_index, foreign_requests: list[str]
) -> None:  # type: ignore[no-untyped-def]
    film = factories.make_film(gallery_index, external_url="https://www.youtube.com/watch?v=abc123")
    page.goto(film.url, wait_until="networkidle")
    assert foreign_requests == []
    expect(page.locator("iframe")).to_have_count(0)

    page.locator(".film-facade").click()

    frame = page.locator("iframe.film-facade__frame")
    expect(frame).to_have_count(1)
    src = frame.get_attribute("src") or ""
    assert urlsplit(src).hostname == "www.youtube-nocookie.com"
    assert src.startswith("https://www.youtube-nocookie.com/embed/abc123")
    page.wait_for_timeout(300)
    assert {urlsplit(url).hostname for url in foreign_requests} <= {"www.youtube-nocookie.com"}


def test_it_plays_a_film_we_host_in_chromium(
    page: Page, gallery_index, settings, tmp_path, foreign_requests: list[str]
) -> None:  # type: ignore[no-untyped-def]
    # On disk, where the live server serves media from: the tests' in-memory storage is not.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    made = video.make_film("A test film", "sea", ("First line.", "Second line."), Random(3))
    film = factories.make_film(
        gallery_index,
        video_file=ContentFile(made.video, name="test-film.webm"),
        captions_file=ContentFile(made.captions.encode(), name="test-film.vtt"),
        duration_seconds=made.seconds,
    )
    page.goto(film.url)
    player = page.locator("video.film__video")
    assert player.evaluate("v => v.canPlayType('video/webm; codecs=\"vp9\"')") == "probably"

    player.click()  # the reader's gesture, which the browser asks before it plays
    player.evaluate("v => v.play()")

    page.wait_for_function(
        "() => { const v = document.querySelector('video'); return v.readyState >= 3"
        " && v.currentTime > 0.5 && !v.error; }"
    )
    track = player.evaluate("v => v.textTracks[0].cues.length")
    assert track == 2
    assert foreign_requests == []
