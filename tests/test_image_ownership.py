"""A writer may delete a picture they uploaded by mistake, and only their own."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from wagtail.images.models import Image

from newsdesk.newsroom.roles import WRITER

from . import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("own", "deleted"), [(True, True), (False, False)])
def test_a_writer_deletes_only_a_picture_they_uploaded(
    client: Client, own: bool, deleted: bool
) -> None:
    writer = factories.member_of(WRITER)
    someone = User.objects.create_user("other", "other@example.org", "pw")
    image = factories.ImageFactory(uploaded_by_user=writer if own else someone)
    client.force_login(writer)

    client.post(f"/admin/images/{image.pk}/delete/")

    assert Image.objects.filter(pk=image.pk).exists() is not deleted
