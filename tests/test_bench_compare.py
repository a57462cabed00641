"""The headline benchmark measures what it says: a cold render renders as the first view
does, and the docs' tables are rendered from result files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import report

from . import factories


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_forget_makes_the_next_view_cost_at_least_what_the_first_did(
    client: Client, news, no_page_cache, settings
) -> None:
    settings.ROOT_URLCONF = "bench.urls"
    url = factories.make_article(news, "Kept story").url
    first, warm = queries(client, url), queries(client, url)
    assert client.post("/bench/forget").status_code == 204
    # At least: the first view may find what making the article's URL remembered.
    assert queries(client, url) >= first > warm


def result(database: str, started: str) -> dict:
    cell = {"p50": 2.0, "p90": 3.0, "p99": 4.0, "mean": 2.5, "page_cache_hits": 4, "samples": []}
    stock = {**cell, "p50": 50.0}
    return {
        "database": database,
        "database_version": "sqlite 3.40.1",
        "started": started,
        "commit": "0123456789abcdef",
        "dirty": False,
        "articles": 10000,
        "rounds": 2,
        "per_round": 2,
        "machine": {"cpus": 2, "load_average_1_5_15": {"before": [1, 1, 1], "rounds": [[3, 1, 1]]}},
        "results": {
            page: {"hit": cell, "warm": cell, "cold": cell, "stock": stock} for page in report.PAGES
        },
    }


def test_report_renders_the_newest_result_between_its_markers_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = tmp_path / "bench" / "results"
    results.mkdir(parents=True)
    for name, started in (("old", "2026-01-01T00:00:00"), ("new", "2026-02-01T00:00:00")):
        (results / f"compare-sqlite-{name}.json").write_text(json.dumps(result("sqlite", started)))
    doc = tmp_path / "benchmarks.md"
    doc.write_text(f"before\n{report.BEGIN}\nold table\n{report.END}\nafter\n")
    monkeypatch.setattr(report, "ROOT", tmp_path)
    monkeypatch.setattr(report, "RESULTS", results)
    monkeypatch.setattr(report, "DOC", doc)
    monkeypatch.setattr("sys.argv", ["report.py"])
    report.main()
    text = doc.read_text()
    assert text.startswith("before\n") and text.endswith(f"{report.END}\nafter\n")
    assert "old table" not in text
    assert "compare-sqlite-new.json" in text and "compare-sqlite-old.json" not in text
    assert "| home | home, 20 latest posts | 2.00 | 2.00 | 2.00 | 50.0 | **25.0x** |" in text
