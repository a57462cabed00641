"""What both variants of the backend share: the shape of a ranking request and the
spelling of indexed text."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import chain
from typing import Any

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from modelsearch.utils import get_descendants_content_types_pks

from ..text import normalize

# A suggestion must be at least this close to the word typed (difflib's ratio).
SUGGESTION_CUTOFF = 0.75


class NormalizedValues:
    """Mixed into modelsearch's ObjectIndexer: every indexed string gets one spelling, and
    each field is read once (the indexer reads every field for the title, again for the
    body and again for autocomplete; a StreamField body is walked each time)."""

    obj: Any

    def prepare_value(self, value: Any) -> str:
        return normalize(super().prepare_value(value))  # type: ignore[misc]

    def prepare_field(self, obj: Any, field: Any) -> Iterator[tuple[Any, ...]]:
        if obj is not self.obj:  # a related object: rare, and not worth keeping
            yield from super().prepare_field(obj, field)  # type: ignore[misc]
            return
        prepared = self.__dict__.setdefault("_prepared", {})
        if id(field) not in prepared:
            prepared[id(field)] = list(super().prepare_field(obj, field))  # type: ignore[misc]
        yield from prepared[id(field)]


@dataclass(frozen=True)
class Ranking:
    """One page of a site search: the words, which pages may match, in which language."""

    terms: list[str]
    pages: QuerySet
    language: str
    start: int
    stop: int
    by_date: bool = False
    # The model has few pages (galleries, films): the engine may start from them.
    few: bool = False
    # Pages of other models, few of them (In Focus topics), ranked in the same list by
    # relevance: each model gets its own statement and the lists are merged by score.
    # Sorting by date orders `pages` only: the others have no date of their own.
    also: tuple[QuerySet, ...] = ()

    def content_types(self) -> list[int]:
        return get_descendants_content_types_pks(self.pages.model)


def candidates_filter(pages: QuerySet, page_id_sql: str) -> tuple[str, tuple[Any, ...]]:
    """`pages` as an SQL condition on one matched page id (EXISTS, checked row by row,
    so that the engine stops as soon as a page of results passed it). One EXISTS, never
    an OR of several: PostgreSQL then checks only the rows it returns, after the sort."""
    inner = pages.order_by().filter(pk=RawSQL(page_id_sql, ())).values("pk")
    sql, params = inner.query.sql_with_params()
    return f"EXISTS ({sql})", tuple(params)


class MergedRanking:
    """`rank` for the backends: one statement per model, best first, merged by score."""

    def scored(self, ranking: Ranking) -> list[tuple[int, float]]:
        """One page of `ranking.pages` as (id, score), best (highest score) first."""
        raise NotImplementedError

    def rank(self, ranking: Ranking) -> list[int]:
        """The ids of one page of matching pages, best first (or newest first)."""
        if ranking.by_date or not ranking.also:
            return [pk for pk, _score in self.scored(ranking)]
        # Each list up to the end of the page: the merged page may come from any of them.
        lists = [
            self.scored(replace(ranking, pages=pages, start=0, few=few, also=()))
            for pages, few in [(ranking.pages, ranking.few), *((p, True) for p in ranking.also)]
        ]
        merged = sorted(chain.from_iterable(lists), key=lambda hit: -hit[1])
        return [pk for pk, _score in merged[ranking.start : ranking.stop]]


def closest(word: str, vocabulary: list[str]) -> str | None:
    """The indexed word most like `word` (difflib's ratio, at least SUGGESTION_CUTOFF).
    The vocabulary comes most frequent first, and a tie goes to the earlier word."""
    matcher = difflib.SequenceMatcher(b=word, autojunk=False)
    best, best_ratio = None, SUGGESTION_CUTOFF
    for candidate in vocabulary:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio or (best is None and ratio == best_ratio):
            best, best_ratio = candidate, ratio
    return best
