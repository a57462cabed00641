"""Where kept page parts live in each process: Django's local-memory cache
(`fragments`, decision 0020), which gives every reader its own copy."""

from __future__ import annotations

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from newsdesk.core.fragments import _Stored


def test_kept_parts_are_in_process_memory() -> None:
    assert isinstance(caches["fragments"], LocMemCache)


def test_it_keeps_html() -> None:
    caches["fragments"].set("k", _Stored({"page:1": "v1"}, None, "<p>kept</p>"), 60)
    assert caches["fragments"].get("k").value == "<p>kept</p>"


def test_it_gives_each_reader_its_own_copy_of_an_object() -> None:
    caches["fragments"].set("k", _Stored({}, None, ["a"]), 60)
    first = caches["fragments"].get("k")
    first.value.append("changed by a reader")
    assert caches["fragments"].get("k").value == ["a"]


def test_it_forgets_an_expired_value() -> None:
    caches["fragments"].set("k", _Stored({}, None, "<p>kept</p>"), 0)
    assert caches["fragments"].get("k", "gone") == "gone"
