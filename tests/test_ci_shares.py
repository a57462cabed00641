"""CI's two runs (--ci-share, tests/conftest.py): together they hold every test module."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ci_shares import CI_SECONDS, CI_SHARES, ON_BOTH_DATABASES, balanced_shares, shares_of
from tests.conftest import TESTS

MODULES = sorted(
    path.relative_to(TESTS).as_posix()
    for path in TESTS.rglob("test_*.py")
    if "browser" not in path.relative_to(TESTS).parts
)


def test_every_module_is_in_one_run_or_both() -> None:
    runs = {module: shares_of(module) for module in MODULES}

    assert {module for module, shares in runs.items() if set(shares) & set(CI_SHARES)} == set(
        MODULES
    )


@pytest.mark.parametrize("start", ON_BOTH_DATABASES)
def test_each_module_named_for_both_runs_exists(start: str) -> None:
    assert any(module.startswith(start) for module in MODULES), f"no test module {start}"


def test_both_runs_have_a_share_of_the_other_modules() -> None:
    alone = [shares_of(module) for module in MODULES if len(shares_of(module)) == 1]

    counts = {share: alone.count((share,)) for share in CI_SHARES}
    assert min(counts.values()) > len(alone) / 3, counts


def test_a_module_for_both_runs_is_in_both() -> None:
    assert shares_of("test_search_archive.py") == CI_SHARES
    assert Path(TESTS / "test_search_archive.py").exists()


def test_the_measured_modules_exist() -> None:
    measured = json.loads(CI_SECONDS.read_text(encoding="utf-8"))["modules"]

    assert measured
    assert [module for module in measured if module not in MODULES] == []


def test_the_measured_seconds_of_the_two_runs_differ_by_less_than_one_module() -> None:
    measured = json.loads(CI_SECONDS.read_text(encoding="utf-8"))
    totals = dict(measured["fixed"])
    for module, share in balanced_shares().items():
        totals[share] += measured["modules"][module]

    assert abs(totals["sqlite"] - totals["postgresql"]) <= max(measured["modules"].values())
