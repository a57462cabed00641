"""Site search: relevance, filters, pagination and bad input, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from . import factories

pytestmark = pytest.mark.django_db

# A small relevance set: for each query, the article that must be among the first three.
RELEVANCE = {
    "drought wells": "Wells run dry as drought grips the valley",
    "central bank interest rates": "Central bank raises interest rates again",
    "ceasefire": "Ceasefire holds along the northern border",
    "election turnout": "Record turnout in the parliamentary election",
    "refugees": "Refugees return to rebuilt villages",
}
DISTRACTORS = [
    ("Football league opens its new season", "Fans fill the stadium for the first match."),
    ("Museum reopens after renovation", "Visitors queue for the ancient collection."),
    ("Wheat harvest beats forecasts", "Farmers report a strong year despite dry spells."),
    ("Border crossing reopens for trade", "Lorries queue at the northern checkpoint."),
    ("Bank branches close in rural towns", "Customers travel further for services."),
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


@pytest.fixture
def archive(news, analysis):  # type: ignore[no-untyped-def]
    for title, lead in [*LEADS.items(), *DISTRACTORS]:
        factories.make_article(news, title, lead=lead)
    return news


def titles(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [hit.article.title for hit in response.context["hits"]]


@pytest.mark.parametrize("query", RELEVANCE)
def test_it_ranks_the_right_article_in_the_top_three(client: Client, archive, query) -> None:
    assert RELEVANCE[query] in titles(client, f"/search/?q={query}")[:3]


def test_it_marks_the_query_words_in_the_snippet(client: Client, archive) -> None:
    html = client.get("/search/?q=ceasefire").content.decode()

    assert "The <mark>ceasefire</mark> agreed last week" in html


def test_it_escapes_the_text_it_marks(client: Client, news) -> None:
    factories.make_article(news, "Tom & Jerry <b>peace</b> talks", lead="Peace & <i>quiet</i>")

    html = client.get("/search/?q=peace").content.decode()

    assert "<mark>Peace</mark> &amp; &lt;i&gt;quiet&lt;/i&gt;" in html


def test_it_filters_by_kind(client: Client, news) -> None:
    factories.make_article(news, "Drought analysis", kind="analysis")
    factories.make_article(news, "Drought news")

    assert titles(client, "/search/?q=drought&kind=analysis") == ["Drought analysis"]


def test_it_filters_by_section(client: Client, news, analysis) -> None:
    factories.make_article(news, "Drought in the news")
    factories.make_article(analysis, "Drought explained")

    assert titles(client, "/search/?q=drought&section=analysis") == ["Drought explained"]


def test_it_filters_by_topic(client: Client, news, topic_index) -> None:
    topic = factories.make_topic(topic_index, "Water")
    factories.make_article(news, "Drought on topic", topics=[topic])
    factories.make_article(news, "Drought off topic")

    assert titles(client, "/search/?q=drought&topic=water") == ["Drought on topic"]


def test_it_filters_by_date_range(client: Client, news) -> None:
    now = timezone.now()
    factories.make_article(news, "Drought last year", published_at=now - timedelta(days=400))
    factories.make_article(news, "Drought this week", published_at=now - timedelta(days=2))
    since = (now - timedelta(days=30)).date().isoformat()

    assert titles(client, f"/search/?q=drought&since={since}") == ["Drought this week"]


def test_it_sorts_by_date_when_asked(client: Client, news) -> None:
    now = timezone.now()
    factories.make_article(news, "Drought drought drought", published_at=now - timedelta(days=9))
    factories.make_article(news, "A note on drought", published_at=now - timedelta(days=1))

    assert titles(client, "/search/?q=drought&sort=date") == [
        "A note on drought",
        "Drought drought drought",
    ]


def test_it_pages_through_many_results(client: Client, news) -> None:
    for n in range(23):
        factories.make_article(news, f"Drought report {n}")

    first = titles(client, "/search/?q=drought")
    second_page = client.get("/search/?q=drought&page=2")

    assert len(first) == 20
    assert len(second_page.context["hits"]) == 3
    assert "q=drought&amp;page=1" in second_page.content.decode()


def test_it_leaves_unpublished_articles_out(client: Client, news) -> None:
    article = factories.make_article(news, "Drought secret")
    article.unpublish()

    assert titles(client, "/search/?q=drought") == []


def test_it_finds_an_article_as_soon_as_it_is_published(client: Client, news) -> None:
    assert titles(client, "/search/?q=locusts") == []

    factories.make_article(news, "Locusts swarm the delta")

    assert titles(client, "/search/?q=locusts") == ["Locusts swarm the delta"]


def test_it_invites_a_search_when_the_query_is_empty(client: Client, archive) -> None:
    response = client.get("/search/?q=")

    assert response.status_code == 200
    assert "Type a word or two" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "AND OR NOT", "*", "NEAR(", "'; DROP TABLE x; --", "))((", "^~-+:"],
)
def test_it_answers_an_absurd_query_with_a_page_not_an_error(
    client: Client, archive, query: str
) -> None:
    assert client.get("/search/", {"q": query}).status_code == 200


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
    ],
)
def test_it_answers_bad_parameters_with_400(client: Client, archive, params) -> None:
    assert client.get("/search/", params).status_code == 400


def test_it_keeps_search_pages_out_of_search_engines(client: Client, archive) -> None:
    html = client.get("/search/?q=drought").content.decode()

    assert '<meta name="robots" content="noindex">' in html


def test_it_speaks_the_readers_language(client: Client, home) -> None:
    html = client.get("/fa/search/?q=").content.decode()

    assert "یک یا دو کلمه بنویسید" in html


@pytest.fixture
def gallery_index(home):  # type: ignore[no-untyped-def]
    return factories.make_gallery_index(home)


def test_it_finds_photo_galleries_and_films_too(client: Client, news, gallery_index) -> None:
    factories.make_article(news, "Marsh villages wait for the water", lead="The marshes dry out.")
    factories.make_photo_gallery(gallery_index, "Life in the marshes", pictures=1)
    factories.make_film(gallery_index, "A boat through the marshes")

    html = client.get("/search/", {"q": "marshes"}).content.decode()

    media = html[html.index('id="search-media-title"') : html.index("search-results")]
    assert "Life in the marshes" in media
    assert "A boat through the marshes" in media


def test_it_leaves_galleries_out_when_filtering_by_article_kind(
    client: Client, news, gallery_index
) -> None:
    factories.make_photo_gallery(gallery_index, "Life in the marshes", pictures=1)

    html = client.get("/search/", {"q": "marshes", "kind": "analysis"}).content.decode()

    assert "Life in the marshes" not in html


def test_it_finds_persian_galleries_and_films_on_the_persian_search_page(
    client: Client, home, gallery_index
) -> None:  # type: ignore[no-untyped-def]
    persian = factories.translate_gallery_index(home, gallery_index, "fa")
    factories.make_photo_gallery(persian, "زندگی در تالاب", pictures=1)
    factories.make_film(persian, "قایقی در تالاب")
    factories.make_photo_gallery(gallery_index, "Life in the marshes تالاب", pictures=1)

    html = client.get("/fa/search/", {"q": "تالاب"}).content.decode()

    media = html[html.index('id="search-media-title"') : html.index("search-results")]
    assert "زندگی در تالاب" in media and "قایقی در تالاب" in media
    assert "Life in the marshes" not in html


def test_it_finds_arabic_galleries_on_the_arabic_search_page(
    client: Client, home, gallery_index
) -> None:  # type: ignore[no-untyped-def]
    arabic = factories.translate_gallery_index(home, gallery_index, "ar")
    factories.make_photo_gallery(arabic, "الحياة في الأهوار", pictures=1)

    html = client.get("/ar/search/", {"q": "الأهوار"}).content.decode()

    media = html[html.index('id="search-media-title"') : html.index("search-results")]
    assert "الحياة في الأهوار" in media
