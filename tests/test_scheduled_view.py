"""The newsroom's Scheduled view, and how the admin shows an embargoed article."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from newsdesk.articles.models import ArticlePage
from newsdesk.newsroom.roles import EDITOR, WRITER

from .factories import make_article, member_of

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
SCHEDULED_URL = "/admin/scheduled/"


@pytest.fixture(autouse=True)
def fixed_time():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        yield


def logged_in(role: str, time_zone: str = "") -> Client:
    user = member_of(role)
    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = time_zone
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def scheduled_draft(section, title: str, **fields) -> ArticlePage:  # type: ignore[no-untyped-def]
    article = ArticlePage(title=title, slug=slugify(title), lead="Lead.", live=False, **fields)
    section.add_child(instance=article)
    article.save_revision().publish()
    return article


def test_editors_find_it_in_the_menu(news) -> None:
    html = logged_in(EDITOR).get("/admin/").content.decode()
    assert SCHEDULED_URL in html  # in the sidebar's menu data


def test_writers_neither_see_nor_open_it(news) -> None:
    writer = logged_in(WRITER)
    assert SCHEDULED_URL not in writer.get("/admin/").content.decode()
    refused = writer.get(SCHEDULED_URL)  # Wagtail turns the refusal into a redirect home
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")


@pytest.mark.parametrize(
    ("time_zone", "shown"),
    [("Europe/London", "Mon 7 Dec 2026, 09:30"), ("Asia/Tehran", "Mon 7 Dec 2026, 13:00")],
)
def test_it_shows_times_in_the_editors_time_zone(news, time_zone: str, shown: str) -> None:
    scheduled_draft(news, "Morning briefing", go_live_at=NOW + timedelta(hours=21, minutes=30))
    html = logged_in(EDITOR, time_zone).get(SCHEDULED_URL).content.decode()
    assert "Morning briefing" in html
    assert shown in html


@pytest.mark.parametrize(
    ("setup", "what"),
    [
        ("go_live", "Goes live"),
        ("embargo", "Embargo ends, goes live"),
        ("new_version", "New version goes live"),
        ("expiry", "Expires"),
    ],
)
def test_it_names_each_kind_of_change(news, setup: str, what: str) -> None:
    soon = NOW + timedelta(hours=3)
    if setup == "go_live":
        scheduled_draft(news, "The change", go_live_at=soon)
    elif setup == "embargo":
        scheduled_draft(news, "The change", embargo_until=soon)
    else:
        article = make_article(news, "The change")
        article.refresh_from_db()
        if setup == "new_version":
            article.go_live_at = soon
        else:
            article.expire_at = soon
        article.save_revision().publish()
    html = logged_in(EDITOR).get(SCHEDULED_URL).content.decode()
    assert f"<td>{what}</td>" in html
    assert "The change" in html


def test_it_leaves_out_what_is_beyond_the_days_asked_for(news) -> None:
    scheduled_draft(news, "Next month's story", go_live_at=NOW + timedelta(days=20))
    editor = logged_in(EDITOR)
    assert "Next month&#x27;s story" not in editor.get(SCHEDULED_URL).content.decode()
    assert "Next month&#x27;s story" in editor.get(f"{SCHEDULED_URL}?days=30").content.decode()


def test_it_lists_late_changes_as_overdue(news) -> None:
    scheduled_draft(news, "Stuck story", go_live_at=NOW + timedelta(minutes=1))
    with time_machine.travel(NOW + timedelta(minutes=10), tick=False):
        html = logged_in(EDITOR).get(SCHEDULED_URL).content.decode()
    overdue = html[html.index("<h2>Overdue</h2>") :]
    assert "Stuck story" in overdue


def test_the_explorer_tags_an_embargoed_article(news) -> None:
    scheduled_draft(news, "Under embargo", embargo_until=NOW + timedelta(hours=2))
    html = logged_in(EDITOR).get(reverse("wagtailadmin_explore", args=[news.pk])).content
    assert "embargoed until 2026-12-06 14:00" in html.decode()


def test_the_editor_shows_the_embargo(news) -> None:
    article = scheduled_draft(news, "Embargoed report", embargo_until=NOW + timedelta(hours=2))
    html = logged_in(EDITOR).get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content
    assert "Embargoed until Sun 6 Dec 2026, 14:00 (UTC)" in html.decode()


def test_the_editor_shows_no_embargo_notice_without_one(news) -> None:
    article = make_article(news, "Ordinary story")
    html = logged_in(EDITOR).get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content
    assert "Ordinary story" in html.decode()
    assert "Embargoed until" not in html.decode()


def test_publishing_an_embargoed_article_in_the_admin_schedules_it(news) -> None:
    form = nested_form_data(
        {
            "title": "Embargoed from the editor",
            "slug": "embargoed-from-the-editor",
            "kind": "news",
            "lead": "Lead.",
            "published_at": "2026-12-06 12:00",
            "authors": inline_formset([]),
            "body": streamfield([]),
            "topic_links": inline_formset([]),
            "related_links": inline_formset([]),
            "notes": inline_formset([]),
            "comments": inline_formset([]),
            "embargo_until": "2026-12-06 15:00",
            "comments_open": "on",
            "action-publish": "publish",
        }
    )
    add = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", news.pk))
    response = logged_in(EDITOR).post(add, form)
    article = ArticlePage.objects.get(slug="embargoed-from-the-editor")
    revision = article.latest_revision
    assert response.status_code == 302
    assert (article.live, revision.approved_go_live_at) == (False, NOW + timedelta(hours=3))
