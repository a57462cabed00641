"""The `newsdesk` command as a new user runs it: dev settings on the embedded database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

NEWSDESK = str(Path(sys.executable).with_name("newsdesk"))


def newsdesk_env(data_dir: Path) -> dict[str, str]:
    """The environment for `newsdesk` commands keeping their data in `data_dir`.

    The dev settings, as `make demo` runs: the test settings' tasks run inline, and a
    worker refuses to start on them. No DATABASE_URL: the embedded SQLite, whatever the
    test run's database.
    """
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings.dev",
        "DEBUG": "0",
    }
    env.pop("DATABASE_URL", None)
    return env
