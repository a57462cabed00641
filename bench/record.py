"""Raw results of a benchmark run, written to bench/results/ as JSON (decision 0021).

Each file holds what was measured and on what: the command, the commit (and whether the
tree had uncommitted changes), the database and shared cache named by the environment,
the machine's processors and its load average before and after the run, so that a number
quoted in docs/benchmarks.md can be traced to the run that produced it.

    from bench import record
    started = record.start()
    ...
    record.save("pages", started, {"rows": rows}, requests=400)
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


@dataclass(frozen=True)
class Started:
    at: datetime.datetime
    load: tuple[float, float, float]


def start() -> Started:
    return Started(datetime.datetime.now(datetime.UTC), os.getloadavg())


def database() -> str:
    """The database the benchmark's processes use: named by DATABASE_URL, else SQLite."""
    return "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


def save(benchmark: str, started: Started, results: Any, **options: Any) -> Path:
    """Writes bench/results/<benchmark>-<database>-<UTC time>.json and returns its path."""
    finished = datetime.datetime.now(datetime.UTC)
    record = {
        "benchmark": benchmark,
        "started": started.at.isoformat(timespec="seconds"),
        "seconds": round((finished - started.at).total_seconds()),
        "command": " ".join([f"bench/{Path(sys.argv[0]).name}", *sys.argv[1:]]),
        "commit": _git("rev-parse", "HEAD").strip(),
        "dirty": bool(_git("status", "--porcelain", "--untracked-files=no").strip()),
        "machine": {
            "cpus": os.cpu_count(),
            "processor": _cpu_model(),
            "python": platform.python_version(),
            "load_average_1_5_15": {"before": started.load, "after": os.getloadavg()},
        },
        "database": database(),
        "shared_cache": "redis" if os.environ.get("REDIS_URL") else "file",
        "options": options,
        "results": results,
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = record["started"][:16].replace(":", "")
    path = RESULTS / f"{benchmark}-{record['database']}-{stamp}.json"
    path.write_text(json.dumps(record, indent=1) + "\n")
    print(f"raw results: {path.relative_to(ROOT)}")
    return path


def _git(*command: str) -> str:
    return subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True).stdout


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor()
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else platform.processor()
