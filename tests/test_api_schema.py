"""Schemathesis generates requests from the served OpenAPI document, valid and invalid,
sends them through the WSGI application and checks every answer against the document:
no server errors, only documented status codes, content types, headers and bodies."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from newsdesk.api.api import api
from newsdesk.wsgi import application

from . import factories

pytestmark = pytest.mark.django_db

DOCUMENT = "/api/v1/openapi.json"
# Every path of the API, read from the code that also serves the document.
PATHS = list(api.get_openapi_schema(path_prefix="/api/v1/")["paths"])


@pytest.fixture
def wsgi_app():  # type: ignore[no-untyped-def]
    """The site's WSGI application, kept on the test's database connection.

    Django closes the connection after every request; the test client turns that off
    for its requests, and so must we, or the test's transaction ends at the first one
    (on PostgreSQL, where the connection is a real one)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield application
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(scope="module")
def content(module_rows: None) -> None:
    """Built once for the module: every test only reads it (the API has no writes)."""
    home = factories.make_home()
    news = factories.make_section(home, "News")
    reporter = factories.PersonFactory(name="Leila Haddad", slug="leila-haddad")
    topic = factories.make_topic(factories.make_topic_index(home), "Water rights")
    for n in range(3):
        factories.make_article(news, authors=[reporter], topics=[topic], tags=[f"Tag {n}"])
    gallery_index = factories.make_gallery_index(home)
    factories.make_photo_gallery(gallery_index, pictures=1)
    factories.make_film(gallery_index)


# Each operation with valid requests, then with requests the document says are invalid.
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("path", PATHS)
def test_it_answers_generated_requests_as_its_document_says(content, wsgi_app, path, mode) -> None:  # type: ignore[no-untyped-def]
    operation = schemathesis.openapi.from_wsgi(DOCUMENT, wsgi_app)[path]["GET"]

    @settings(
        max_examples=25,
        derandomize=True,  # the same requests on every run: a CI failure can be replayed
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):  # type: ignore[no-untyped-def]
        # A cursor is opaque: one that fits its pattern but was never given out is refused
        # with a 400, which is right but is not something the document can express.
        has_cursor = "cursor" in (case.query or {})
        # Called through WSGI, nothing undoes a content coding as an HTTP client would:
        # ask for the body as it is (compression has its own tests).
        case.headers = {**(case.headers or {}), "Accept-Encoding": "identity"}
        excluded = [positive_data_acceptance] if has_cursor else []
        # Raises when the answer breaks the document; an answer it gives is never a 5xx.
        response = case.call_and_validate(excluded_checks=excluded)
        assert response.status_code < 500

    check()
