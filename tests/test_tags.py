"""Tags in the admin: an editor renames a tag, and readers see the new name at the old address."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from newsdesk.newsroom.roles import EDITOR, WRITER
from tests.factories import member_of

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def water(news) -> Tag:  # type: ignore[no-untyped-def]
    factories.make_article(news, "Wells run dry", tags=["Water"])
    return Tag.objects.get(name="Water")


def rename(client: Client, tag: Tag, name: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("wagtailsnippets_taggit_tag:edit", args=[tag.pk]), {"name": name})


def test_it_lists_the_tags_for_an_editor(client: Client, water: Tag) -> None:
    client.force_login(member_of(EDITOR))
    response = client.get(reverse("wagtailsnippets_taggit_tag:list"))
    assert response.status_code == 200
    assert "Water" in response.content.decode()


def test_it_keeps_the_address_of_a_tag_an_editor_renames(client: Client, water: Tag) -> None:
    client.force_login(member_of(EDITOR))
    rename(client, water, "Fresh water")
    water.refresh_from_db()
    assert (water.name, water.slug) == ("Fresh water", "water")


def test_it_shows_readers_the_new_name_of_a_renamed_tag(client: Client, water: Tag) -> None:
    reader = Client()
    reader.get("/tags/water/")
    client.force_login(member_of(EDITOR))
    rename(client, water, "Fresh water")
    assert "Fresh water" in reader.get("/tags/water/").content.decode()


def test_it_refuses_a_name_another_tag_has(client: Client, water: Tag, news) -> None:  # type: ignore[no-untyped-def]
    factories.make_article(news, "Harvest in", tags=["Wheat"])
    client.force_login(member_of(EDITOR))
    response = rename(client, water, "Wheat")
    assert response.status_code == 200  # the form again, with the name typed
    assert 'value="Wheat"' in response.content.decode()
    water.refresh_from_db()
    assert water.name == "Water"


def test_it_does_not_let_a_writer_rename_a_tag(client: Client, water: Tag) -> None:
    client.force_login(member_of(WRITER))
    rename(client, water, "Fresh water")
    water.refresh_from_db()
    assert water.name == "Water"
