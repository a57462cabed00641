"""The newsroom's Most Viewed report in the Wagtail admin."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.analytics.stores import View, ViewStore
from newsdesk.newsroom.roles import ADMINISTRATOR, EDITOR, WRITER
from tests import factories
from tests.factories import member_of

REPORT = "/admin/reports/most-viewed/"


@pytest.fixture
def stories(store: ViewStore, news):  # type: ignore[no-untyped-def]
    river = factories.make_article(news, "Ceasefire holds along the river")
    dam = factories.make_article(news, "Dam talks resume")
    now = timezone.now()
    store.add_view(View(river.pk, river.locale_id, news.pk, now, 12))
    store.add_view(View(dam.pk, dam.locale_id, news.pk, now, 5))
    store.add_drop("bot", now, 7)
    store.flush()
    return river, dam


@pytest.mark.parametrize("role", [EDITOR, ADMINISTRATOR])
def test_it_shows_editors_and_administrators_the_top_articles_with_counts(
    client: Client, stories, role: str
) -> None:
    client.force_login(member_of(role))

    html = client.get(REPORT).content.decode()

    assert html.index("Ceasefire holds along the river") < html.index("Dam talks resume")
    assert '<td class="views">12</td>' in html


def test_it_keeps_writers_out(client: Client, stories) -> None:
    client.force_login(member_of(WRITER))

    response = client.get(REPORT)

    assert response.status_code in (302, 403)
    assert b"Ceasefire" not in response.content


def test_it_offers_the_report_in_the_reports_menu_to_editors(client: Client, stories) -> None:
    client.force_login(member_of(EDITOR))

    assert REPORT in client.get("/admin/").content.decode()


def test_it_draws_an_articles_views_per_day_as_svg(client: Client, stories) -> None:
    river, _dam = stories
    client.force_login(member_of(EDITOR))

    html = client.get(REPORT, {"article": river.pk}).content.decode()

    start = html.index('<svg class="views-chart"')
    svg = html[start : html.index("</svg>", start)]
    assert svg.count('<rect class="bar"') == 30
    assert f"{timezone.now().date().isoformat()}: 12</title>" in svg


def test_it_counts_what_was_filtered_out_by_reason(client: Client, stories) -> None:
    client.force_login(member_of(EDITOR))

    html = client.get(REPORT).content.decode()

    row = html[html.index('data-reason="bot"') :]
    assert "<td>7</td>" in row[: row.index("</tr>")]


def test_it_exports_the_top_articles_as_csv(client: Client, stories) -> None:
    client.force_login(member_of(EDITOR))

    response = client.get(REPORT, {"window": "week", "format": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0] == ["rank", "article_id", "title", "url", "views", "window", "language"]
    assert rows[1][2:] == [
        "Ceasefire holds along the river",
        stories[0].url,
        "12",
        "week",
        "en",
    ]


def test_it_answers_a_bad_window_or_article_with_the_default_report(
    client: Client, stories
) -> None:
    client.force_login(member_of(EDITOR))

    assert client.get(REPORT, {"window": "year", "article": "x"}).status_code == 200


@pytest.fixture(scope="module")
def ranked_site(module_rows: None):  # type: ignore[no-untyped-def]
    """120 articles ("Story 1" to "Story 120") and one withdrawn, built once for the module:
    each test adds its own views to its own store."""
    news = factories.make_section(factories.make_home(), "News")
    articles = [factories.make_article(news, f"Story {n}") for n in range(1, 121)]
    withdrawn = factories.make_article(news, "Withdrawn story")
    withdrawn.unpublish()
    return news, articles, withdrawn


@pytest.fixture
def many(store: ViewStore, ranked_site):  # type: ignore[no-untyped-def]
    """The ranked site's articles, article n viewed n times (the first, "Story 1", least),
    and the withdrawn article more viewed than all of them."""
    news, articles, withdrawn = ranked_site
    now = timezone.now()
    for n, article in enumerate(articles, start=1):
        store.add_view(View(article.pk, article.locale_id, news.pk, now, n))
    store.add_view(View(withdrawn.pk, withdrawn.locale_id, news.pk, now, 1000))
    store.flush()
    return articles


def _titles(html: str) -> list[str]:
    return re.findall(r'/edit/">(Story \d+)</a>', html)


@pytest.mark.parametrize(
    ("page", "first", "last", "ranks"),
    [
        (1, "Story 120", "Story 71", (1, 50)),
        (2, "Story 70", "Story 21", (51, 100)),
        (3, "Story 20", "Story 1", (101, 120)),
    ],
)
def test_the_report_pages_through_the_whole_ranking(
    client: Client, many, page: int, first: str, last: str, ranks: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(EDITOR))

    html = client.get(REPORT, {"p": page}).content.decode()

    titles = _titles(html)
    assert (titles[0], titles[-1]) == (first, last)
    assert f'<td class="rank">{ranks[0]}</td>' in html
    assert f'<td class="rank">{ranks[1]}</td>' in html
    assert "Withdrawn story" not in html
    assert ('rel="next"' in html) is (page < 3)
    assert ('rel="prev"' in html) is (page > 1)


@pytest.mark.parametrize(("p", "status"), [("0", 400), ("x", 400), ("-1", 400), ("4", 404)])
def test_the_report_answers_a_bad_or_past_the_end_page_clearly(
    client: Client, many, p: str, status: int
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(EDITOR))

    assert client.get(REPORT, {"p": p}).status_code == status


def test_the_report_finds_an_article_by_title_however_low_it_ranks(client: Client, many) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(EDITOR))

    html = client.get(REPORT, {"q": "story 7"}).content.decode()

    # Story 7 and Story 70…79, newest first, each with its own views.
    assert _titles(html) == ["Story 79", *[f"Story {n}" for n in range(78, 69, -1)], "Story 7"]
    assert re.search(r'/edit/">Story 7</a></td>\s*<td class="views">7</td>', html)


def test_a_title_search_leaves_out_what_readers_may_not_see(client: Client, many) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(EDITOR))

    html = client.get(REPORT, {"q": "withdrawn"}).content.decode()

    assert "Withdrawn story" not in html
    assert "No article readers may see has a title with these words." in html


def test_a_title_search_is_paginated_and_keeps_its_words(client: Client, many) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(EDITOR))

    html = client.get(REPORT, {"q": "Story", "p": 2, "window": "week"}).content.decode()

    assert len(_titles(html)) == 50
    assert 'href="?q=Story&amp;p=3&amp;window=week"' in html


def test_the_reports_queries_do_not_grow_with_the_page_or_the_articles(
    client: Client, many, ranked_site, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    news = ranked_site[0]
    client.force_login(member_of(EDITOR))
    client.get(REPORT)
    counts = []
    for params in ({"p": 1}, {"p": 3}, {"q": "Story"}, {"q": "Story", "p": 2}):
        with django_assert_max_num_queries(100) as captured:
            assert client.get(REPORT, params).status_code == 200
        counts.append(len(captured))
    for n in range(121, 171):
        factories.make_article(news, f"Story {n}")
    with django_assert_max_num_queries(max(counts)):
        client.get(REPORT, {"q": "Story", "p": 3})
    assert max(counts) - min(counts) <= 2
