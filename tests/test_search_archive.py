"""Site search over one archive of articles and topics that the tests only read: relevance,
snippets, suggestions, topics among the results, bad input. The archive is built once for
the module (tests/test_search.py has the tests that publish, edit and withdraw)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from . import factories
from .test_search import titles

pytestmark = pytest.mark.django_db

# A small relevance set: for each query, the article that must be among the first three.
RELEVANCE = {
    "drought wells": "Wells run dry as drought grips the valley",
    "central bank interest rates": "Central bank raises interest rates again",
    "ceasefire": "Ceasefire holds along the northern border",
    "election turnout": "Record turnout in the parliamentary election",
    "refugees": "Refugees return to rebuilt villages",
    # An In Focus topic, against an article with the same words in its lead.
    "climate rivers": "Climate and water",
}
TOPICS = {
    "Climate and water": "How a hotter climate is changing rivers, harvests and farmers' lives.",
    "Elections": "Who votes, who counts the ballots and who wins.",
}
DISTRACTORS = [
    ("Football league opens its new season", "Fans fill the stadium for the first match."),
    ("Museum reopens after renovation", "Visitors queue for the ancient collection."),
    ("Wheat harvest beats forecasts", "Farmers report a strong year despite dry spells."),
    ("Border crossing reopens for trade", "Lorries queue at the northern checkpoint."),
    ("Bank branches close in rural towns", "Customers travel further for services."),
    ("Rivers rise after spring storms", "Climate scientists warn of more floods on the rivers."),
]
LEADS = {
    "Wells run dry as drought grips the valley": (
        "Villagers dig deeper wells as the drought enters its third year."
    ),
    "Central bank raises interest rates again": (
        "The central bank lifted interest rates to curb inflation."
    ),
    "Ceasefire holds along the northern border": (
        "The ceasefire agreed last week is holding, monitors say."
    ),
    "Record turnout in the parliamentary election": (
        "Election officials report record turnout at polling stations."
    ),
    "Refugees return to rebuilt villages": "Thousands of refugees are going home after the war.",
}


@pytest.fixture(scope="module")
def searched_site(module_rows: None):  # type: ignore[no-untyped-def]
    """The articles and topics that these tests search, built once for the module."""
    home = factories.make_home()
    news = factories.make_section(home, "News")
    factories.make_section(home, "Analysis")
    topic_index = factories.make_topic_index(home)
    for title, lead in [*LEADS.items(), *DISTRACTORS]:
        factories.make_article(news, title, lead=lead)
    for title, description in TOPICS.items():
        factories.make_topic(topic_index, title, description=description)
    return news


@pytest.fixture
def archive(searched_site, db):  # type: ignore[no-untyped-def]
    return searched_site


@pytest.mark.parametrize("query", RELEVANCE)
def test_it_ranks_the_right_article_in_the_top_three(client: Client, archive, query) -> None:
    assert RELEVANCE[query] in titles(client, f"/search/?q={query}")[:3]


def test_it_marks_the_query_words_in_the_snippet(client: Client, archive) -> None:
    html = client.get("/search/?q=ceasefire").content.decode()

    assert "The <mark>ceasefire</mark> agreed last week" in html


def test_it_invites_a_search_when_the_query_is_empty(client: Client, archive) -> None:
    response = client.get("/search/?q=")

    assert response.status_code == 200
    assert "Type a word or two" in response.content.decode()


# Inputs that have broken search engines: full-text syntax (FTS5 and tsquery), SQL, LIKE
# wildcards, control and invisible characters, marks without letters, very long input.
NASTY_QUERIES = [
    '"',
    '"unbalanced',
    '""""',
    "*",
    "drought*",
    "*drought",
    "NEAR(",
    "NEAR(drought wells, 2)",
    "drought OR wells",
    "AND OR NOT",
    "NOT drought",
    "-drought",
    "+drought",
    "^drought",
    "title:drought",
    "{title body}: drought",
    "drought & wells | !ceasefire",
    "drought <-> wells",
    "drought:*",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "))((",
    "^~-+:",
    "\\",
    "%",
    "_",
    "%_%",
    "🔥🔥",
    "؟،؛",
    "\u064e\u064f\u0651",
    "\u200c\u200c",
    "\u202edrought",
    "?" * 200,
    "drought " * 25,
    "x" * 200,
]


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_it_answers_an_absurd_query_with_a_page_not_an_error(
    client: Client, archive, query: str
) -> None:
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert "search-form" in response.content.decode()


def test_it_says_what_to_type_when_a_query_has_no_words(client: Client, archive) -> None:
    html = client.get("/search/", {"q": '"*"()'}).content.decode()

    assert "Try plain words" in html


def test_it_says_so_when_nothing_matches(client: Client, archive) -> None:
    html = client.get("/search/?q=zebra").content.decode()

    assert "Nothing matches" in html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 201},
        {"q": "drought", "kind": "gossip"},
        {"q": "drought", "since": "yesterday"},
        {"q": "drought", "since": "2026-02-30"},
        {"q": "drought", "since": "2026-05-01", "until": "2026-04-01"},
        {"q": "drought", "section": "nowhere"},
        {"q": "drought", "topic": "nowhere"},
        {"q": "drought", "sort": "random"},
        {"q": "drought\x00"},
    ],
)
def test_it_answers_bad_parameters_with_400(client: Client, archive, params) -> None:
    assert client.get("/search/", params).status_code == 400


def test_it_keeps_search_pages_out_of_search_engines(client: Client, archive) -> None:
    html = client.get("/search/?q=drought").content.decode()

    assert '<meta name="robots" content="noindex">' in html


def test_it_suggests_the_word_the_reader_probably_meant(client: Client, archive) -> None:
    html = client.get("/search/", {"q": "drougth"}).content.decode()

    assert "Did you mean" in html
    assert 'href="?q=drought"' in html


def test_it_keeps_the_filters_in_the_suggestion(client: Client, archive) -> None:
    html = client.get("/search/", {"q": "ceasefrie", "kind": "news"}).content.decode()

    assert 'href="?kind=news&amp;q=ceasefire"' in html


def test_it_suggests_nothing_when_no_indexed_word_is_close(client: Client, archive) -> None:
    html = client.get("/search/", {"q": "xylophone"}).content.decode()

    assert "Nothing matches" in html
    assert "Did you mean" not in html


def test_it_ranks_topics_and_articles_in_one_list(client: Client, archive) -> None:
    found = titles(client, "/search/?q=climate")

    assert set(found) == {"Climate and water", "Rivers rise after spring storms"}


def test_it_lists_only_topics_when_the_kind_asks_for_them(client: Client, archive) -> None:
    assert titles(client, "/search/?q=climate&kind=topic") == ["Climate and water"]


def test_it_leaves_topics_out_when_filtering_by_article_kind(client: Client, archive) -> None:
    assert titles(client, "/search/?q=climate&kind=news") == ["Rivers rise after spring storms"]


def test_it_leaves_topics_out_when_sorting_by_date(client: Client, archive) -> None:
    assert titles(client, "/search/?q=climate&sort=date") == ["Rivers rise after spring storms"]


def test_it_offers_topics_as_a_kind(client: Client, archive) -> None:
    html = client.get("/search/", {"q": "climate", "kind": "topic"}).content.decode()

    assert '<option value="topic" selected>In Focus topics</option>' in html


def test_it_gives_a_rejected_form_back_filled_in_with_its_error(client: Client, archive) -> None:
    html = client.get("/search/", {"q": "drought", "since": "yesterday"}).content.decode()

    assert 'name="q" value="drought"' in html
    assert 'name="since" value="yesterday"' in html
    assert "Enter dates as YYYY-MM-DD." in html


def test_it_fills_the_form_in_with_each_readers_own_choices(client: Client, archive) -> None:
    client.get("/search/", {"q": "drought", "sort": "date"})

    html = client.get("/search/", {"q": "wells", "sort": "relevance"}).content.decode()

    assert 'name="q" value="wells"' in html
    assert '<option value="relevance" selected>' in html
    assert '<option value="date">' in html


def test_it_labels_every_filter_for_screen_readers(client: Client, archive) -> None:
    html = client.get("/search/", {"q": "drought"}).content.decode()

    for name in ("q", "kind", "section", "since", "until", "sort"):
        # A label for each (the query's is visually hidden: its box says what it is for).
        assert re.search(f'<label( class="visually-hidden")? for="search-{name}">', html)
        assert f'id="search-{name}"' in html
