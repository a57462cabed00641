"""One small site, built once per test module: the pages, lists and APIs that read
addresses, for tests that send each of them many requests.

The content is made inside a transaction that is rolled back when the module ends; each
test runs in a savepoint inside it, as usual."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from newsdesk.articles.models import ArticlePage
from newsdesk.maps.models import MapPage

from . import factories
from .maps.factories import make_category, make_event


@dataclass(frozen=True)
class EdgeSite:
    article: ArticlePage
    map_page: MapPage


def build() -> EdgeSite:
    home = factories.make_home()
    news = factories.make_section(home, "News")
    topic_index = factories.make_topic_index(home)
    reporter = factories.PersonFactory(name="Leila Haddad", slug="leila-haddad")
    topic = factories.make_topic(topic_index, "Water rights")
    article = factories.make_article(
        news, "Water talks resume", authors=[reporter], topics=[topic], tags=["Tag 0"]
    )
    factories.make_comment(article)
    map_page = MapPage(title="Map", slug="map", intro="Where it happened.")
    home.add_child(instance=map_page)
    map_page.save_revision().publish()
    make_event(make_category("shelling"))
    make_event(make_category("airstrike"))
    factories.make_gallery_index(home)
    return EdgeSite(article=article, map_page=map_page)


@pytest.fixture(scope="module")
def edge_site(django_db_setup: Any, django_db_blocker: Any) -> Iterator[EdgeSite]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
