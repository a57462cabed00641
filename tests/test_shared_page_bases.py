"""What page kinds share (decision 0020): the hero image's fields (core.models.HeroImagePage)
and the index pages' base (core.models.IndexPage, templates/index_page.html)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from newsdesk.articles.models import ArticlePage
from newsdesk.topics.models import TopicPage

from . import factories


def test_a_topic_may_show_its_image_without_alt_text(client: Client, topic_index: Any) -> None:
    topic = TopicPage(
        title="Drought", slug="drought", description="Why.", hero_image=factories.ImageFactory()
    )
    topic.full_clean(exclude=["path", "depth"])
    assert topic.hero_alt == ""

    topic_index.add_child(instance=topic)
    html = client.get(topic.url).content.decode()

    # Shown as a decorative picture, which screen readers pass over.
    assert re.search(r'<img class="topic-header__image"[^>]* alt="">', html)


def test_an_article_may_not(news: Any) -> None:
    article = ArticlePage(
        title="Flood", slug="flood", lead="Lead.", hero_image=factories.ImageFactory()
    )
    with pytest.raises(ValidationError) as error:
        article.full_clean(exclude=["path", "depth"])
    assert list(error.value.message_dict) == ["hero_alt"]


@pytest.mark.parametrize("make_index", [factories.make_topic_index, factories.make_gallery_index])
def test_each_index_page_shows_its_title_and_introduction(
    client: Client, home: Any, make_index: Any
) -> None:
    index = make_index(home)
    index.introduction = "Everything we follow."
    index.save_revision().publish()
    html = client.get(index.url).content.decode()
    assert f"<h1>{index.title}</h1>" in html
    assert '<p class="listing-header__intro" dir="auto">Everything we follow.</p>' in html
