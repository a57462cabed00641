"""CI's two runs (--ci-share, tests/conftest.py): together they hold every test module."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CI_SHARES, ON_BOTH_DATABASES, TESTS, shares_of

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
