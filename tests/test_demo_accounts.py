"""The demo's logins and the reporters they write as, set up on their own (without
building a site): a writer who logs in to the demo starts new articles with a byline."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from newsdesk.articles.models import SectionPage
from newsdesk.newsroom.demo.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from newsdesk.newsroom.demo.structure import OPINION_ROLES
from newsdesk.newsroom.roles import WRITER
from newsdesk.people.models import Person
from tests import factories

pytestmark = pytest.mark.django_db


def demo_people() -> dict[str, Person]:
    """A columnist made first, then reporters: the writing logins become reporters."""
    return {
        "columnist": factories.PersonFactory(role=OPINION_ROLES[0]),
        "first reporter": factories.PersonFactory(),
        "second reporter": factories.PersonFactory(),
        "third reporter": factories.PersonFactory(),
    }


def person_of(username: str) -> Person | None:
    return Person.objects.filter(user__username=username).first()


def test_it_makes_the_writing_logins_reporters_and_the_administrator_nobody() -> None:
    people = demo_people()

    ensure_demo_accounts()

    assert {a.username: person_of(a.username) for a in DEMO_ACCOUNTS} == {
        "writer": people["first reporter"],
        "editor": people["second reporter"],
        "admin": None,
    }


def test_it_keeps_the_reporter_a_login_was_given_in_people_when_run_again() -> None:
    people = demo_people()
    ensure_demo_accounts()
    writer = get_user_model().objects.get(username="writer")
    Person.objects.filter(user=writer).update(user=None)
    Person.objects.filter(pk=people["third reporter"].pk).update(user=writer)

    ensure_demo_accounts()

    assert (person_of("writer"), person_of("editor")) == (
        people["third reporter"],
        people["second reporter"],
    )


def test_the_demo_writer_starts_a_new_article_with_their_own_byline(
    client: Client, news: SectionPage
) -> None:
    people = demo_people()
    writer = next(a for a in DEMO_ACCOUNTS if a.role == WRITER)
    ensure_demo_accounts()
    assert client.login(username=writer.username, password=writer.password)

    html = client.get(f"/admin/pages/add/articles/articlepage/{news.pk}/").content.decode()

    byline = re.search(r'<[^>]*name="authors-0-person"[^>]*>', html)
    assert byline is not None and f'value="{people["first reporter"].pk}"' in byline.group()
