from __future__ import annotations

import pytest
from django.test import Client

from . import factories

pytestmark = pytest.mark.django_db


def test_it_shows_editors_choice_news_and_in_focus_on_the_home_page(
    client: Client, home, news, topic_index
) -> None:
    topic = factories.make_topic(
        topic_index, "Water rights", description="Who controls the rivers."
    )
    article = factories.make_article(news, "Ceasefire holds along the river")
    factories.pick_for_home(home, [article])
    factories.put_in_focus(home, [topic])

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Editor&#x27;s Choice" in html
    assert "Ceasefire holds along the river" in html
    assert "Who controls the rivers." in html
    assert html.count("<h1") == 1
