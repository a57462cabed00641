"""What each newsroom role may do with an article in the Wagtail editor."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.articles.models import ArticlePage
from newsdesk.newsroom.roles import EDITOR, WRITER
from tests.factories import member_of

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news) -> ArticlePage:  # type: ignore[no-untyped-def]
    return factories.make_article(news, "Talks resume in Doha")


def editor_html(client: Client, user: User, article: ArticlePage) -> str:
    client.force_login(user)
    response = client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_offers_a_writer_no_publish_action(client: Client, article: ArticlePage) -> None:
    html = editor_html(client, member_of(WRITER), article)

    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_it_offers_a_writer_to_submit_for_editorial_review(
    client: Client, article: ArticlePage
) -> None:
    html = editor_html(client, member_of(WRITER), article)

    assert 'name="action-submit"' in html
    assert "Submit to Editorial review" in html


def test_it_offers_an_editor_the_publish_action(client: Client, article: ArticlePage) -> None:
    html = editor_html(client, member_of(EDITOR), article)

    assert 'name="action-publish"' in html


def test_it_keeps_a_writers_change_as_a_draft_when_they_post_the_publish_action(
    client: Client, article: ArticlePage
) -> None:
    client.force_login(member_of(WRITER))
    data = nested_form_data(
        {
            "title": "Rewritten by a writer",
            "slug": article.slug,
            "kind": article.kind,
            "lead": article.lead,
            "published_at": article.published_at.strftime("%Y-%m-%d %H:%M"),
            "body": streamfield([("paragraph", rich_text("<p>New text.</p>"))]),
            "tags": "",
            "authors": inline_formset([]),
            "topic_links": inline_formset([]),
            "related_links": inline_formset([]),
            "notes": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )

    response = client.post(f"/admin/pages/{article.pk}/edit/", data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Talks resume in Doha"
    assert article.get_latest_revision_as_object().title == "Rewritten by a writer"
