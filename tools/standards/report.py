"""The results as a table: documents x validators -> errors (docs/standards.md)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

VALIDATORS = (
    "HTML (Nu checker)",
    "JSON-LD (schema.org, Google)",
    "CSS (Nu checker)",
    "RSS 2.0",
    "Atom (RFC 4287 RELAX NG)",
    "JSON Feed 1.1",
    "sitemaps.org / Google XSD",
)


@dataclass
class Row:
    name: str
    path: str
    validator: str
    errors: list[str]


def markdown(rows: list[Row], articles: int, seconds: tuple[float, float, float]) -> str:
    columns = [v for v in VALIDATORS if any(row.validator == v for row in rows)]
    table: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for row in rows:
        table[(row.name, row.path)][row.validator] = len(row.errors)
    lines = [
        "# Standards: what the reference validators say",
        "",
        "Written by `make check-standards` (tools/check_standards.py; decision 0022): a demo",
        f"site of {articles} articles, every template in English, Arabic and Persian, each",
        "document checked by the validators in the columns. A number is how many errors",
        "the validator found; a dash, that it does not apply. The step fails on any error.",
        "",
        "| document | address | " + " | ".join(columns) + " |",
        "| --- | --- | " + " | ".join("---" for _ in columns) + " |",
    ]
    for (name, path), counts in table.items():
        cells = [str(counts[c]) if c in counts else "-" for c in columns]
        lines.append(f"| {name} | `{path}` | " + " | ".join(cells) + " |")
    errors = [row for row in rows if row.errors]
    lines += ["", f"{len(table)} documents, {sum(len(r.errors) for r in rows)} errors."]
    for row in errors:
        lines += ["", f"## {row.name}: {row.validator}", ""]
        lines += [f"- {error}" for error in row.errors]
    return "\n".join(lines) + "\n"


def summary(rows: list[Row], seconds: tuple[float, float, float]) -> str:
    documents = len({(row.name, row.path) for row in rows})
    bad = [row for row in rows if row.errors]
    lines = [f"{row.name} [{row.validator}]: {e}" for row in bad for e in row.errors[:20]]
    lines.append(
        f"check-standards: {documents} documents, {len(rows)} checks, "
        f"{sum(len(r.errors) for r in rows)} errors; demo built in {seconds[0]:.0f} s, "
        f"fetched in {seconds[1]:.0f} s, checked in {seconds[2]:.0f} s."
    )
    return "\n".join(lines)
