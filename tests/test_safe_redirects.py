"""Every `next=` the site follows stays on the site (newsdesk.lib.redirects)."""

from __future__ import annotations

import pytest
from django.test import Client

from newsdesk.maps.models import Event
from newsdesk.newsroom.roles import EDITOR
from tests.factories import member_of
from tests.maps.factories import make_event

pytestmark = pytest.mark.django_db

EVENT_LIST = "/admin/snippets/maps/event/"
UNSAFE = [
    "https://evil.example/",
    "//evil.example/path",
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "http://testserver@evil.example/",
    "/\\evil.example",
]


@pytest.fixture
def editor_client(client: Client) -> Client:
    client.force_login(member_of(EDITOR))
    return client


@pytest.mark.parametrize("target", UNSAFE)
def test_it_sends_an_unsafe_next_after_verifying_to_the_event_list(
    editor_client: Client, target: str
) -> None:
    event = make_event(status=Event.Status.REPORTED)
    response = editor_client.post(f"/admin/map/events/{event.pk}/verify/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == EVENT_LIST


def test_it_follows_a_next_on_this_site_after_verifying(editor_client: Client) -> None:
    event = make_event(status=Event.Status.REPORTED)
    target = f"{EVENT_LIST}?status=reported"
    response = editor_client.post(f"/admin/map/events/{event.pk}/verify/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize("target", UNSAFE)
def test_it_leaves_an_unsafe_next_out_of_the_confirmation_form(
    editor_client: Client, target: str
) -> None:
    event = make_event(status=Event.Status.REPORTED)
    response = editor_client.get(f"/admin/map/events/{event.pk}/reject/", {"next": target})
    assert response.status_code == 200
    assert '<input type="hidden" name="next" value="">' in response.content.decode()


def test_it_keeps_a_next_on_this_site_in_the_confirmation_form(editor_client: Client) -> None:
    event = make_event(status=Event.Status.REPORTED)
    response = editor_client.get(
        f"/admin/map/events/{event.pk}/reject/", {"next": "/admin/snippets/maps/event/"}
    )
    assert 'name="next" value="/admin/snippets/maps/event/"' in response.content.decode()
