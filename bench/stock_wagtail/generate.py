"""Generate the stock Wagtail site into a folder and publish N articles in it.

    .venv/bin/python -m bench.stock_wagtail.generate var/stock-wagtail --articles 200

Idempotent: an existing project is reused and topped up to N articles.
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
ARTICLE_PATH = "/blog/story-0/"


def environment(target: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    return {**env, "DJANGO_SETTINGS_MODULE": SETTINGS, "PYTHONPATH": str(target)}


def generate(target: Path, articles: int) -> None:
    env = environment(target)

    def manage(*args: str) -> None:
        subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=target, env=env, check=True)

    if not (target / "manage.py").exists():
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(BIN / "wagtail"), "start", "stocksite", str(target)], check=True)
        skip = shutil.ignore_patterns("__pycache__")
        shutil.copytree(HERE / "blog", target / "blog", ignore=skip)
        shutil.copy(HERE / "local_settings.py", target / "stocksite" / "settings" / "local.py")
        manage("makemigrations", "blog", "-v0")
        manage("migrate", "-v0")
    manage("build_articles", "--articles", str(articles))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    generate(args.target.resolve(), args.articles)


if __name__ == "__main__":
    main()
