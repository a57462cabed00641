"""Every public address, with hostile values in its path and in every query parameter the
site and the APIs read: never a server error (decision 0012).

The addresses are walked from the URL configuration itself (Wagtail pages: those of a
small site), the parameter names from what the views and page kinds declare
(newsdesk.core.params), the content API's OpenAPI document and the map API. The example
budget is fixed and the examples derandomized, so a run takes the same time and finds the
same things on every machine."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import get_page_models

from newsdesk.api.api import api
from newsdesk.core import params

from .edge_content import EdgeSite, edge_site

__all__ = ["edge_site"]

pytestmark = pytest.mark.django_db

NOT_PUBLIC = ("admin/", "documents/", "_util/")
# The map API reads its parameters itself (newsdesk/maps/api.py), as does the view pixel.
MAP_API_PARAMS = ("since", "until", "category", "bbox", "lang", "limit", "cursor", "topic", "at")
PIXEL_PARAMS = ("page",)
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif not route.startswith(NOT_PUBLIC) and not route.startswith("^"):
            yield route


def _declared_names() -> set[str]:
    """Every query parameter a view or a kind of page says it reads."""
    views = [
        pattern.callback for pattern in _patterns(get_resolver().url_patterns) if pattern.callback
    ]
    return {
        param.name for item in [*views, *get_page_models()] for param in params.spec_of(item).params
    }


def _patterns(patterns: list[URLPattern | URLResolver]) -> Iterator[URLPattern]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns)
        else:
            yield pattern


def _api_names() -> set[str]:
    document = api.get_openapi_schema(path_prefix="/api/v1/")
    return {
        parameter["name"]
        for operations in document["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query"
    }


ROUTES = sorted(set(_routes(get_resolver().url_patterns)))
PARAM_NAMES = sorted(_declared_names() | _api_names() | set(MAP_API_PARAMS) | set(PIXEL_PARAMS))

# Values that broke, or nearly broke, something once; and their neighbours.
KNOWN_HOSTILE = [
    "²",
    "①",
    "\u0663",
    "\uff14\uff12",
    "-1",
    "0",
    "1.5",
    "1e308",
    "nan",
    "inf",
    "2147483648",
    "9" * 40,
    "9" * 5000,
    "9999-12-31",
    "0001-01-01",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00+23:59",
    "2026-02-30",
    "\x00",
    "a\x00b",
    "\x1b[2J",
    "\ud800",
    "%00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "[]",
    "{}",
    "null",
    "true",
    ",,,",
    "a," * 100,
    "-180,-90,180,90",
    "nan,nan,nan,nan",
    "WzAsIjk5OTktMTItMzFUMjM6NTk6NTktMjM6NTkiLDFd",
    "OTk5OS0xMi0zMVQyMzo1OTo1OS0yMzo1OXwx",
]

values = st.one_of(
    st.sampled_from(KNOWN_HOSTILE),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.datetimes().map(lambda moment: moment.isoformat()),
    st.builds(
        lambda moment, hours, minutes: f"{moment.isoformat()}{hours:+03d}:{minutes:02d}",
        st.datetimes(),
        st.integers(-23, 23),
        st.integers(0, 59),
    ),
    st.text(max_size=30),
    st.text(min_size=300, max_size=3000),
)

# Pages of the tree, and made-up addresses below them.
PAGE_PATHS = ["", "news/", "map/", "in-focus/", "in-focus/water-rights/", "gallery/", "search/"]


@st.composite
def addresses(draw: st.DrawFn, article_path: str) -> tuple[str, list[tuple[str, str]]]:
    route = draw(st.sampled_from([*ROUTES, *PAGE_PATHS, article_path]))
    # A lone surrogate goes out as the bytes a hostile client would send (not UTF-8).
    path = CONVERTER.sub(lambda _match: quote(draw(values), safe="", errors="surrogatepass"), route)
    names = draw(st.lists(st.sampled_from(PARAM_NAMES), min_size=1, max_size=3))
    return "/" + path, [(name, draw(values)) for name in names]


def test_it_knows_the_parameters_it_walks() -> None:
    assert {"page", "comments", "reply", "period", "q", "cursor", "bbox"} <= set(PARAM_NAMES)
    assert "tags/<anyslug:slug>/" in ROUTES


def test_no_address_or_parameter_makes_a_server_error(edge_site: EdgeSite) -> None:
    client = Client(raise_request_exception=False)
    article_path = edge_site.article.url.lstrip("/")

    @settings(
        max_examples=150,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(address=addresses(article_path))
    def check(address: tuple[str, list[tuple[str, str]]]) -> None:
        path, query = address
        response = client.get(f"{path}?{urlencode(query, errors='surrogatepass')}")
        assert 200 <= response.status_code < 500, (path, query, response.status_code)

    check()
