"""Reads go to a replica only where no one can see stale data (newsdesk.core.dbrouters).

The "replica" alias is a second connection to the test database (TEST MIRROR in the test
settings): which connection ran a query tells where the router sent it. The tests commit
what they write (transaction=True): SQLite's shared in-memory test database would lock a
second connection out of tables that an open test transaction has written.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsdesk.core import dbrouters, fragments

pytestmark = [
    pytest.mark.django_db(
        databases=["default", "replica"], transaction=True, serialized_rollback=True
    ),
    pytest.mark.urls("tests.dbrouter_urls"),
]


@pytest.fixture(autouse=True)
def _with_a_replica(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATABASE_ROUTERS = ["newsdesk.core.dbrouters.PrimaryReplicaRouter"]
    settings.NEWSDESK_DATABASE_REPLICAS = ["replica"]
    settings.NEWSDESK_PRIMARY_STICKY_SECONDS = 7


class Reads:
    def __init__(self) -> None:
        self.primary = CaptureQueriesContext(connections["default"])
        self.replica = CaptureQueriesContext(connections["replica"])

    def on(self, capture: CaptureQueriesContext) -> list[str]:
        return [query["sql"] for query in capture.captured_queries if "auth_group" in query["sql"]]


@pytest.fixture
def reads() -> Iterator[Reads]:
    recorder = Reads()
    with recorder.primary, recorder.replica:
        yield recorder


def test_it_reads_from_the_replica_for_a_reader(client: Client, reads: Reads) -> None:
    client.get("/groups/")
    assert reads.on(reads.replica)
    assert not reads.on(reads.primary)


def test_it_reads_the_primary_outside_a_request(reads: Reads) -> None:
    Group.objects.count()
    assert reads.on(reads.primary)
    assert not reads.on(reads.replica)


def test_it_reads_the_primary_for_the_admin(client: Client, reads: Reads) -> None:
    client.get("/admin/groups/")
    assert reads.on(reads.primary)
    assert not reads.on(reads.replica)


def test_it_reads_the_primary_for_a_post(client: Client, reads: Reads) -> None:
    client.post("/groups/")
    assert reads.on(reads.primary)
    assert not reads.on(reads.replica)


def test_it_reads_its_own_write_within_the_request(client: Client) -> None:
    assert client.get("/groups/add/").content == b"1"


def test_it_pins_a_client_that_wrote_to_the_primary(client: Client) -> None:
    response = client.post("/groups/add/")
    cookie = response.cookies[dbrouters.STICKY_COOKIE]
    assert cookie["max-age"] == 7
    assert cookie["httponly"]
    assert client.get("/groups/").content == b"1"


def test_it_pins_only_the_client_that_wrote(client: Client, reads: Reads) -> None:
    Client().post("/groups/add/")
    client.get("/groups/")
    assert reads.on(reads.replica)


def test_it_reads_the_primary_everywhere_for_a_while_after_content_changes(
    client: Client, reads: Reads
) -> None:
    fragments.invalidate("page:1")
    client.get("/groups/")
    assert reads.on(reads.primary)
    assert not reads.on(reads.replica)


def test_it_sets_no_cookie_when_a_request_only_reads(client: Client) -> None:
    response = client.get("/groups/")
    assert response.content == b"0"
    assert dbrouters.STICKY_COOKIE not in response.cookies


def test_it_leaves_everything_to_the_primary_without_replicas(settings, client: Client) -> None:  # type: ignore[no-untyped-def]
    settings.NEWSDESK_DATABASE_REPLICAS = []
    settings.DATABASE_ROUTERS = []
    response = client.post("/groups/add/")
    assert response.content == b"1"
    assert dbrouters.STICKY_COOKIE not in response.cookies
