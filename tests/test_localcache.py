"""The process-local cache of kept page parts (newsdesk.core.localcache)."""

from __future__ import annotations

from newsdesk.core.fragments import _Stored
from newsdesk.core.localcache import InProcessCache


def _cache() -> InProcessCache:
    return InProcessCache("test-localcache", {})


def test_it_keeps_html_as_it_is() -> None:
    cache = _cache()
    stored = _Stored({"page:1": "v1"}, None, "<p>kept</p>")
    cache.set("k", stored, 60)
    assert cache.get("k") is stored


def test_it_gives_each_reader_its_own_copy_of_an_object() -> None:
    cache = _cache()
    cache.set("k", _Stored({}, None, ["a"]), 60)
    first = cache.get("k")
    first.value.append("changed by a reader")
    assert cache.get("k").value == ["a"]


def test_it_forgets_an_expired_value() -> None:
    cache = _cache()
    cache.set("k", _Stored({}, None, "<p>kept</p>"), 0)
    assert cache.get("k", "gone") == "gone"
