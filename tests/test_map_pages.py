"""The reader's side of the map: the map page without script, the home block, article and
topic maps, and what each costs in queries."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from newsdesk.core import fragments
from newsdesk.maps.models import Event, EventArticle, EventTopic, MapPage

from . import factories
from .maps.factories import make_category, make_event

pytestmark = pytest.mark.django_db


def make_map_page(parent, title: str = "Map of Latest Developments in Syria and Iraq") -> MapPage:  # type: ignore[no-untyped-def]
    page = parent.add_child(instance=MapPage(title=title, slug="map", intro="Where it happened."))
    page.save_revision().publish()
    return page


@pytest.fixture
def map_page(home) -> MapPage:  # type: ignore[no-untyped-def]
    return make_map_page(home)


def listed_titles(html: str) -> list[str]:
    """The titles of the events the server listed, in order."""
    marker = 'class="map-event__title" dir="auto">'
    return [part.split("</h3>", 1)[0] for part in html.split(marker)[1:]]


def test_it_lists_only_verified_events_of_the_last_30_days(client: Client, map_page) -> None:
    make_event(title="Verified strike")
    make_event(title="Reported strike", status=Event.Status.REPORTED)
    make_event(title="Rejected strike", status=Event.Status.REJECTED)
    make_event(title="Old strike", occurred_at=timezone.now() - timedelta(days=31))

    response = client.get(map_page.url)

    assert response.status_code == 200
    assert listed_titles(response.content.decode()) == ["Verified strike"]


def test_it_lists_the_newest_events_first(client: Client, map_page) -> None:
    now = timezone.now()
    make_event(title="Earlier", occurred_at=now - timedelta(days=2))
    make_event(title="Later", occurred_at=now - timedelta(hours=2))

    assert listed_titles(client.get(map_page.url).content.decode()) == ["Later", "Earlier"]


def test_it_filters_by_period_from_the_get_form(client: Client, map_page) -> None:
    now = timezone.now()
    make_event(title="This morning", occurred_at=now - timedelta(hours=3))
    make_event(title="Last week", occurred_at=now - timedelta(days=5))

    html = client.get(map_page.url, {"period": "24h"}).content.decode()

    assert listed_titles(html) == ["This morning"]


def test_it_filters_by_a_date_range(client: Client, map_page) -> None:
    now = timezone.now()
    make_event(title="Ten days ago", occurred_at=now - timedelta(days=10))
    make_event(title="Today", occurred_at=now - timedelta(minutes=5))
    day = (now - timedelta(days=10)).date().isoformat()

    html = client.get(map_page.url, {"since": day, "until": day}).content.decode()

    assert listed_titles(html) == ["Ten days ago"]


def test_it_filters_by_categories_repeated_or_comma_separated(client: Client, map_page) -> None:
    make_event(make_category("airstrike"), title="Strike")
    make_event(make_category("clashes"), title="Clash")
    make_event(make_category("political"), title="Talks")

    repeated = client.get(f"{map_page.url}?category=airstrike&category=political")
    joined = client.get(map_page.url, {"category": "airstrike,political"})

    assert listed_titles(repeated.content.decode()) == listed_titles(joined.content.decode())
    assert sorted(listed_titles(repeated.content.decode())) == ["Strike", "Talks"]


def test_it_ticks_every_category_when_none_is_asked_for(client: Client, map_page) -> None:
    make_category("airstrike")
    make_category("clashes")

    html = client.get(map_page.url).content.decode()

    assert html.count('name="category"') == html.count('name="category" value') == 2
    assert html.count("checked") == 3  # two categories and the default period


@pytest.mark.parametrize(
    "query",
    [
        {"period": "forever"},
        {"category": "no-such-category"},
        {"since": "2026-13-45"},
        {"since": "2026-05-10", "until": "2026-05-01"},
    ],
)
def test_it_answers_bad_filters_with_400_and_says_why(client: Client, map_page, query) -> None:
    make_category("airstrike")

    response = client.get(map_page.url, query)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="map-filters__errors" role="alert"' in html
    for value in query.values():  # the form comes back filled in
        if value != "forever":
            assert value in html


def test_it_links_each_event_to_its_live_articles_only(client: Client, map_page, news) -> None:
    live = factories.make_article(news, "Strike on the bridge")
    draft = factories.make_article(news, "Unfinished story")
    draft.unpublish()
    event = make_event(title="Bridge hit")
    EventArticle.objects.create(event=event, article=live, sort_order=0)
    EventArticle.objects.create(event=event, article=draft, sort_order=1)

    html = client.get(map_page.url).content.decode()

    assert f'href="{live.url}"' in html
    assert "Unfinished story" not in html


def test_it_shows_the_time_as_precisely_as_it_is_known(client: Client, map_page) -> None:
    at = timezone.now().replace(hour=14, minute=5) - timedelta(days=1)
    make_event(title="Exact", occurred_at=at, precision=Event.Precision.EXACT)
    make_event(title="Roughly", occurred_at=at, precision=Event.Precision.APPROXIMATE)
    make_event(title="That day", occurred_at=at, precision=Event.Precision.DAY)

    html = client.get(map_page.url).content.decode()

    assert html.count("14:05 UTC") == 1
    assert html.count(f"around {at.day} ") == 1


def test_it_pages_the_list_and_keeps_the_filters(client: Client, map_page) -> None:
    category = make_category("airstrike")
    for _ in range(35):
        make_event(category)

    html = client.get(map_page.url, {"category": "airstrike", "period": "7d"}).content.decode()

    assert len(listed_titles(html)) == 30
    assert 'href="?category=airstrike&amp;period=7d&amp;page=2"' in html


def test_it_gives_the_map_script_its_settings_in_a_json_block(client: Client, map_page) -> None:
    make_category("airstrike", name_ar="غارة جوية")

    html = client.get(map_page.url).content.decode()

    block = html.split('<script id="map-config-full" type="application/json">', 1)[1]
    config = json.loads(block.split("</script>", 1)[0])
    assert config["mode"] == "full"
    assert config["api"]["events"] == "/api/v1/map/events"
    assert config["categories"][0]["slug"] == "airstrike"
    assert config["icons"]["airstrike"].endswith("/newsdesk/maps/icons/airstrike.svg")
    assert config["basemap"]["region"].endswith("/newsdesk/maps/basemap-region.json")
    assert config["basemap"]["world"].endswith("/vendor/world-atlas/countries-110m.json")
    assert "<script>" not in html and ' style="' not in html


def test_it_mirrors_the_map_page_in_arabic(client: Client, home) -> None:
    arabic, _created = Locale.objects.get_or_create(language_code="ar")
    arabic_home = home.copy_for_translation(arabic)
    arabic_home.save_revision().publish()
    arabic_map = make_map_page(arabic_home, "خريطة آخر التطورات")
    make_event(make_category("airstrike", name_ar="غارة جوية"), title="غارة", locale=arabic)

    html = client.get(arabic_map.url).content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "غارة جوية" in html
    assert '"dir": "rtl"' in html


def test_it_shows_the_map_block_on_the_home_page_with_the_editors_title(
    client: Client, home, map_page
) -> None:
    make_event(title="Strike near the dam")

    html = client.get("/").content.decode()

    assert 'id="block-map"' in html
    assert "Map of Latest Developments in Syria and Iraq" in html
    assert f'href="{map_page.url}"' in html
    assert "Strike near the dam" in html


def test_it_hides_the_map_block_without_recent_events(client: Client, home, map_page) -> None:
    make_event(title="Long ago", occurred_at=timezone.now() - timedelta(days=20))

    response = client.get("/")

    assert response.status_code == 200
    assert 'id="block-map"' not in response.content.decode()


def test_it_shows_a_small_map_on_an_article_with_linked_events(
    client: Client, news, map_page
) -> None:
    article = factories.make_article(news, "Shelling of the old town")
    event = make_event(title="Old town shelled")
    EventArticle.objects.create(event=event, article=article, sort_order=0)
    plain = factories.make_article(news, "A story with no place")

    html = client.get(article.url).content.decode()

    assert 'id="map-config-article"' in html and "Old town shelled" in html
    assert "map-config-article" not in client.get(plain.url).content.decode()


def test_it_updates_the_article_map_when_an_event_is_linked(client: Client, news) -> None:
    article = factories.make_article(news, "Shelling of the old town")
    assert "map-config-article" not in client.get(article.url).content.decode()

    EventArticle.objects.create(event=make_event(title="Old town shelled"), article=article)

    assert "Old town shelled" in client.get(article.url).content.decode()


def test_it_shows_a_topics_events_on_its_in_focus_page(client: Client, topic_index) -> None:
    topic = factories.make_topic(topic_index, "Water war")
    EventTopic.objects.create(event=make_event(title="Dam seized"), topic=topic)
    make_event(title="Unrelated clash")

    html = client.get(topic.url).content.decode()

    assert 'id="map-config-topic"' in html
    assert "Dam seized" in html and "Unrelated clash" not in html


def test_it_keeps_the_map_page_in_a_fixed_number_of_queries(client: Client, map_page, news) -> None:
    def queries() -> int:
        client.get(map_page.url)
        fragments.invalidate(fragments.STRUCTURE)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(map_page.url).status_code == 200
        return len(captured)

    def grow_to(count: int) -> None:
        while Event.objects.count() < count:
            n = Event.objects.count()
            event = make_event(make_category(("airstrike", "clashes", "political")[n % 3]))
            EventArticle.objects.create(event=event, article=factories.make_article(news))

    grow_to(5)
    with_5 = queries()
    grow_to(40)
    with_40 = queries()

    # 6 for the map page, 3 for the menu, read anew after a change to the page tree; the
    # ticker, the footer's pages, the language switcher and the alternates: 5.
    assert with_40 == with_5 <= 14


def test_it_does_not_link_an_articles_map_back_to_the_article(client: Client, news) -> None:
    article = factories.make_article(news, "Shelling of the old town")
    other = factories.make_article(news, "The day after")
    event = make_event(title="Old town shelled")
    EventArticle.objects.create(event=event, article=article, sort_order=0)
    EventArticle.objects.create(event=event, article=other, sort_order=1)

    section = client.get(article.url).content.decode().split('id="article-map-title"', 1)[1]

    assert f'href="{other.url}"' in section
    assert f'href="{article.url}"' not in section


def test_it_shows_the_map_block_once_a_map_page_is_published(client: Client, home) -> None:
    make_event(title="Strike near the dam")
    assert 'id="block-map"' not in client.get("/").content.decode()

    make_map_page(home)

    assert 'id="block-map"' in client.get("/").content.decode()
