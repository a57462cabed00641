"""`make check-standards`: the demo site's pages, feeds, sitemaps and structured data
checked by the reference validators (docs/decisions/0022-standards-checked-in-ci.md).

Builds a small demo site in a data folder of its own, fetches a list of pages that covers
every template in English, Arabic and Persian, and checks:
  HTML and CSS   the W3C Nu checker (npm vnu-jar, with Java), one JVM for everything
  RSS 2.0        the specification's rules, strictly (tools/standards/feeds.py)
  Atom           RFC 4287's RELAX NG schema
  JSON Feed 1.1  the specification's required fields and types
  sitemaps       the sitemaps.org schemas with Google's News and image extensions
  JSON-LD        the schema.org types we claim, with Google's required and recommended
                 properties (the table in tools/standards/jsonld.py)
Writes the table (documents x validators -> errors) to docs/standards.md and exits 1 on
any error, or on a page that answers with another status than it should.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.standards import feeds, jsonld, nu, report, site, sitemaps  # noqa: E402

CSS = sorted((ROOT / "newsdesk" / "static" / "newsdesk").glob("**/*.css"))
CSS = [path for path in CSS if "vendor" not in path.parts]
XML_CHECKS: dict[str, tuple[str, Callable[[bytes], list[str]]]] = {
    "rss": ("RSS 2.0", feeds.check_rss),
    "atom": ("Atom (RFC 4287 RELAX NG)", feeds.check_atom),
    "json-feed": ("JSON Feed 1.1", feeds.check_json_feed),
    "sitemap": ("sitemaps.org / Google XSD", sitemaps.check),
}


def main() -> int:
    arguments = _arguments()
    started = time.monotonic()
    (ROOT / "var").mkdir(exist_ok=True)
    data_dir = arguments.data_dir or Path(tempfile.mkdtemp(prefix="standards-", dir=ROOT / "var"))
    try:
        site.configure(data_dir)
        site.build(arguments.articles)
        built = time.monotonic()
        collection = site.collect()
        fetched = time.monotonic()
        rows = check(collection, data_dir)
    finally:
        if arguments.data_dir is None:
            shutil.rmtree(data_dir, ignore_errors=True)
    seconds = (built - started, fetched - built, time.monotonic() - fetched)
    text = report.markdown(rows, arguments.articles, seconds)
    if arguments.output:
        arguments.output.write_text(text, encoding="utf-8")
    print(report.summary(rows, seconds))
    return 1 if any(row.errors for row in rows) else 0


def check(collection: site.Collection, data_dir: Path) -> list[report.Row]:
    rows: list[report.Row] = []
    html_files: dict[Path, site.Fetched] = {}
    folder = data_dir / "checked"
    folder.mkdir(exist_ok=True)
    for number, fetched in enumerate(collection.documents):
        status = _status(fetched)
        if fetched.kind == "html":
            path = folder / f"page-{number}.html"
            path.write_bytes(fetched.body)
            html_files[path.resolve()] = fetched
            errors = jsonld.check_page(fetched.body, site.BASE_URL)
            rows.append(
                report.Row(
                    fetched.name, fetched.path, "JSON-LD (schema.org, Google)", status + errors
                )
            )
        else:
            validator, check_one = XML_CHECKS[fetched.kind]
            rows.append(
                report.Row(fetched.name, fetched.path, validator, status + check_one(fetched.body))
            )
    found = nu.check([*html_files, *CSS])
    for path, errors in found.items():
        if path in html_files:
            fetched = html_files[path]
            rows.append(report.Row(fetched.name, fetched.path, "HTML (Nu checker)", errors))
        else:
            name = str(path.relative_to(ROOT))
            rows.append(report.Row(f"stylesheet {path.name}", name, "CSS (Nu checker)", errors))
    return rows


def _status(fetched: site.Fetched) -> list[str]:
    if fetched.status == fetched.expected:
        return []
    return [f"answered {fetched.status}, not {fetched.expected}"]


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=12, help="demo articles to build")
    parser.add_argument("--data-dir", type=Path, help="keep (and reuse) the demo site here")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "standards.md")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
