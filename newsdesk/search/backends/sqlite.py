"""SQLite: FTS5 over Wagtail's index table, ranked by bm25 inside the FTS5 module.

Wagtail's own SQLite query scores each match with a correlated subquery that runs the
MATCH again for every row (3.6 s at 10,000 articles). Here one statement asks FTS5 for
the matches already ordered by rank (`ORDER BY rank` is answered by the virtual table,
so there is no sorter), checks each against the page filters with an indexed EXISTS and
stops after one page of results.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import QuerySet
from modelsearch.backends.database.sqlite.sqlite import (
    ObjectIndexer,
    SQLiteIndex,
    SQLiteSearchBackend,
)
from modelsearch.utils import get_content_type_pk
from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry

from newsdesk.core.sites import language_of

from ..text import arabic_stem, arabic_stems, words
from .common import (
    ForgetsRankings,
    MergedRanking,
    NormalizedValues,
    Ranking,
    candidates_filter,
    closest,
)

ENTRIES = IndexEntry._meta.db_table
FTS = SQLiteFTSIndexEntry._meta.db_table
# fts5vocab over the FTS table (migration 0001 of this app): every indexed word with the
# number of entries that hold it, always current.
VOCABULARY = "site_search_vocabulary"
# FTS5 columns are (autocomplete, body, title): a word in the title counts five times.
BM25_WEIGHTS = "0.0, 1.0, 5.0"
# Words this much shorter or longer than the one typed are not offered instead of it.
LENGTH_SLACK = 2


def fts_phrase(term: str) -> str:
    """A term as an FTS5 string: whatever it holds is text to match, never syntax."""
    return '"' + term.replace('"', '""') + '"'


# The language whose pages are indexed with their words' stems too (text.arabic_stem):
# SQLite has no stemmer, PostgreSQL's `arabic` configuration does this itself.
STEMMED = "ar"


class Indexer(NormalizedValues, ObjectIndexer):
    def __init__(self, obj: Any, backend: Any, stemmed: bool = False) -> None:
        self.stemmed = stemmed
        super().__init__(obj, backend)

    def prepare_value(self, value: Any) -> str:
        prepared = super().prepare_value(value)
        if not self.stemmed:
            return prepared
        stems = arabic_stems(prepared)
        return f"{prepared} {' '.join(stems)}" if stems else prepared


def _stemmed(locale_id: int | None) -> bool:
    return locale_id is not None and language_of(locale_id) == STEMMED


def match_terms(terms: list[str], language: str) -> list[str]:
    """The words a query looks for in the index: an Arabic word without its article."""
    return [arabic_stem(term) for term in terms] if language == STEMMED else terms


class NormalizedIndex(SQLiteIndex):
    def add_items(self, model: Any, objs: Any) -> None:
        """Wagtail's add_items with normalized text, as one upsert (the FTS table follows
        through the triggers Wagtail's migration created)."""
        if not model.get_search_fields():
            return
        content_type = get_content_type_pk(model)
        entries = [
            IndexEntry(
                content_type_id=content_type,
                object_id=indexer.id,
                title=indexer.title,
                autocomplete=indexer.autocomplete,
                body=indexer.body,
            )
            for indexer in (
                Indexer(obj, self.backend, _stemmed(getattr(obj, "locale_id", None)))
                for obj in objs
            )
        ]
        if not entries:
            return
        IndexEntry.objects.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=["title", "autocomplete", "body"],
        )
        self._refresh_title_norms()


class Index(ForgetsRankings, NormalizedIndex):
    def indexed_words(self, entries: QuerySet) -> set[str]:
        found: set[str] = set()
        for title, body in entries.values_list("title", "body"):
            found |= words(f"{title} {body}")
        return found


class SQLiteBackend(MergedRanking, SQLiteSearchBackend):
    index_class = Index

    def scored(self, ranking: Ranking) -> list[tuple[int, float]]:
        """One page of matching pages with their bm25 scores (negated: higher is better),
        best first; or newest first (score 0)."""
        match = " ".join(fts_phrase(term) for term in match_terms(ranking.terms, ranking.language))
        types = ranking.content_types()
        marks = ", ".join("%s" for _ in types)
        exists, exists_params = candidates_filter(ranking.pages, "CAST(e.object_id AS INTEGER)")
        rank_params: tuple[str, ...] = ()
        if ranking.by_date:
            # Every match is read, joined to its article and sorted by date: a page filter
            # of `pk IN (matches)` let SQLite walk the date index and run the MATCH again
            # for each article (60 s at 100,000 articles).
            table = ranking.pages.model._meta.db_table
            key = ranking.pages.model._meta.pk.column
            source = (  # CROSS JOIN: SQLite keeps this order (FTS5 first)
                f"{FTS} CROSS JOIN {ENTRIES} e ON e.id = {FTS}.rowid "
                f"CROSS JOIN {table} a ON a.{key} = CAST(e.object_id AS INTEGER)"
            )
            order = f"a.published_at DESC, a.{key} DESC"
            score = "0"
            rank_filter = ""
        elif ranking.few:
            # Few entries of these types (galleries, films): walk them and look each up in
            # FTS5, rather than walk every match of a common word in rank order.
            source = f"{ENTRIES} e CROSS JOIN {FTS} ON {FTS}.rowid = e.id"
            order = f"bm25({FTS}, {BM25_WEIGHTS}), e.id DESC"
            score = f"-bm25({FTS}, {BM25_WEIGHTS})"
            rank_filter = ""
        else:
            source = f"{FTS} JOIN {ENTRIES} e ON e.id = {FTS}.rowid"
            order = f"{FTS}.rank"  # alone: a second key would make SQLite sort every match
            score = f"-{FTS}.rank"
            rank_filter, rank_params = f"AND {FTS}.rank MATCH %s", (f"bm25({BM25_WEIGHTS})",)
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER), {score} FROM {source} "
            f"WHERE {FTS} MATCH %s {rank_filter} AND e.content_type_id IN ({marks}) "
            f"AND {exists} ORDER BY {order} LIMIT %s OFFSET %s"
        )
        params = (
            match,
            *rank_params,
            *types,
            *exists_params,
            ranking.stop - ranking.start,
            ranking.start,
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(row[0], row[1]) for row in cursor.fetchall()]

    def query_words(self, terms: list[str], language: str) -> set[str]:
        """The words a ranking of `terms` looks for, as indexed_words() gives them."""
        return words(" ".join(match_terms(terms, language)))

    def suggest(self, terms: list[str], language: str) -> list[str]:
        """The terms with each one the index does not hold replaced by the closest word it
        holds that starts with the same letter (difflib; no spellfix extension needed)."""
        with connection.cursor() as cursor:
            return [self._known_or_closest(cursor, term) for term in terms]

    def _known_or_closest(self, cursor: Any, term: str) -> str:
        cursor.execute(f"SELECT 1 FROM {VOCABULARY} WHERE term = %s", (term,))
        if cursor.fetchone():
            return term
        first = term[0]
        cursor.execute(
            f"SELECT term FROM {VOCABULARY} WHERE term >= %s AND term < %s "
            "AND length(term) BETWEEN %s AND %s ORDER BY doc DESC",
            (first, chr(ord(first) + 1), len(term) - LENGTH_SLACK, len(term) + LENGTH_SLACK),
        )
        return closest(term, [row[0] for row in cursor.fetchall()]) or term
