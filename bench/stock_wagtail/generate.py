"""Generate the stock Wagtail site into a folder and publish articles in it.

    .venv/bin/python -m bench.stock_wagtail.generate var/stock-wagtail --articles 200 \
        [--from articles.jsonl] [--database-url postgresql://...]

The project is made by the installed Wagtail's own `wagtail start` (same Wagtail and
Django as newsdesk), plus the blog app of the Wagtail tutorial (blog/) and settings that
serve it like production (local_settings.py). The database is SQLite in the folder unless
a URL is given. Idempotent: an existing project and database are reused and topped up to
N articles; the search index (Wagtail's database backend) is rebuilt when articles were
added.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
SETTINGS = "stocksite.settings.production"
# The first generated article (no --from): bench/load.py's stock article page.
ARTICLE_PATH = "/blog/story-0/"


def environment(target: Path, database_url: str = "") -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "PYTHONPATH": str(target),
        "STOCK_DATABASE_URL": database_url,
    }


def generate(
    target: Path, articles: int, source: Path | None = None, database_url: str = ""
) -> None:
    env = environment(target, database_url)

    def manage(*args: str) -> str:
        command = [str(BIN / "python"), "manage.py", *args]
        done = subprocess.run(command, cwd=target, env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
        return done.stdout

    if not (target / "manage.py").exists():
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(BIN / "wagtail"), "start", "stocksite", str(target)], check=True)
    shutil.copytree(
        HERE / "blog",
        target / "blog",
        ignore=shutil.ignore_patterns("__pycache__"),
        dirs_exist_ok=True,
    )
    shutil.copy(HERE / "local_settings.py", target / "stocksite" / "settings" / "local.py")
    if not (target / "blog" / "migrations").exists():
        manage("makemigrations", "blog", "-v0")
    manage("migrate", "-v0")
    before = manage(
        "shell", "-c", "from blog.models import BlogPage; print(BlogPage.objects.count())"
    )
    build = ["build_articles", "--articles", str(articles)]
    print(manage(*build, *(["--from", str(source)] if source else [])).strip(), flush=True)
    # The last line: `shell` may first say what it imported.
    if int(before.split()[-1]) < articles:
        manage("update_index")
        if database_url.startswith("postgres"):
            # As `newsdesk demo` does: planner statistics that know the bulk-loaded rows.
            manage(
                "shell",
                "-c",
                "from django.db import connection as c; c.cursor().execute('ANALYZE')",
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--from", dest="source", type=Path)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    source = args.source.resolve() if args.source else None
    generate(args.target.resolve(), args.articles, source, args.database_url)


if __name__ == "__main__":
    main()
