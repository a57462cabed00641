"""A reader finds their way around the site by following links, in a real browser."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from newsdesk.articles.models import ArticleKind, ArticlePage
from newsdesk.lib.times import machine_time
from newsdesk.people.models import Person
from newsdesk.topics.models import TopicPage
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@dataclass
class Newsroom:
    lead_story: ArticlePage
    analysis: ArticlePage
    topic: TopicPage
    reporter: Person


@pytest.fixture
def newsroom(home, news, analysis, topic_index, reporter) -> Newsroom:  # type: ignore[no-untyped-def]
    topic = factories.make_topic(topic_index, "Water rights", description="Who controls rivers.")
    lead_story = factories.make_article(
        news,
        "Ceasefire holds along the river",
        authors=[reporter],
        topics=[topic],
        tags=["Diplomacy"],
        dateline="Basra",
    )
    analysis_piece = factories.make_article(
        analysis,
        "Why the dam talks stalled",
        kind=ArticleKind.ANALYSIS,
        authors=[reporter],
        topics=[topic],
        tags=["Diplomacy"],
    )
    factories.pick_for_home(home, [lead_story])
    factories.put_in_focus(home, [topic])
    return Newsroom(lead_story, analysis_piece, topic, reporter)


def test_it_leads_a_reader_from_the_home_page_to_an_author_page(
    page: Page, newsroom: Newsroom, live_server
) -> None:
    page.goto("/")
    page.locator(".home-block--editors-choice").get_by_role(
        "link", name="Ceasefire holds along the river"
    ).click()

    expect(page).to_have_url(live_server.url + newsroom.lead_story.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ceasefire holds along the river")
    published = machine_time(newsroom.lead_story.published_at)
    expect(page.locator(".article__meta time").first).to_have_attribute("datetime", published)
    expect(page.locator(".byline")).to_contain_text("By Leila Haddad")

    page.get_by_role("navigation", name="In Focus").get_by_role("link", name="Water rights").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Water rights")

    page.get_by_role("link", name="Why the dam talks stalled").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Why the dam talks stalled")

    page.get_by_role("navigation", name="Tags").get_by_role("link", name="Diplomacy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Diplomacy")
    expect(page.get_by_role("link", name="Ceasefire holds along the river")).to_be_visible()

    page.get_by_role("link", name="Ceasefire holds along the river").click()
    page.locator(".byline").get_by_role("link", name="Leila Haddad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leila Haddad")
    expect(page.get_by_role("link", name="Why the dam talks stalled")).to_be_visible()


def test_it_leads_from_an_in_focus_topic_on_the_home_page_to_its_dossier(
    page: Page, newsroom: Newsroom
) -> None:
    page.goto("/")
    page.locator(".home-block--in-focus").get_by_role("link", name="Water rights").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Water rights")
    expect(page.get_by_role("link", name="Ceasefire holds along the river")).to_be_visible()


def test_it_loads_nothing_from_other_hosts(
    page: Page, newsroom: Newsroom, foreign_requests: list[str]
) -> None:
    paths = ("/", newsroom.lead_story.url, newsroom.topic.url, "/authors/leila-haddad/")
    loaded: list[str] = []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    for path in paths:
        response = page.goto(path, wait_until="networkidle")
        assert response is not None and response.status == 200, path

    # The pages loaded their styles, scripts and pictures too, all from this site.
    assert len(loaded) > len(paths)
    assert foreign_requests == []
