"""PostgreSQL: full text over Wagtail's index table, each page analysed with its own
language's configuration, ranked with ts_rank_cd in one statement with LIMIT.

Wagtail's PostgreSQL backend uses one configuration (SEARCH_CONFIG) for every row. Here
the indexer picks the configuration from the page's locale (LANGUAGE_CONFIGS: english,
arabic, and simple for Persian, which PostgreSQL has no configuration for), and site
search builds its query with the configuration of the language it searches.

Spelling suggestions come from a table of every word indexed (`site_search_word`, filled
as pages are indexed) through pg_trgm's similarity operator and its GIN index.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.sql.subqueries import InsertQuery
from modelsearch.backends.database.postgres.postgres import (
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchBackend,
)
from modelsearch.utils import get_content_type_pk
from wagtail.models import Locale
from wagtail.search.models import IndexEntry

from .common import (
    ForgetsRankings,
    MergedRanking,
    NormalizedValues,
    Ranking,
    candidates_filter,
)

ENTRIES = IndexEntry._meta.db_table
WORDS = "site_search_word"
DEFAULT_CONFIGS = {"en": "english", "ar": "arabic", "fa": "simple"}
# Objects without a language (people) and languages without a configuration.
FALLBACK_CONFIG = "simple"
# The text that (title || body) holds; matches the expression index of migration 0001.
DOCUMENT = "(e.title || e.body)"
# The reader's words as a tsquery, named q, in the configuration given as a parameter.
WORDS_QUERY = "plainto_tsquery(%s::regconfig, %s) q"
# Date order first walks this many of the newest articles looking for the words.
DATE_WALK = 2000
# Words kept for suggestions: letters only, of a length people misspell.
_SUGGESTIBLE = re.compile(r"[^\W\d_]{3,30}")


class Indexer(NormalizedValues, ObjectIndexer):
    def __init__(self, obj: Any, backend: Any, config: str) -> None:
        super().__init__(obj, backend)
        self.config = config


class NormalizedIndex(PostgresIndex):
    def add_items(self, model: Any, objs: Any) -> None:
        """Wagtail's add_items (the same upsert) with each object's own configuration,
        normalized text, and its words added to the suggestion vocabulary."""
        if not model.get_search_fields():
            return
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        indexers = [
            Indexer(
                obj,
                self.backend,
                self.backend.config_for(languages.get(getattr(obj, "locale_id", None))),
            )
            for obj in objs
        ]
        if not indexers:
            return
        self._upsert(get_content_type_pk(model), indexers)
        self._refresh_title_norms()
        words = set()
        for indexer in indexers:
            words.update(_SUGGESTIBLE.findall(f"{indexer.title_text} {indexer.body_text}".lower()))
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {WORDS} (word) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING",
                (sorted(words),),
            )

    def _upsert(self, content_type: int, indexers: list[Indexer]) -> None:
        """Wagtail's statement: each vector is compiled from the indexer's weighted
        SearchVector expressions, which now carry the object's configuration."""
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows, params = [], []
        for indexer in indexers:
            vectors = []
            params += [content_type, indexer.id]
            for name in ("title", "autocomplete", "body"):
                field = IndexEntry._meta.get_field(name)
                value = compiler.prepare_value(field, getattr(indexer, name))
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params += value_params
            params += [indexer.title_text, indexer.body_text]
            rows.append(f"(%s, %s, {', '.join(vectors)}, 1.0, %s, %s)")
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {ENTRIES} (content_type_id, object_id, title, autocomplete, body, "
                f"title_norm, title_text, body_text) VALUES {', '.join(rows)} "
                "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, "
                "title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )


class Index(ForgetsRankings, NormalizedIndex):
    def indexed_words(self, entries: QuerySet) -> set[str]:
        """The entries' lexemes, each in the configuration of its page's language."""
        ids_sql, params = entries.values("id").query.sql_with_params()
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT unnest(tsvector_to_array(e.title || e.body)) "
                f"FROM {ENTRIES} e WHERE e.id IN ({ids_sql})",
                params,
            )
            return {row[0] for row in cursor.fetchall()}


class PostgresBackend(MergedRanking, PostgresSearchBackend):
    index_class = Index

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        self.language_configs = {**DEFAULT_CONFIGS, **params.get("LANGUAGE_CONFIGS", {})}
        self.date_walk = params.get("DATE_WALK", DATE_WALK)

    def config_for(self, language: str | None) -> str:
        return self.language_configs.get(language or "", FALLBACK_CONFIG)

    def scored(self, ranking: Ranking) -> list[tuple[int, float]]:
        """One page of matching pages with their ts_rank_cd, best first; or newest first
        (score 0)."""
        if ranking.by_date:
            return [(pk, 0.0) for pk in self._newest_first(ranking)]
        exists, exists_params = candidates_filter(ranking.pages, "e.object_id::integer")
        # Every match is scored (see decision 0010 for why a bounded candidate set was not
        # kept); the single EXISTS is checked only for the rows returned, after the sort.
        sql = (
            f"SELECT e.object_id::integer, ts_rank_cd({DOCUMENT}, q) AS score "
            f"FROM {ENTRIES} e, {WORDS_QUERY} WHERE e.content_type_id = ANY(%s) "
            f"AND {DOCUMENT} @@ q AND {exists} ORDER BY score DESC, e.id DESC LIMIT %s OFFSET %s"
        )
        params = (*self._words(ranking), ranking.content_types(), *exists_params)
        with connection.cursor() as cursor:
            cursor.execute(sql, (*params, *self._window(ranking)))
            return [(row[0], row[1]) for row in cursor.fetchall()]

    def _newest_first(self, ranking: Ranking) -> list[int]:
        """Newest first, cheaply: the newest articles are walked on the date index and each
        is looked up in the index table until a page is full (a common word fills it in a
        few dozen). A word too rare to fill the page among the newest DATE_WALK articles is
        answered from its matches instead, read from the GIN index, joined to their
        articles and sorted (few, since the word is rare)."""
        table, key = ranking.pages.model._meta.db_table, ranking.pages.model._meta.pk.column
        exists, exists_params = candidates_filter(ranking.pages, f"a.{key}")
        newest = f"ORDER BY published_at DESC, {key} DESC"
        order = f"ORDER BY a.published_at DESC, a.{key} DESC"
        words, types = self._words(ranking), ranking.content_types()
        walked = self._ids(
            f"SELECT a.{key} FROM (SELECT {key}, published_at FROM {table} {newest} "
            f"LIMIT %s) a, {WORDS_QUERY} WHERE EXISTS (SELECT 1 FROM {ENTRIES} e "
            f"WHERE e.content_type_id = ANY(%s) AND e.object_id = a.{key}::text "
            f"AND {DOCUMENT} @@ q) AND {exists} {order} LIMIT %s OFFSET %s",
            (self.date_walk, *words, types, *exists_params, *self._window(ranking)),
        )
        if len(walked) == ranking.stop - ranking.start:
            return walked
        return self._ids(
            f"WITH matches AS MATERIALIZED (SELECT e.object_id::integer AS id FROM {ENTRIES} e, "
            f"{WORDS_QUERY} WHERE e.content_type_id = ANY(%s) AND {DOCUMENT} @@ q) "
            f"SELECT a.{key} FROM matches m JOIN {table} a ON a.{key} = m.id "
            f"WHERE {exists} {order} LIMIT %s OFFSET %s",
            (*words, types, *exists_params, *self._window(ranking)),
        )

    def _words(self, ranking: Ranking) -> tuple[str, str]:
        return self._words_of(ranking.terms, ranking.language)

    def _words_of(self, terms: list[str], language: str) -> tuple[str, str]:
        return self.config_for(language), " ".join(terms)

    @staticmethod
    def _window(ranking: Ranking) -> tuple[int, int]:
        return ranking.stop - ranking.start, ranking.start

    @staticmethod
    def _ids(sql: str, params: tuple[Any, ...]) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def query_words(self, terms: list[str], language: str) -> set[str]:
        """The lexemes a ranking of `terms` looks for, as indexed_words() gives them."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT unnest(tsvector_to_array(to_tsvector(%s::regconfig, %s)))",
                self._words_of(terms, language),
            )
            return {row[0] for row in cursor.fetchall()}

    def suggest(self, terms: list[str], language: str) -> list[str]:
        """The terms with each one never indexed replaced by the most similar word that
        was (pg_trgm similarity, its default threshold of 0.3)."""
        with connection.cursor() as cursor:
            return [self._known_or_closest(cursor, term) for term in terms]

    def _known_or_closest(self, cursor: Any, term: str) -> str:
        cursor.execute(f"SELECT 1 FROM {WORDS} WHERE word = %s", (term,))
        if cursor.fetchone():
            return term
        cursor.execute(
            f"SELECT word FROM {WORDS} WHERE word %% %s "
            "ORDER BY similarity(word, %s) DESC, word LIMIT 1",
            (term, term),
        )
        row = cursor.fetchone()
        return row[0] if row else term
