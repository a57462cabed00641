"""The engine-side structures site search needs (decision 0010), per database.

SQLite: Wagtail's FTS5 table again, with `remove_diacritics 2` (the fuller folding of
Latin accents), refilled from the index table, and an fts5vocab table over it that lists
every indexed word for spelling suggestions.

PostgreSQL: pg_trgm, the table of indexed words with a trigram index, and a GIN index on
`title || body`, the document that site search matches.
"""

from django.db import migrations

ENTRIES = "wagtailsearch_indexentry"
FTS = "wagtailsearch_indexentry_fts"

SQLITE = [
    f"DROP TABLE {FTS}",
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(autocomplete, body, title, "
    "tokenize = 'unicode61 remove_diacritics 2')",
    f"INSERT INTO {FTS} (rowid, autocomplete, body, title) "
    f"SELECT id, autocomplete, body, title FROM {ENTRIES}",
    f"CREATE VIRTUAL TABLE site_search_vocabulary USING fts5vocab({FTS}, row)",
]
SQLITE_REVERSE = [
    "DROP TABLE site_search_vocabulary",
    f"DROP TABLE {FTS}",
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(autocomplete, body, title)",
    f"INSERT INTO {FTS} (rowid, autocomplete, body, title) "
    f"SELECT id, autocomplete, body, title FROM {ENTRIES}",
]
POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TABLE site_search_word (word text PRIMARY KEY)",
    "CREATE INDEX site_search_word_trgm ON site_search_word USING gin (word gin_trgm_ops)",
    f"CREATE INDEX site_search_entry_document ON {ENTRIES} USING gin ((title || body))",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX site_search_entry_document",
    "DROP TABLE site_search_word",
]


def run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def apply(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
