"""Section, tag, author, topic and archive listings, and what bad addresses get."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.articles import models as article_models
from newsdesk.core import pagination

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagination, "PAGE_SIZE", 2)


def test_it_paginates_a_section(client: Client, news, small_pages) -> None:
    for n in range(3):
        factories.make_article(news, f"Paged story {n}")
    first = client.get(news.url).content.decode()
    second = client.get(news.url, {"page": 2}).content.decode()
    assert "Page 1" in first
    assert 'rel="next" href="?page=2"' in first
    assert "Paged story 2" in second  # the oldest


@pytest.mark.parametrize(
    ("number", "status"),
    [("abc", 400), ("-1", 400), ("1.5", 400), ("²", 400), ("0", 404), ("9" * 40, 404)],
)
def test_it_answers_a_page_number_it_cannot_use_with_a_4xx(
    client: Client, news, number, status
) -> None:
    assert client.get(news.url, {"page": number}).status_code == status


def test_it_shows_the_first_page_for_an_empty_page_number(client: Client, news) -> None:
    factories.make_article(news, "The only story")
    assert "The only story" in client.get(news.url, {"page": ""}).content.decode()


def test_it_answers_404_for_a_page_number_past_the_end(client: Client, news) -> None:
    factories.make_article(news)
    assert client.get(news.url, {"page": 99}).status_code == 404


def test_it_answers_404_for_an_unknown_page(client: Client, home) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_it_lists_a_tags_articles(client: Client, news) -> None:
    factories.make_article(news, "Tagged with drought", tags=["Drought"])
    factories.make_article(news, "Tagged with trade", tags=["Trade"])
    html = client.get("/tags/drought/").content.decode()
    assert "<h1>Drought</h1>" in html
    assert "Tagged with drought" in html
    assert "Tagged with trade" not in html


def test_it_answers_404_for_an_unknown_tag(client: Client, home) -> None:
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_it_shows_an_author_page_with_their_articles(client: Client, news, reporter) -> None:
    factories.make_article(news, "Written by Leila", authors=[reporter])
    factories.make_article(news, "Written by someone else")
    html = client.get(reporter.get_absolute_url()).content.decode()
    assert "<h1><bdi>Leila Haddad</bdi></h1>" in html
    assert "Written by Leila" in html
    assert "Written by someone else" not in html


def test_it_answers_404_for_an_unknown_author(client: Client, home) -> None:
    assert client.get("/authors/nobody/").status_code == 404


def test_it_shows_a_topic_with_pinned_articles_first(client: Client, news, topic_index) -> None:
    topic = factories.make_topic(topic_index, "Drought", description="Rivers run dry.")
    old = factories.make_article(news, "Old but essential", topics=[topic])
    factories.make_article(news, "New development", topics=[topic])
    topic.pinned.create(article=old, sort_order=0)
    html = client.get(topic.url).content.decode()
    assert "Rivers run dry." in html
    assert html.index("Old but essential") < html.index("New development")


def test_it_lists_the_in_focus_topics(client: Client, topic_index) -> None:
    factories.make_topic(topic_index, "Drought", description="Rivers run dry.")
    html = client.get(topic_index.url).content.decode()
    assert "Drought" in html
    assert "Rivers run dry." in html


def test_it_lists_a_months_articles_in_the_archive(client: Client, news) -> None:
    march = datetime(2025, 3, 10, 12, tzinfo=timezone.get_current_timezone())
    factories.make_article(news, "Spring story", published_at=march)
    factories.make_article(news, "Summer story", published_at=march.replace(month=7))
    html = client.get("/archive/2025/3/").content.decode()
    assert "Spring story" in html
    assert "Summer story" not in html


@pytest.mark.parametrize("path", ["/archive/2025/13/", "/archive/2025/2/30/", "/archive/1200/"])
def test_it_answers_404_for_an_impossible_archive_date(client: Client, home, path) -> None:
    assert client.get(path).status_code == 404


def test_it_hides_expired_editors_choice_items(client: Client, home, news) -> None:
    expired = factories.make_article(news, "Yesterday's pick")
    current = factories.make_article(news, "Today's pick")
    factories.pick_for_home(
        home, [expired], expires_at=timezone.now() - timezone.timedelta(hours=1)
    )
    factories.pick_for_home(home, [current])
    block_html = client.get("/").content.decode().split('id="block-editors-choice"')[1]
    block_html = block_html.split("</section>")[0]
    assert "Today&#x27;s pick" in block_html
    assert "Yesterday&#x27;s pick" not in block_html


def test_it_keeps_the_editors_order(client: Client, home, news) -> None:
    first = factories.make_article(news, "Picked first")
    second = factories.make_article(news, "Picked second")
    factories.pick_for_home(home, [second, first])
    html = client.get("/").content.decode()
    assert html.index("Picked second") < html.index("Picked first")


def test_it_serves_an_article_through_its_full_address(client: Client, news) -> None:
    article = factories.make_article(news, "Routed story")
    assert client.get(f"/news/{article.slug}/").status_code == 200


def test_it_answers_404_for_an_unpublished_article(client: Client, news) -> None:
    article = factories.make_article(news, "Withdrawn story")
    article.unpublish()
    assert client.get(f"/news/{article.slug}/").status_code == 404


def test_it_answers_404_for_an_article_under_the_wrong_section(
    client: Client, news, analysis
) -> None:
    article = factories.make_article(news, "Filed under news")
    assert client.get(f"/analysis/{article.slug}/").status_code == 404


def test_it_lists_a_section_without_counting_it(client: Client, news) -> None:
    factories.make_article(news)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(news.url)
    assert response.status_code == 200
    assert not [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]


DAY = timedelta(days=1)


@pytest.fixture
def large_sets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take the path for sections and tags of thousands of articles with a few."""
    monkeypatch.setattr(article_models, "SMALL_SET", 0)


def test_it_lists_a_large_tag_newest_first(client: Client, news, large_sets) -> None:
    now = timezone.now()
    factories.make_article(news, "Older drought story", tags=["Drought"], published_at=now - DAY)
    factories.make_article(news, "Untagged story")
    factories.make_article(news, "Newer drought story", tags=["Drought"], published_at=now)
    html = client.get("/tags/drought/").content.decode()
    assert "Untagged story" not in html
    assert html.index("Newer drought story") < html.index("Older drought story")


def test_it_lists_a_large_section_newest_first(client: Client, news, analysis, large_sets) -> None:
    now = timezone.now()
    factories.make_article(news, "Older news story", published_at=now - DAY)
    factories.make_article(analysis, "Analysis story", kind="analysis")
    factories.make_article(news, "Newer news story", published_at=now)
    html = client.get(news.url).content.decode()
    assert "Analysis story" not in html
    assert html.index("Newer news story") < html.index("Older news story")
