"""The public Most Viewed block on the home page and on article pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Locale

from newsdesk.analytics import selectors
from newsdesk.analytics.stores import View, ViewStore
from newsdesk.analytics.windows import Window
from tests import factories


def count_views(store: ViewStore, article, count: int) -> None:  # type: ignore[no-untyped-def]
    section_id = article.get_parent().pk
    store.add_view(View(article.pk, article.locale_id, section_id, timezone.now(), count))
    store.flush()


def block(html: str) -> str:
    start = html.index('id="block-most-viewed"')
    return html[start : html.index("<script", start)]


def day_list(html: str) -> list[str]:
    start = html.index('id="most-viewed-day"')
    panel = html[start : html.index("</section>", start)]
    return re.findall(r'dir="auto">([^<]+)</a>', panel)


@pytest.fixture
def stories(store, news):  # type: ignore[no-untyped-def]
    read = factories.make_article(news, "Dam talks resume in Geneva")
    most_read = factories.make_article(news, "Ceasefire holds along the river")
    count_views(store, read, 3)
    count_views(store, most_read, 8)
    return most_read, read


def test_it_lists_the_most_viewed_stories_of_the_day_first(client: Client, stories) -> None:
    html = client.get("/").content.decode()

    assert day_list(html) == ["Ceasefire holds along the river", "Dam talks resume in Geneva"]


def test_it_renders_day_week_and_month_for_readers_without_js(client: Client, stories) -> None:
    html = block(client.get("/").content.decode())

    for window, label in (("day", "Day"), ("week", "Week"), ("month", "Month")):
        assert f'id="most-viewed-{window}"' in html
        assert f'id="most-viewed-heading-{window}">{label}</h3>' in html
    # The tabs exist for the script to show; without it they stay hidden, and carry no
    # tab roles (the script gives them with the panels': valid HTML either way).
    assert '<div class="most-viewed__tabs" data-most-viewed-tabs hidden>' in html
    assert html.count('class="most-viewed__tab"') == 3
    assert 'role="tab' not in html
    assert 'aria-controls="most-viewed-week"' in html


def test_it_shows_the_lists_on_article_pages_with_the_view_beacon(client: Client, stories) -> None:
    _most_read, read = stories
    html = client.get(read.url).content.decode()

    assert day_list(html)[0] == "Ceasefire holds along the river"
    assert f'data-page="{read.pk}"' in html
    assert f'<noscript><img class="view-pixel" src="/analytics/view.gif?page={read.pk}"' in html


def test_it_drops_an_unpublished_story_from_the_lists_at_once(client: Client, stories) -> None:
    most_read, _read = stories
    assert "Ceasefire holds along the river" in day_list(client.get("/").content.decode())

    most_read.unpublish()  # the ranking itself is still the cached one

    assert day_list(client.get("/").content.decode()) == ["Dam talks resume in Geneva"]


def test_it_hides_the_block_while_nothing_has_been_read(client: Client, store, news) -> None:
    article = factories.make_article(news)

    html = client.get("/").content.decode()

    assert article.title in html
    assert 'id="block-most-viewed"' not in html


def test_it_lists_only_stories_in_the_language_of_the_page(store, stories) -> None:
    arabic, _created = Locale.objects.get_or_create(language_code="ar")

    lists = selectors.most_viewed(arabic.pk)

    assert all(found.entries == [] for found in lists)


def test_it_ranks_a_section_on_its_own(store, news, analysis) -> None:
    story = factories.make_article(news, "River story")
    essay = factories.make_article(analysis, "Why the talks stalled")
    count_views(store, story, 2)
    count_views(store, essay, 9)

    day = selectors.most_viewed(news.locale_id, section_id=news.pk)[0]

    assert [entry.article.title for entry in day.entries] == ["River story"]


@pytest.mark.parametrize(("language", "label"), [("ar", "يوم"), ("fa", "روز")])
def test_it_names_the_windows_in_arabic_and_persian(language: str, label: str) -> None:
    with translation.override(language):
        assert str(Window.DAY.label) == label


def test_it_refreshes_the_lists_of_a_cached_page_within_a_minute(
    client: Client, store, stories
) -> None:
    most_read, read = stories
    assert day_list(client.get("/").content.decode())[0] == most_read.title
    count_views(store, read, 20)
    assert client.get("/")["X-Cache"] == "HIT"
    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        assert day_list(client.get("/").content.decode())[0] == read.title
