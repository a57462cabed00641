"""Uploaded media carry headers that keep a file from acting as one of our pages
(newsdesk.core.media: the WSGI application that `newsdesk serve` runs answers them)."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.files.storage import FileSystemStorage, InMemoryStorage

from newsdesk.core import media
from tests.factories import png_bytes

POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox"


def _site(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("404 Not Found", [("Content-Type", "text/html")])
    return [b"the site's own answer"]


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "harbour.png").write_bytes(png_bytes())
    return tmp_path


def _get(app: Any, path: str, **headers: str) -> tuple[str, dict[str, str], bytes]:
    environ: dict[str, Any] = {"PATH_INFO": path, "wsgi.input": BytesIO(), **headers}
    setup_testing_defaults(environ)
    answer: dict[str, Any] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]]) -> None:
        answer["status"], answer["headers"] = status, dict(response_headers)

    body = b"".join(_chunks(app(environ, start_response)))
    return answer["status"], answer["headers"], body


def _chunks(response: Any) -> Iterator[bytes]:
    try:
        yield from response
    finally:
        getattr(response, "close", lambda: None)()


def test_it_serves_a_picture_with_nosniff_and_a_scriptless_policy(media_root: Path) -> None:
    status, headers, body = _get(media.MediaFiles(_site), "/media/images/harbour.png")
    assert status == "200 OK"
    assert body == (media_root / "images" / "harbour.png").read_bytes()
    assert headers["Content-Type"] == "image/png"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == POLICY


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "notes.txt"])
def test_it_sandboxes_an_upload_that_a_browser_could_run(media_root: Path, name: str) -> None:
    (media_root / name).write_text("<script>alert(document.cookie)</script>")
    status, headers, _body = _get(media.MediaFiles(_site), f"/media/{name}")
    assert status == "200 OK"
    assert "sandbox" in headers["Content-Security-Policy"].split("; ")
    assert "script-src" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_it_serves_a_file_uploaded_after_it_started(media_root: Path) -> None:
    app = media.MediaFiles(_site)
    (media_root / "images" / "later.png").write_bytes(png_bytes(colour="#aa0000"))
    status, headers, _body = _get(app, "/media/images/later.png")
    assert status == "200 OK"
    assert headers["Content-Security-Policy"] == POLICY


def test_it_serves_part_of_a_film_for_seeking(media_root: Path) -> None:
    (media_root / "film.webm").write_bytes(bytes(range(256)) * 8)
    status, headers, body = _get(
        media.MediaFiles(_site), "/media/film.webm", HTTP_RANGE="bytes=10-19"
    )
    assert status == "206 Partial Content"
    assert body == bytes(range(10, 20))
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path", ["/media/../secret.txt", "/media/images/missing.png", "/", "/media/images/"]
)
def test_it_leaves_anything_else_to_the_site(media_root: Path, path: str) -> None:
    (media_root.parent / "secret.txt").write_text("not media")
    status, _headers, body = _get(media.MediaFiles(_site), path)
    assert (status, body) == ("404 Not Found", b"the site's own answer")


def test_it_serves_media_only_when_they_are_on_disk(settings, media_root: Path) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(
        media.with_media(_site, FileSystemStorage(location=media_root)), media.MediaFiles
    )
    assert media.with_media(_site, InMemoryStorage()) is _site
