"""Purges sent to CDNs, checked against their API contracts by a local HTTP server.

The server stands in for Cloudflare's and Fastly's APIs: it records each request exactly
as our backends send it (method, path, the headers the APIs require, the JSON body) and
answers as the APIs document.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import override_settings

from newsdesk.core import fragments, purging

from . import factories


class _Recorder(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.seen.append(  # type: ignore[attr-defined]
            {
                "method": "POST",
                "path": self.path,
                "headers": {name.lower(): value for name, value in self.headers.items()},
                "json": json.loads(body) if body else None,
            }
        )
        # Cloudflare answers {"success": true, ...}; Fastly {"status": "ok"} (or a map of
        # purge ids); both with 200.
        answer = json.dumps({"success": True, "errors": [], "messages": [], "status": "ok"})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer.encode())

    def do_BAN(self) -> None:  # Varnish's purge by tag (deploy/varnish/default.vcl)
        self.server.seen.append(  # type: ignore[attr-defined]
            {"method": "BAN", "path": self.path, "tags": self.headers.get("X-Ban-Tags", "")}
        )
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def api() -> Iterator[Any]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    yield server
    server.shutdown()
    server.server_close()


def _cloudflare(api: Any) -> dict[str, Any]:
    return {
        "cloudflare": {
            "BACKEND": "newsdesk.core.purging.CloudflareTagBackend",
            "ZONEID": "zone-1",
            "BEARER_TOKEN": "cf-token",
            "BASE_URL": f"{api.base}/client/v4",
        }
    }


def _fastly(api: Any, **extra: Any) -> dict[str, Any]:
    return {
        "fastly": {
            "BACKEND": "newsdesk.core.purging.FastlyBackend",
            "SERVICE_ID": "svc-1",
            "API_TOKEN": "fastly-token",
            "BASE_URL": api.base,
            **extra,
        }
    }


def test_it_purges_cloudflare_by_cache_tag(api: Any) -> None:
    with override_settings(WAGTAILFRONTENDCACHE=_cloudflare(api)):
        purging.purge_tags.call(["page:42", "list:section:7"])
    [request] = api.seen
    assert request["path"] == "/client/v4/zones/zone-1/purge_cache"
    assert request["headers"]["authorization"] == "Bearer cf-token"
    assert request["headers"]["content-type"] == "application/json"
    assert request["json"] == {"tags": ["page:42", "list:section:7"]}


def test_it_sends_cloudflare_at_most_thirty_tags_a_request(api: Any) -> None:
    tags = [f"page:{n}" for n in range(31)]
    with override_settings(WAGTAILFRONTENDCACHE=_cloudflare(api)):
        purging.purge_tags.call(tags)
    assert [request["json"]["tags"] for request in api.seen] == [tags[:30], tags[30:]]


def test_it_purges_cloudflare_addresses_through_wagtail(api: Any) -> None:
    backend = purging.CloudflareTagBackend(
        {key: value for key, value in _cloudflare(api)["cloudflare"].items() if key != "BACKEND"}
    )
    backend.purge_batch(["https://news.example/news/a/", "https://news.example/news/b/"])
    [request] = api.seen
    assert request["path"] == "/client/v4/zones/zone-1/purge_cache"
    assert request["json"] == {
        "files": ["https://news.example/news/a/", "https://news.example/news/b/"]
    }


def test_it_purges_fastly_by_surrogate_key(api: Any) -> None:
    with override_settings(WAGTAILFRONTENDCACHE=_fastly(api)):
        purging.purge_tags.call(["page:42", "list:section:7"])
    [request] = api.seen
    assert request["path"] == "/service/svc-1/purge"
    assert request["headers"]["fastly-key"] == "fastly-token"
    assert request["headers"]["surrogate-key"] == "page:42 list:section:7"
    assert "fastly-soft-purge" not in request["headers"]


def test_it_asks_fastly_for_a_soft_purge_when_configured(api: Any) -> None:
    with override_settings(WAGTAILFRONTENDCACHE=_fastly(api, SOFT=True)):
        purging.purge_tags.call(["page:42"])
    assert api.seen[0]["headers"]["fastly-soft-purge"] == "1"


def test_it_purges_a_fastly_address(api: Any) -> None:
    backend = purging.FastlyBackend(
        {key: value for key, value in _fastly(api)["fastly"].items() if key != "BACKEND"}
    )
    backend.purge("https://news.example/news/a/?page=2")
    [request] = api.seen
    assert request["path"] == "/purge/news.example/news/a/?page=2"
    assert request["headers"]["fastly-key"] == "fastly-token"


def test_it_refuses_to_send_a_malformed_tag(api: Any) -> None:
    with override_settings(WAGTAILFRONTENDCACHE=_fastly(api)):
        purging.purge_tags.call(["page:1", "bad tag|.*"])
    assert api.seen[0]["headers"]["surrogate-key"] == "page:1"


@pytest.mark.django_db
def test_it_purges_the_tags_of_a_publication_once_it_is_committed(
    api: Any, news: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        override_settings(WAGTAILFRONTENDCACHE=_fastly(api)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        article = factories.make_article(news, "Harvest fails")
    tag_purges = [request for request in api.seen if request["path"] == "/service/svc-1/purge"]
    purged = {key for request in tag_purges for key in request["headers"]["surrogate-key"].split()}
    assert {f"page:{article.pk}", f"list:section:{news.pk}"} <= purged


@pytest.mark.django_db
def test_it_sends_nothing_when_no_frontend_cache_is_configured(
    api: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        fragments.invalidate("page:1")
    assert callbacks == []

    # With one configured, the same change is sent once it commits.
    with (
        override_settings(WAGTAILFRONTENDCACHE=_fastly(api)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        fragments.invalidate("page:1")
    assert [request["headers"]["surrogate-key"] for request in api.seen] == ["page:1"]


def test_it_bans_from_varnish_before_the_publication_returns(
    api: Any, news: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # No worker runs a queued task here: only a purge made at once reaches Varnish.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    varnish = {"varnish": {"BACKEND": "newsdesk.core.purging.VarnishBackend", "LOCATION": api.base}}
    with (
        override_settings(WAGTAILFRONTENDCACHE=varnish),
        django_capture_on_commit_callbacks(execute=True),
    ):
        article = factories.make_article(news, "Harvest fails")
    banned = {
        tag
        for request in api.seen
        if request["method"] == "BAN"
        for tag in request["tags"].split("|")
    }
    assert f"page:{article.pk}" in banned
