"""Render the headline tables of docs/benchmarks.md from bench/results/compare-*.json.

    .venv/bin/python bench/report.py            # rewrite the section between the markers
    .venv/bin/python bench/report.py --print    # print it instead

The newest result file of each database is used. Only the text between
`<!-- compare:begin -->` and `<!-- compare:end -->` is replaced; nothing else in the file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- compare:begin -->", "<!-- compare:end -->"
DATABASES = {"sqlite": "SQLite, file cache", "postgresql": "PostgreSQL + Redis"}
PAGES = {
    "home": ("home", "home, 20 latest posts"),
    "list": ("section, page 1", "blog index, 20 latest posts"),
    "article": ("article", "the same article"),
    "search": ("search, one word", "search view, same word"),
}


def newest() -> list[tuple[Path, dict]]:
    chosen: dict[str, tuple[Path, dict]] = {}
    for file in sorted(RESULTS.glob("compare-*.json")):
        result = json.loads(file.read_text())
        known = chosen.get(result["database"])
        if known is None or result["started"] > known[1]["started"]:
            chosen[result["database"]] = (file, result)
    return [chosen[name] for name in DATABASES if name in chosen]


def loads(result: dict) -> str:
    machine = result["machine"]["load_average_1_5_15"]
    ones = [machine["before"][0], *(load[0] for load in machine["rounds"])]
    return f"{min(ones):.1f} to {max(ones):.1f}"


def ms(value: float) -> str:
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def table(file: Path, result: dict) -> list[str]:
    rows = result["results"]
    requests = result["rounds"] * result["per_round"]
    lines = [
        f"**{DATABASES[result['database']]}** ({result['database_version']}), "
        f"{result['articles']:,} articles in each site; {result['started'][:10]}, commit "
        f"`{result['commit'][:10]}`{' (uncommitted changes)' if result['dirty'] else ''}; "
        f"{result['machine']['cpus']} CPUs, load average {loads(result)} during the run; "
        f"{requests} requests per cell in {result['rounds']} interleaved rounds. "
        f"Raw: [`{file.relative_to(ROOT)}`](../{file.relative_to(ROOT)}).",
        "",
        "| page | stock counterpart | page cache hit | warm render | cold render "
        "| stock Wagtail | stock ÷ hit | stock ÷ warm | stock ÷ cold |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page, (ours, theirs) in PAGES.items():
        cells = rows[page]
        stock = cells["stock"]["p50"]
        lines.append(
            f"| {ours} | {theirs} "
            + "".join(f"| {ms(cells[v]['p50'])} " for v in ("hit", "warm", "cold"))
            + f"| {ms(stock)} "
            + "".join(f"| **{stock / cells[v]['p50']:.1f}x** " for v in ("hit", "warm", "cold"))
            + "|"
        )
    lines += ["", "p90, same run:", ""]
    lines += [
        "| page | hit | warm | cold | stock |",
        "| --- | --- | --- | --- | --- |",
    ]
    for page, (ours, _) in PAGES.items():
        cells = rows[page]
        lines.append(
            f"| {ours} "
            + "".join(f"| {ms(cells[v]['p90'])} " for v in ("hit", "warm", "cold", "stock"))
            + "|"
        )
    if all("cpu_ms" in rows[page]["warm"] for page in PAGES):
        lines += [
            "",
            "CPU time of the serving process per request (mean ms; not the database server's),",
            "less inflated by other work than wall time:",
            "",
            "| page | hit | warm | cold | stock | stock ÷ warm | stock ÷ cold |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for page, (ours, _) in PAGES.items():
            cpu = {v: rows[page][v]["cpu_ms"] for v in ("hit", "warm", "cold", "stock")}
            lines.append(
                f"| {ours} "
                + "".join(f"| {ms(cpu[v])} " for v in cpu)
                + "".join(f"| {cpu['stock'] / max(cpu[v], 0.01):.1f}x " for v in ("warm", "cold"))
                + "|"
            )
    misses = [p for p in PAGES if rows[p]["hit"]["page_cache_hits"] < requests]
    if misses:
        counts = ", ".join(f"{p} {rows[p]['hit']['page_cache_hits']}" for p in misses)
        lines += [
            "",
            f"**Not every request of the hit row was a page cache hit** (`X-Cache`): {counts} "
            f"of {requests}; that row then times misses.",
        ]
    return lines


def render() -> str:
    results = newest()
    if not results:
        raise SystemExit("no bench/results/compare-*.json yet: run bench/compare.py")
    lines = [
        BEGIN,
        "<!-- Written by bench/report.py from bench/results/; edit the script, not this. -->",
        "",
        "Median server time per request in ms (p50, one request at a time on a kept-alive",
        "connection, loopback round trip included), and how many times faster than stock",
        "Wagtail's counterpart page in the same run.",
        "",
    ]
    for file, result in results:
        lines += [*table(file, result), ""]
    return "\n".join([*lines, END])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--print", action="store_true")
    args = parser.parse_args()
    text = render()
    if args.print:
        print(text)
        return
    doc = DOC.read_text()
    if BEGIN not in doc or END not in doc:
        raise SystemExit(f"{DOC} has no {BEGIN} … {END} section")
    head, rest = doc.split(BEGIN, 1)
    DOC.write_text(head + text + rest.split(END, 1)[1])


if __name__ == "__main__":
    main()
