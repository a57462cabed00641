"""The seconds each test module took in CI's two runs, for balancing them (decision 0018).

    python tools/ci_seconds.py var/ci/sqlite.xml var/ci/postgresql.xml > tests/ci_seconds.json

Reads the JUnit reports of the two runs of `.ci/run` (the first is the SQLite run, the
second the PostgreSQL + Redis one) and writes, as JSON:
- "modules": for each test module that runs in one run only, the seconds its tests took
  (set-up, call and tear-down) in the run that had it;
- "fixed": for each run, the seconds of what it runs whatever the balance (browser tests,
  the servers' tests, the modules of ON_BOTH_DATABASES).
tests/conftest.py then gives each module to one run, the longest first, to the run with
fewer seconds so far. A module not in the file yet goes by a hash of its path.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARES = ("sqlite", "postgresql")


def module_of(classname: str) -> str | None:
    """ "tests.browser.test_map" (or "tests.test_x.TestThing") -> "browser/test_map.py"."""
    parts = classname.split(".")
    while parts:
        path = ROOT.joinpath(*parts).with_suffix(".py")
        if path.exists():
            return path.relative_to(ROOT / "tests").as_posix()
        parts.pop()
    return None


def seconds_by_module(report: Path) -> Counter[str]:
    found: Counter[str] = Counter()
    for case in ElementTree.parse(report).iter("testcase"):
        module = module_of(case.get("classname", ""))
        if module:
            found[module] += float(case.get("time", 0))
    return found


def main() -> None:
    from tests.ci_shares import ON_BOTH_DATABASES  # noqa: PLC0415 - after sys.path

    modules: dict[str, float] = {}
    fixed = dict.fromkeys(SHARES, 0.0)
    for share, report in zip(SHARES, sys.argv[1:3], strict=True):
        for module, seconds in seconds_by_module(Path(report)).items():
            if module.startswith(("browser/", *ON_BOTH_DATABASES)) or _servers(module):
                fixed[share] += seconds
            else:
                modules[module] = round(modules.get(module, 0.0) + seconds, 1)
    fixed = {share: round(seconds, 1) for share, seconds in fixed.items()}
    print(json.dumps({"fixed": fixed, "modules": dict(sorted(modules.items()))}, indent=1))


def _servers(module: str) -> bool:
    """A module of tests marked servers (module-wide, as all of them are): chosen by -m."""
    return "pytest.mark.servers" in (ROOT / "tests" / module).read_text(encoding="utf-8")


if __name__ == "__main__":
    main()
