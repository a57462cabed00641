"""The editor's desk on the admin's dashboard: what needs an editor, for a fixed number of
queries however much there is."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.breaking.models import Ticker
from newsdesk.comments.models import Status
from newsdesk.maps.models import Event
from newsdesk.newsroom.desk import DeskPanel
from newsdesk.newsroom.roles import EDITOR, WRITER

from . import factories
from .maps.factories import make_event

pytestmark = pytest.mark.django_db


def fill(section: SectionPage, count: int) -> None:
    """`count` of everything the desk shows."""
    writer = User.objects.filter(username="writer").first() or factories.member_of(WRITER)
    for n in range(count):
        article = factories.make_article(section, f"Waiting story {n}")
        draft = ArticlePage.objects.get(pk=article.pk)
        draft.save_revision(user=writer)
        draft.get_workflow().start(draft, writer)
        factories.make_comment(article, status=Status.PENDING)
        make_event(status=Event.Status.REPORTED)
        ticker = Ticker.objects.create(
            text=f"Ticker {n}",
            locale=Locale.get_default(),
            live=False,
            expire_at=timezone.now() + timedelta(hours=1),
        )
        ticker.save_revision().publish()
        live = factories.make_live_page(section, f"Live coverage {n}")
        factories.post_entry(live, f"Entry {n}")


def dashboard(client: Client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/admin/").content.decode()
    return html, len(queries)


def test_an_editor_sees_what_needs_them(client: Client, news: SectionPage) -> None:
    fill(news, 1)
    client.force_login(factories.member_of(EDITOR))

    html, _queries = dashboard(client)

    assert "The editor&#x27;s desk" in html or "The editor's desk" in html
    assert "Waiting story 0" in html
    assert "1 comment waiting for moderation" in html
    assert "1 map event to verify" in html
    assert "Ticker 0" in html
    assert "Live coverage 0" in html
    assert "1 entry" in html


def test_a_writer_has_no_desk(client: Client, news: SectionPage) -> None:
    fill(news, 1)  # with something waiting for an editor, by this writer
    client.force_login(User.objects.get(username="writer"))

    html, _queries = dashboard(client)

    # The writer's dashboard shows their own story in its workflow, but no desk.
    assert "Your pages and snippets in a workflow" in html
    assert "Waiting story 0" in html
    assert "editors-desk" not in html


def desk_cost() -> tuple[str, int]:
    """The panel alone: Wagtail's own dashboard panels cost a query per page they list."""
    with CaptureQueriesContext(connection) as queries:
        html = DeskPanel().render_html({})
    return html, len(queries)


def test_the_desk_costs_the_same_queries_with_more_waiting(news: SectionPage) -> None:
    fill(news, 1)
    desk_cost()
    _html, few = desk_cost()
    fill(news, 4)
    desk_cost()
    html, many = desk_cost()

    assert "5 comments waiting for moderation" in html
    assert html.count("End coverage</a>") == 5
    assert many == few
