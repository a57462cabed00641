"""One migrated database of each kind per CI run, copied instead of migrated again.

Migrating an empty database runs 255 migrations: about 18 s of one core, and CI did it
six times (each run's test database, each run's data folders for `newsdesk` commands,
the standards check's and the audit's sites). `.ci/run` runs this once, beside the
lint and type checks (decision 0018):

    python tools/migrated_template.py sqlite FOLDER          # FOLDER/newsdesk.sqlite3
    python tools/migrated_template.py postgresql DATABASE_URL  # a database "<name>_template"

and hands the results on: the SQLite file through NEWSDESK_MIGRATED_TEMPLATE (see
`seed()`), the PostgreSQL one through NEWSDESK_TEST_DB_TEMPLATE (settings/test.py: Django
creates the test database as a copy of it). Whoever uses one still runs `migrate`, which
then finds nothing to do; without the variables everything migrates as before.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))
DATABASE_FILE = "newsdesk.sqlite3"  # the embedded database in a data folder (settings)


def seed(data_dir: Path) -> bool:
    """Copy the migrated template into `data_dir` when there is one and the folder has no
    database yet; whether it did."""
    template = os.environ.get("NEWSDESK_MIGRATED_TEMPLATE")
    target = data_dir / DATABASE_FILE
    if not template or target.exists():
        return False
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(template) / DATABASE_FILE, target)
    return True


def _migrate(env: dict[str, str]) -> None:
    subprocess.run([NEWSDESK, "migrate", "-v0"], env=env, check=True, timeout=600)


def make_sqlite(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NEWSDESK_DATA_DIR": str(folder)}
    env.update(DJANGO_SETTINGS_MODULE="newsdesk.settings.dev", DEBUG="0")
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    _migrate(env)


def make_postgresql(url: str) -> str:
    """Creates (again) and migrates "<database>_template" on the server of `url`."""
    import psycopg  # noqa: PLC0415 - only this command needs it

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_template"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}"))}
    env.update(DJANGO_SETTINGS_MODULE="newsdesk.settings.test")
    env.pop("REDIS_URL", None)
    _migrate(env)
    return name


def main() -> None:
    kind, where = sys.argv[1:3]
    if kind == "sqlite":
        make_sqlite(Path(where))
    elif kind == "postgresql":
        print(make_postgresql(where))
    else:
        sys.exit(f"unknown kind {kind!r}: sqlite or postgresql")


if __name__ == "__main__":
    main()
