"""Every kind of public page has the structure assistive technology relies on."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client

from . import factories

pytestmark = pytest.mark.django_db

PAGES = ["home", "article", "topic", "topic index", "section", "author", "tag"]


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def count(self, tag: str) -> int:
        return sum(1 for name, _attrs in self.tags if name == tag)

    def with_role(self, role: str) -> int:
        return sum(1 for _name, attrs in self.tags if attrs.get("role") == role)

    def images_without_alt(self) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == "img" and "alt" not in attrs]


@pytest.fixture
def addresses(home, news, topic_index, reporter) -> dict[str, str]:  # type: ignore[no-untyped-def]
    topic = factories.make_topic(
        topic_index, "Water rights", hero_image=factories.ImageFactory(), hero_alt="A river"
    )
    article = factories.make_article(
        news,
        "Ceasefire holds along the river",
        authors=[reporter],
        topics=[topic],
        tags=["Diplomacy"],
        hero_image=factories.ImageFactory(),
        hero_alt="Boats on the river at dawn",
    )
    factories.make_article(news, "Dam talks stall", topics=[topic], tags=["Diplomacy"])
    factories.pick_for_home(home, [article])
    factories.put_in_focus(home, [topic])
    return {
        "home": "/",
        "article": article.url,
        "topic": topic.url,
        "topic index": topic_index.url,
        "section": news.url,
        "author": reporter.get_absolute_url(),
        "tag": "/tags/diplomacy/",
    }


def outline(client: Client, path: str) -> Outline:
    response = client.get(path)
    assert response.status_code == 200
    parser = Outline()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.parametrize("name", PAGES)
def test_it_gives_each_page_exactly_one_h1(
    client: Client, addresses: dict[str, str], name: str
) -> None:
    assert outline(client, addresses[name]).count("h1") == 1


@pytest.mark.parametrize("name", PAGES)
def test_it_gives_each_page_a_banner_a_main_and_a_footer_landmark(
    client: Client, addresses: dict[str, str], name: str
) -> None:
    page = outline(client, addresses[name])

    assert (page.with_role("banner"), page.count("main"), page.with_role("contentinfo")) == (
        1,
        1,
        1,
    )


@pytest.mark.parametrize("name", PAGES)
def test_it_gives_every_image_an_alt_attribute(
    client: Client, addresses: dict[str, str], name: str
) -> None:
    page = outline(client, addresses[name])

    assert page.count("img") > 0
    assert page.images_without_alt() == []
