"""What the blocks of the home page show."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import ArticleKind

from . import factories

pytestmark = pytest.mark.django_db


def news_block(html: str) -> str:
    start = html.index('id="block-latest-news"')
    return html[start : html.index("</section>", start)]


def test_it_does_not_repeat_editors_choice_stories_in_the_news_block(
    client: Client, home, news
) -> None:
    picked = factories.make_article(news, "Ceasefire holds along the river")
    factories.make_article(news, "Port reopens after the strike")
    factories.pick_for_home(home, [picked])

    block = news_block(client.get("/").content.decode())

    assert "Port reopens after the strike" in block
    assert "Ceasefire holds along the river" not in block


def test_it_lists_a_story_again_once_its_editors_choice_spot_expires(
    client: Client, home, news
) -> None:
    picked = factories.make_article(news, "Ceasefire holds along the river")
    factories.pick_for_home(home, [picked], expires_at=timezone.now() - timedelta(hours=1))

    block = news_block(client.get("/").content.decode())

    assert "Ceasefire holds along the river" in block


def test_it_shows_pictures_of_in_focus_topics(client: Client, home, topic_index) -> None:
    topic = factories.make_topic(topic_index, "Water rights", hero_image=factories.ImageFactory())
    factories.put_in_focus(home, [topic])

    html = client.get("/").content.decode()

    assert 'class="topic-card__image"' in html


def test_it_gives_the_first_analysis_a_picture_and_the_rest_none(
    client: Client, home, analysis
) -> None:
    for title in ("First analysis", "Second analysis"):
        factories.make_article(
            analysis,
            title,
            kind=ArticleKind.ANALYSIS,
            hero_image=factories.ImageFactory(),
            hero_alt="A river",
        )

    html = client.get("/").content.decode()
    block = html[html.index('id="block-latest-analysis"') :]

    assert block.count('class="card__image"') == 1
