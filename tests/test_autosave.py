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
from django.db import IntegrityError
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.home.models import HomePage
from newsdesk.newsroom.roles import EDITOR
from newsdesk.topics.models import TopicIndexPage, TopicPage
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


def add_topic_url(index: TopicIndexPage) -> str:
    return reverse("wagtailadmin_pages:add", args=["topics", "topicpage", index.pk])


def new_topic_form(client: Client, index: TopicIndexPage, title: str) -> QueryDict:
    data = form_data(client, add_topic_url(index))
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
    add_url = add_topic_url(topic_index)

    autosaved = editor_client.post(add_url, data, **AUTOSAVE)
    published = editor_client.post(add_url, {**data.dict(), "action-publish": "1"})

    assert autosaved.json()["success"] is True
    assert published.status_code == 200  # the form again, not the published page
    assert "is already in use within the parent page" in published.content.decode()
    assert not TopicPage.objects.get(slug="ceasefire").live  # the autosaved draft stays


def test_wagtail_saves_the_pinned_rows_again_when_publish_carries_the_form_from_before_its_autosave(
    editor_client: Client, topic_index: TopicIndexPage, news: SectionPage
) -> None:
    first, second = factories.make_article(news), factories.make_article(news)
    topic = factories.make_topic(topic_index, "Ceasefire", live=False)
    topic.save_revision()
    edit_url = reverse("wagtailadmin_pages:edit", args=[topic.pk])
    data = form_data(editor_client, edit_url)
    pin(data, first, second)

    autosaved = editor_client.post(edit_url, data, **AUTOSAVE)  # saves the draft's rows
    # Without the ids the autosave answered with, the rows are inserted again: before the
    # rule that an article is pinned once, the topic showed them twice; now the database
    # refuses (no form can catch a row the same request wrote a moment before).
    with pytest.raises(IntegrityError):
        editor_client.post(edit_url, {**data.dict(), "action-publish": "1"})

    assert sorted(autosaved.json()["field_updates"]) == [
        "pinned-0-id",
        "pinned-1-id",
        "pinned-INITIAL_FORMS",
    ]


# What the editor has instead ------------------------------------------------------------------


@pytest.mark.parametrize("view", ["add", "edit"])
def test_the_page_editor_does_not_autosave(
    editor_client: Client, topic_index: TopicIndexPage, view: str
) -> None:
    topic = factories.make_topic(topic_index, "Ceasefire")
    url = (
        add_topic_url(topic_index)
        if view == "add"
        else reverse("wagtailadmin_pages:edit", args=[topic.pk])
    )

    form = WagtailTestUtils.get_soup(editor_client.get(url).content).find(id="page-edit-form")

    assert form is not None
    assert "w-unsaved" in form["data-controller"]  # it still warns of unsaved changes
    assert "w-autosave" not in form["data-controller"]


def test_a_new_topic_with_two_pinned_articles_publishes_each_once(
    editor_client: Client, topic_index: TopicIndexPage, news: SectionPage
) -> None:
    first, second = factories.make_article(news), factories.make_article(news)
    data = new_topic_form(editor_client, topic_index, "Ceasefire")
    pin(data, first, second)

    response = editor_client.post(
        add_topic_url(topic_index), {**data.dict(), "action-publish": "1"}
    )

    topic = TopicPage.objects.get(slug="ceasefire")
    assert response.status_code == 302
    assert [a.pk for a in topic.pinned_articles()] == [first.pk, second.pk]


def test_pinning_an_article_twice_is_refused_with_a_message(
    editor_client: Client, topic_index: TopicIndexPage, news: SectionPage
) -> None:
    article = factories.make_article(news)
    data = new_topic_form(editor_client, topic_index, "Ceasefire")
    pin(data, article, article)

    response = editor_client.post(
        add_topic_url(topic_index), {**data.dict(), "action-publish": "1"}
    )

    assert response.status_code == 200  # the form again, with the message
    assert "Please correct the duplicate data for topic and article" in response.content.decode()
    assert not TopicPage.objects.filter(slug="ceasefire").exists()


def test_picking_an_article_twice_for_editors_choice_is_refused_with_a_message(
    editor_client: Client, home: HomePage, news: SectionPage
) -> None:
    article = factories.make_article(news)
    home.save_revision().publish()
    edit_url = reverse("wagtailadmin_pages:edit", args=[home.pk])
    data = form_data(editor_client, edit_url)
    for position in range(2):
        data.update(
            {
                f"editors_choice-{position}-article": str(article.pk),
                f"editors_choice-{position}-expires_at": "",
                f"editors_choice-{position}-id": "",
                f"editors_choice-{position}-ORDER": str(position + 1),
                f"editors_choice-{position}-DELETE": "",
            }
        )
    data["editors_choice-TOTAL_FORMS"] = "2"

    response = editor_client.post(edit_url, {**data.dict(), "action-publish": "1"})

    assert response.status_code == 200
    assert "Please correct the duplicate data for page and article" in response.content.decode()
    assert home.editors_choice.count() == 0
