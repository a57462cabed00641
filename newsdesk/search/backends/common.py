"""What both variants of the backend share: the shape of a ranking request, the spelling
of indexed text, and forgetting kept rankings when the index changes.

Ranking every match of a common word costs milliseconds per thousand matches, so site
search keeps each ranking (selectors.py) until it may have changed. A ranking of some
words can only change when a page that holds one of them changes: a page matches only if
it holds them all. So a kept ranking shows one tag per word it looked for, and every
change to the index gives new versions to the tags of each word the changed pages held
before or hold after. Words are taken as the engine indexes them (PostgreSQL's stems),
and tags are digests of them: tags travel in HTTP headers, which want ASCII.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import chain
from typing import Any

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks
from wagtail.search.models import IndexEntry

from newsdesk.core import fragments

from ..text import index_form

# A suggestion must be at least this close to the word typed (difflib's ratio).
SUGGESTION_CUTOFF = 0.75
# Shown by every kept ranking: forgets them all (an index rebuilt, a bulk change).
RANKINGS_TAG = "search"
# Changes to more pages, or to more words, than this forget every kept ranking instead
# of reading and naming each word (an index rebuild adds pages a thousand at a time).
MANY_PAGES = 50
MANY_WORDS = 5000


def word_tag(word: str) -> str:
    return "search:" + hashlib.blake2b(word.encode(), digest_size=6).hexdigest()


def forget_rankings(words: set[str] | None) -> None:
    """The kept rankings that looked for any of `words` (all of them, for None) are made
    again by their next reader. Only kept rankings show these tags, on pages that also
    show the publication tags purged outside (see search.views), so none go outside."""
    if words is None or len(words) > MANY_WORDS:
        fragments.invalidate(RANKINGS_TAG, outside=False)
    elif words:
        fragments.invalidate(*(word_tag(word) for word in words), outside=False)


class ForgetsRankings:
    """Mixed into the backends' Index: each change forgets the kept rankings of the words
    the changed pages held before and hold after (indexed_words(), per engine)."""

    write_connection: Any

    def indexed_words(self, entries: QuerySet) -> set[str]:
        """The words of these index entries as the engine matches them."""
        raise NotImplementedError

    def add_items(self, model: Any, objs: Any) -> None:
        objs = list(objs)
        if len(objs) > MANY_PAGES:
            super().add_items(model, objs)  # type: ignore[misc]
            forget_rankings(None)
            return
        entries = IndexEntry.objects.using(self.write_connection.alias).filter(
            content_type_id=get_content_type_pk(model), object_id__in=[str(o.pk) for o in objs]
        )
        before = self.indexed_words(entries)
        super().add_items(model, objs)  # type: ignore[misc]
        forget_rankings(before | self.indexed_words(entries))

    def delete_item(self, item: Any) -> None:
        words = self.indexed_words(item.index_entries.using(self.write_connection.alias))
        super().delete_item(item)  # type: ignore[misc]
        forget_rankings(words)

    def reset(self) -> None:
        super().reset()  # type: ignore[misc]
        forget_rankings(None)

    def delete_stale_entries(self) -> None:
        super().delete_stale_entries()  # type: ignore[misc]
        forget_rankings(None)


class NormalizedValues:
    """Mixed into modelsearch's ObjectIndexer: every indexed string gets one spelling (and
    its joined Persian forms, text.index_form), and each field is read once (the indexer
    reads every field for the title, again for the body and again for autocomplete; a
    StreamField body is walked each time)."""

    obj: Any

    def prepare_value(self, value: Any) -> str:
        return index_form(super().prepare_value(value))  # type: ignore[misc]

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
