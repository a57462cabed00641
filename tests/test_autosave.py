"""Why Wagtail's autosave is off (decision 0016), and what the editor does instead.

Wagtail's autosave posts the open form in the background and, once the answer arrives,
points the form at the page it made and writes the new rows' ids into it. The browser
sends Publish with whatever the form holds at the click. The tests below post what the
form holds between the two (the background save done, its answer not yet applied), and
show what Wagtail makes of it: if one starts to fail, Wagtail has changed and the
decision can be looked at again.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.newsroom.roles import EDITOR
from newsdesk.topics.models import TopicIndexPage, TopicPage, TopicPinnedArticle
from tests import factories

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}  # how Wagtail's autosave posts the form


@pytest.fixture
def editor_client(client: Client, db: None) -> Client:
    client.force_login(factories.member_of(EDITOR))
    return client


def form_data(client: Client, url: str) -> QueryDict:
    response = client.get(url)
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")


def new_topic_form(client: Client, index: TopicIndexPage, title: str) -> QueryDict:
    data = form_data(client, reverse("wagtailadmin_pages:add", args=["topics", "topicpage", index.pk]))
    data.update({"title": title, "slug": "ceasefire", "description": "What the truce means."})
    return data


def pin(data: QueryDict, *articles: ArticlePage) -> None:
    for position, article in enumerate(articles):
        data.update(
            {
                f"pinned-{position}-article": str(article.pk),
                f"pinned-{position}-id": "",
                f"pinned-{position}-ORDER": str(position + 1),
                f"pinned-{position}-DELETE": "",
            }
        )
    data["pinned-TOTAL_FORMS"] = str(len(articles))


# What Wagtail does with autosave on -------------------------------------------------------


def test_wagtail_refuses_a_publish_sent_to_the_new_page_form_after_its_autosave(
    editor_client: Client, topic_index: TopicIndexPage
) -> None:
    data = new_topic_form(editor_client, topic_index, "Ceasefire")
    add_url = reverse("wagtailadmin_pages:add", args=["topics", "topicpage", topic_index.pk])

    autosaved = editor_client.post(add_url, data, **AUTOSAVE)
    published = editor_client.post(add_url, {**data.dict(), "action-publish": "1"})

    assert autosaved.json()["success"] is True
    assert published.status_code == 200  # the form again, not the published page
    assert "is already in use within the parent page" in published.content.decode()
    assert not TopicPage.objects.get(slug="ceasefire").live  # the autosaved draft stays


def test_wagtail_pins_an_article_twice_when_publish_carries_the_form_from_before_its_autosave(
    editor_client: Client, topic_index: TopicIndexPage, news: SectionPage
) -> None:
    first, second = factories.make_article(news), factories.make_article(news)
    topic = factories.make_topic(topic_index, "Ceasefire", live=False)
    topic.save_revision()
    edit_url = reverse("wagtailadmin_pages:edit", args=[topic.pk])
    data = form_data(editor_client, edit_url)
    pin(data, first, second)

    editor_client.post(edit_url, data, **AUTOSAVE)  # saves the draft's rows
    editor_client.post(edit_url, {**data.dict(), "action-publish": "1"})

    pinned = TopicPinnedArticle.objects.filter(topic=topic)
    assert sorted(pinned.values_list("article_id", flat=True)) == sorted(
        [first.pk, second.pk, first.pk, second.pk]
    )
