"""The newsroom's side of live coverage: writers post entries quickly from the admin (each
keeps its author and who posted it), editors end coverage with a summary."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.live.models import LiveEntry, LivePage
from newsdesk.newsroom.roles import EDITOR, WRITER
from newsdesk.people.models import Person

from . import factories

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/live/liveentry/add/"
# What the admin's rich text editor sends for one paragraph.
DRAFTAIL_TEXT = {
    "blocks": [
        {
            "key": "a1b2c",
            "type": "unstyled",
            "text": "Counting starts at eight.",
            "depth": 0,
            "inlineStyleRanges": [],
            "entityRanges": [],
        }
    ],
    "entityMap": {},
}


@pytest.fixture
def live(news: SectionPage, reporter: Person) -> LivePage:
    return factories.make_live_page(news, "Live: the count", authors=[reporter])


def test_the_entry_form_starts_with_the_live_page_and_its_first_author(
    client: Client, live: LivePage, reporter: Person
) -> None:
    client.force_login(factories.member_of(WRITER))

    form = client.get(f"{ADD}?live_page={live.pk}").context["form"]

    assert (form.instance.live_page_id, form.instance.author_id) == (live.pk, reporter.pk)


@pytest.mark.parametrize("live_page", ["x", "0", "99999999999999999999", ""])
def test_a_bad_live_page_in_the_address_leaves_the_form_empty(
    client: Client, live: LivePage, live_page: str
) -> None:
    client.force_login(factories.member_of(WRITER))

    response = client.get(f"{ADD}?live_page={live_page}")

    assert response.status_code == 200
    assert response.context["form"].instance.live_page_id is None


def test_a_writer_posts_an_entry_that_keeps_its_author_and_poster(
    client: Client, live: LivePage, reporter: Person
) -> None:
    writer = factories.member_of(WRITER)
    client.force_login(writer)

    response = client.post(
        ADD,
        {
            "live_page": live.pk,
            "author": reporter.pk,
            "posted_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "headline": "Polls close",
            "text": json.dumps(DRAFTAIL_TEXT),
            "image_alt": "",
            "image_caption": "",
            "quote": "",
            "quote_source": "",
            "embed_url": "",
            "correction": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    entry = LiveEntry.objects.get()
    assert (entry.author_id, entry.posted_by_id, entry.headline) == (
        reporter.pk,
        writer.pk,
        "Polls close",
    )
    assert entry.posted_at is not None
    html = Client().get(live.url).content.decode()
    assert "Polls close" in html and "Counting starts at eight." in html


def test_a_writer_may_not_end_coverage(client: Client, live: LivePage) -> None:
    client.force_login(factories.member_of(WRITER))

    response = client.post(
        f"/admin/live/{live.pk}/end/", {"title": "Ended", "lead": "Ended.", "text": "Ended."}
    )

    # The admin answers a refusal by sending the writer back with a message.
    assert response.status_code == 302 and response["Location"] != f"/admin/pages/{live.pk}/edit/"
    assert LivePage.objects.get(pk=live.pk).coverage_ended_at is None
    assert not ArticlePage.objects.filter(title="Ended").exists()


def test_an_editor_ends_coverage_with_a_summary(client: Client, live: LivePage) -> None:
    client.force_login(factories.member_of(EDITOR))

    response = client.post(
        f"/admin/live/{live.pk}/end/",
        {"title": "The count: results", "lead": "The count ended.", "text": "Results."},
    )

    summary = ArticlePage.objects.get(title="The count: results")
    assert response.status_code == 302
    assert LivePage.objects.get(pk=live.pk).summary_id == summary.pk
    assert summary.live


def test_an_empty_summary_is_refused_and_nothing_ends(client: Client, live: LivePage) -> None:
    client.force_login(factories.member_of(EDITOR))

    response = client.post(f"/admin/live/{live.pk}/end/", {"title": "", "lead": "", "text": ""})

    assert response.status_code == 200
    assert LivePage.objects.get(pk=live.pk).coverage_ended_at is None


def test_the_live_page_offers_posting_and_ending_in_the_admin(
    client: Client, live: LivePage
) -> None:
    client.force_login(factories.member_of(EDITOR))

    html = client.get(f"/admin/pages/{live.pk}/edit/").content.decode()

    assert f"{ADD}?live_page={live.pk}" in html
    assert f"/admin/live/{live.pk}/end/" in html
