"""Which kept search rankings a page's change makes stale, declared to core.invalidation.

A kept ranking lists the ids of one page of results and shows one tag per word it looked
for (backends/common.py). The background index task forgets the rankings of the words a
page held before and holds after, but only when it runs. Publishing, withdrawing, moving
or deleting a page forgets at once (and again after the commit, as every declared tag) the
rankings of every word its index entry holds now: the rankings it may be in. Hits are
also checked against what readers may see when they are loaded (selectors.Results.cards).
A published page is indexed before the editor's answer returns (index_at_once).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from modelsearch import index
from modelsearch.utils import get_content_type_pk
from wagtail.search.models import IndexEntry

from newsdesk.articles.models import ArticlePage
from newsdesk.core import invalidation
from newsdesk.core.invalidation import Change
from newsdesk.gallery.models import FilmPage, PhotoGalleryPage
from newsdesk.topics.models import TopicPage

from .backends.common import MANY_WORDS, RANKINGS_TAG, word_tag
from .selectors import backend

# What may take a page out of a ranking or put it in another place in one.
RANKED_CHANGES = frozenset({Change.PUBLISHED, Change.UNPUBLISHED, Change.MOVED, Change.DELETED})


def ranking_tags(page: Any, change: Change) -> set[str]:
    if change not in RANKED_CHANGES:
        return set()
    index = backend().get_index_for_model(type(page))
    entries = IndexEntry.objects.using(index.write_connection.alias).filter(
        content_type_id=get_content_type_pk(type(page)), object_id=str(page.pk)
    )
    words = index.indexed_words(entries)
    if len(words) > MANY_WORDS:
        return {RANKINGS_TAG}
    return {word_tag(word) for word in words}


# What site search finds, and so indexes at once when published.
INDEXED_AT_ONCE = (ArticlePage, TopicPage, PhotoGalleryPage, FilmPage)

for _model in INDEXED_AT_ONCE:
    # Only kept rankings show these tags (see backends.common.forget_rankings).
    invalidation.declare(_model, ranking_tags, outside=False)


def index_at_once(instance: Any, **kwargs: Any) -> None:
    """page_published: the page is indexed once the publication is committed, before the
    editor's answer returns, not only when the worker runs the index task (which follows
    and finds nothing new). After the commit: a ranking made from the index before it would
    otherwise be kept with the forgotten words' new versions."""
    transaction.on_commit(partial(index.insert_or_update_object, instance), robust=True)
