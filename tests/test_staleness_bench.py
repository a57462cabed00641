"""bench/staleness.py's judge, on reads and changes made up here: what counts as a stale
read and how publish-to-visible is measured (the benchmark itself needs servers)."""

from __future__ import annotations

from bench.staleness import Change, Read, judge

RETITLE = Change("retitle", started=10.0, ended=11.0, expect={"home": {"old": False, "new": True}})


def _read(started: float, ended: float, *found: str) -> Read:
    return Read("home", "/", started, ended, 200, list(found))


def test_it_counts_a_read_begun_after_the_answer_showing_the_old_state_as_stale() -> None:
    report = judge([_read(11.5, 11.6, "old")], [RETITLE])

    assert report["home"]["stale"] == 1


def test_it_accepts_a_read_showing_a_change_still_under_way() -> None:
    report = judge([_read(10.5, 10.6, "new")], [RETITLE])

    # Judged, and not stale.
    assert (report["home"]["reads"], report["home"]["stale"]) == (1, 0)


def test_it_measures_publish_to_visible_from_the_start_of_the_change() -> None:
    report = judge([_read(10.5, 10.6, "old"), _read(11.2, 11.3, "new")], [RETITLE])

    assert report["home"]["latencies"] == [1.3]
