"""The newsroom's Most Viewed report in the Wagtail admin."""

from __future__ import annotations

import csv
import io

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
