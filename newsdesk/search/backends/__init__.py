"""Wagtail's database search backends (modelsearch), adjusted for a multilingual newsroom.

`WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "newsdesk.search.backends"}}` picks the
SQLite (FTS5) or PostgreSQL variant for the default database, as Wagtail's own
`wagtail.search.backends.database` does. Both index what Wagtail indexes, when Wagtail
indexes it (save, publish, unpublish, `update_index`), and add:

- one spelling for Arabic and Persian text (`newsdesk.search.text.normalize`);
- on PostgreSQL, each page's text analysed with its own language's configuration;
- a ranking query for site search that asks the engine for one page of results
  (`rank`), and spelling suggestions from the words in the index (`suggest`).

Decision record 0010.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.utils.module_loading import import_string

BACKENDS = {
    "sqlite": "newsdesk.search.backends.sqlite.SQLiteBackend",
    "postgresql": "newsdesk.search.backends.postgres.PostgresBackend",
}


def SearchBackend(params: dict[str, Any]) -> Any:
    try:
        backend = BACKENDS[connection.vendor]
    except KeyError:
        raise NotImplementedError(
            f"Site search supports SQLite and PostgreSQL, not {connection.vendor}."
        ) from None
    return import_string(backend)(params)
