from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from newsdesk.home.models import HomePage
from newsdesk.maps import demo
from newsdesk.maps.models import ControlArea, Event, EventArticle, MapPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(news) -> None:  # type: ignore[no-untyped-def]
    for n in range(5):
        factories.make_article(news, f"Demo story {n}")
    home = HomePage.objects.get()
    persian = Locale.objects.get_or_create(language_code="fa")[0]
    root = home.get_parent()
    persian_home = HomePage(title="خانه", slug="home-fa", locale=persian)
    persian_home.translation_key = home.translation_key
    root.add_child(instance=persian_home)
    demo.build_map(random.Random(1), timezone.now(), log=lambda line: None)


def test_it_builds_a_few_hundred_events_over_sixty_days_in_syria_and_iraq(built: None) -> None:
    events = Event.objects.all()
    assert 2 * 250 <= events.count() <= 2 * 400
    assert set(events.values_list("country", flat=True)) == {"SY", "IQ"}
    oldest = events.order_by("occurred_at").first()
    assert oldest is not None
    assert oldest.occurred_at > timezone.now() - timedelta(days=61)


def test_it_makes_most_events_verified_and_some_reported(built: None) -> None:
    verified = Event.objects.public().count()
    reported = Event.objects.filter(status=Event.Status.REPORTED).count()
    assert verified > 0.7 * Event.objects.count()
    assert reported > 0


def test_it_writes_events_in_each_home_pages_language(built: None) -> None:
    persian = Event.objects.filter(locale__language_code="fa").first()
    assert persian is not None
    assert any("\u0600" <= c <= "\u06ff" for c in persian.title)


def test_it_links_some_events_to_demo_articles(built: None) -> None:
    assert EventArticle.objects.exists()


def test_it_adds_a_map_page_under_every_home_translating_each_other(built: None) -> None:
    pages = {p.locale.language_code: p for p in MapPage.objects.live().select_related("locale")}
    assert pages["en"].title == "Map of Latest Developments"
    assert pages["fa"].translation_key == pages["en"].translation_key


def test_it_adds_areas_of_control_that_change_once(built: None) -> None:
    now = timezone.now()
    assert ControlArea.objects.valid_at(now).count() == len(demo.AREAS)
    assert ControlArea.objects.valid_at(now - timedelta(days=40)).count() == len(demo.AREAS)
    for area in ControlArea.objects.all():
        area.full_clean()
