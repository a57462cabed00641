"""Varnish (Debian's package) in front of the site, with deploy/varnish/default.vcl.

The test starts varnishd itself, as a child in the foreground on free ports, in front of
a live server of the site; purges go to it from the site the way production sends them
(newsdesk.core.purging.VarnishBackend through Wagtail's frontend cache settings).
"""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import brotli
import pytest
from django.test import override_settings

from newsdesk.articles.models import ArticlePage

from . import factories

# The live server reads what the test writes, so tests commit (and restore Wagtail's root).
pytestmark = [
    pytest.mark.servers,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "default.vcl"
# As tools/system-packages finds it (which `make test` runs first).
VARNISHD = shutil.which(os.environ.get("VARNISHD", "varnishd")) or "/usr/sbin/varnishd"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"varnishd exited: {process.stderr.read()!r}")  # type: ignore[union-attr]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("varnishd did not start")


@pytest.fixture
def varnish(live_server: Any, tmp_path: Path) -> Iterator[str]:
    backend_port = urlsplit(live_server.url).port
    vcl = tmp_path / "default.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    port = _free_port()
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",  # in the foreground: a child of this test, stopped with it
            "-j",
            "none",
            "-n",
            str(tmp_path / "varnish"),
            "-a",
            f"127.0.0.1:{port}",
            "-T",
            f"127.0.0.1:{_free_port()}",
            "-f",
            str(vcl),
            "-s",
            "malloc,32m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(port, process)
        base = f"http://127.0.0.1:{port}"
        cache = {"varnish": {"BACKEND": "newsdesk.core.purging.VarnishBackend", "LOCATION": base}}
        with override_settings(WAGTAILFRONTENDCACHE=cache):
            yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _get(base: str, path: str) -> tuple[str, dict[str, str]]:
    # The site's hostname, as a reader's browser would send it.
    request = urllib.request.Request(f"{base}{path}", headers={"Host": "localhost"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode(), dict(response.headers)


@pytest.fixture
def story(news: Any) -> ArticlePage:
    return factories.make_article(news, "Talks resume in Geneva")


def test_it_keeps_a_page_in_varnish(varnish: str, story: ArticlePage) -> None:
    _get(varnish, story.url)
    _body, headers = _get(varnish, story.url)
    assert headers["X-Cache-Server"] == "HIT"


def test_it_shows_an_edited_article_through_varnish_at_once(
    varnish: str, story: ArticlePage
) -> None:
    _get(varnish, story.url)
    article = ArticlePage.objects.get(pk=story.pk)
    article.title = "Talks collapse in Geneva"
    article.save_revision().publish()
    body, _headers = _get(varnish, story.url)
    assert "Talks collapse in Geneva" in body


def test_it_shows_a_new_article_on_the_cached_home_page_through_varnish(
    varnish: str, story: ArticlePage, news: Any
) -> None:
    # Wagtail purges only the new article's own address; the tag purge reaches the home page.
    _get(varnish, "/")
    assert _get(varnish, "/")[1]["X-Cache-Server"] == "HIT"
    factories.make_article(news, "Ceasefire announced")
    body, _headers = _get(varnish, "/")
    assert "Ceasefire announced" in body


def test_it_shares_one_copy_whatever_the_tracking_parameters(
    varnish: str, story: ArticlePage
) -> None:
    _get(varnish, story.url)
    _body, headers = _get(varnish, f"{story.url}?utm_source=feed&utm_medium=rss")
    assert headers["X-Cache-Server"] == "HIT"


def _get_coded(base: str, path: str, accept_encoding: str) -> tuple[bytes, dict[str, str]]:
    headers = {"Host": "localhost", "Accept-Encoding": accept_encoding}
    request = urllib.request.Request(f"{base}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), dict(response.headers)


@pytest.mark.parametrize(
    ("accept_encoding", "coding", "decode"),
    [
        ("gzip, deflate, br, zstd", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("br;q=0, gzip", "gzip", gzip.decompress),
    ],
)
def test_it_keeps_each_coding_the_site_made_as_its_own_copy(
    varnish: str, story: ArticlePage, accept_encoding: str, coding: str, decode: Any
) -> None:
    _get_coded(varnish, story.url, accept_encoding)
    body, headers = _get_coded(varnish, story.url, accept_encoding)
    assert headers["X-Cache-Server"] == "HIT"
    assert headers["Content-Encoding"] == coding
    assert "Talks resume in Geneva" in decode(body).decode()


def test_it_keeps_a_plain_copy_for_a_reader_without_compression(
    varnish: str, story: ArticlePage
) -> None:
    _get_coded(varnish, story.url, "gzip, br")
    body, headers = _get_coded(varnish, story.url, "identity")
    assert "Content-Encoding" not in headers
    assert "Talks resume in Geneva" in body.decode()


def test_it_purges_every_coding_of_an_edited_article(varnish: str, story: ArticlePage) -> None:
    for accept_encoding in ("br", "gzip"):
        _get_coded(varnish, story.url, accept_encoding)
    article = ArticlePage.objects.get(pk=story.pk)
    article.title = "Talks collapse in Geneva"
    article.save_revision().publish()
    brotli_body, _headers = _get_coded(varnish, story.url, "br")
    gzip_body, _headers = _get_coded(varnish, story.url, "gzip")
    assert "Talks collapse in Geneva" in brotli.decompress(brotli_body).decode()
    assert "Talks collapse in Geneva" in gzip.decompress(gzip_body).decode()


def test_it_marks_uploaded_media_as_never_a_page(varnish: str, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "upload.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    body, headers = _get(varnish, "/media/upload.svg")
    assert body.startswith("<svg")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == (
        "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox"
    )


@pytest.mark.parametrize("query", ["", "?part=entries"])
def test_it_shows_a_new_live_entry_through_varnish_at_once(
    varnish: str, news: Any, query: str
) -> None:
    live = factories.make_live_page(news, "Live: the vote")
    factories.post_entry(live, "Polls open")
    _get(varnish, live.url + query)
    assert _get(varnish, live.url + query)[1]["X-Cache-Server"] == "HIT"

    factories.post_entry(live, "Turnout is high")

    body, _headers = _get(varnish, live.url + query)
    assert "Turnout is high" in body
