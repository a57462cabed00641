"""The foot of an article leads on to its In Focus topics and its tags."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client

from . import factories

pytestmark = pytest.mark.django_db


def test_it_links_an_article_to_its_topics_main_topic_first(
    client: Client, news, topic_index
) -> None:
    water = factories.make_topic(topic_index, "Water rights")
    gulf = factories.make_topic(topic_index, "Gulf diplomacy")
    article = factories.make_article(news, "Dam talks stall", topics=[water, gulf])

    html = client.get(article.url).content.decode()

    assert html.index(f'href="{water.url}">Water rights') < html.index(
        f'href="{gulf.url}">Gulf diplomacy'
    )


def test_it_leaves_out_topics_that_are_not_live(client: Client, news, topic_index) -> None:
    draft = factories.make_topic(topic_index, "Secret dossier")
    draft.unpublish()
    live = factories.make_topic(topic_index, "Water rights")
    article = factories.make_article(news, "Dam talks stall", topics=[draft, live])

    html = client.get(article.url).content.decode()

    assert f'href="{live.url}">Water rights' in html
    assert "Secret dossier" not in html


def test_it_links_an_article_to_the_page_of_a_persian_tag(client: Client, news) -> None:
    article = factories.make_article(news, "Talks resume in Doha", tags=["دیپلماسی"])

    html = client.get(article.url).content.decode()
    tag_page = client.get("/tags/دیپلماسی/")

    assert f'href="{quote("/tags/دیپلماسی/")}"' in html
    assert "Talks resume in Doha" in tag_page.content.decode()
