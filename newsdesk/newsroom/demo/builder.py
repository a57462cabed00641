"""Bulk article builder: tens of thousands of ArticlePages in minutes.

Saving pages one by one through Wagtail costs tens of queries each (tree locking,
revisions, search index, reference index), which would take hours for 100,000 articles.
Instead we compute the tree positions ourselves and insert rows in batches:

- `wagtailcore_page` rows with Django's bulk_create, treebeard paths computed here;
- the `articles_articlepage` rows with executemany (bulk_create refuses multi-table
  inheritance), each value prepared by its own model field;
- bylines, tags and topic links with bulk_create;
- finally each section's `numchild`, so treebeard sees a consistent tree.

The result is what Wagtail would have stored for a page published without revisions:
editors can open, edit and publish any of them as usual. Search indexing is skipped for
these rows on purpose (site search comes later and will index in bulk on its own).
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Any, Protocol

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils.text import slugify
from wagtail.models import Page

from newsdesk.articles.models import ArticleAuthor, ArticlePage, ArticleTag, SectionPage
from newsdesk.topics.models import ArticleTopic

from . import images
from .structure import Newsroom
from .text import ArticleText, NewsWriter
from .world import KIND_WEIGHTS, TOPICS, Topic

BATCH_SIZE = 2000
PROGRESS_EVERY = 10_000
SLUG_LENGTH = 70
# However few articles, they cover at least this period; many articles cover
# ARTICLES_PER_DAY a day, so 100,000 stories reach back about nine years.
MIN_SPAN = timedelta(days=90)
ARTICLES_PER_DAY = 30
UPDATED_SHARE = 0.15
SECOND_TOPIC_SHARE = 0.35
SECOND_AUTHOR_SHARE = 0.25

Log = Callable[[str], None]


class Writer(Protocol):
    def article(self, kind: str, topic: Any) -> ArticleText: ...


@dataclass
class Draft:
    """One article before it has a primary key."""

    page: Page
    fields: dict[str, Any]  # ArticlePage's own columns, by attname
    author_ids: list[int]
    tag_ids: list[int]
    topic_ids: list[int]


class ArticleBuilder:
    def __init__(
        self,
        newsroom: Newsroom,
        rng: random.Random,
        now: datetime,
        writer: Writer | None = None,
        topics: Sequence[Any] = TOPICS,
    ) -> None:
        self.newsroom = newsroom
        self.rng = rng
        self.writer: Writer = writer or NewsWriter(rng)
        self.topics = list(topics)
        self.content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
        self.topic_ids = {
            topic.title: page.pk for topic, page in zip(topics, newsroom.topics, strict=True)
        }
        self.kinds = [kind for kind, _weight in KIND_WEIGHTS]
        self.kind_weights = list(accumulate(weight for _kind, weight in KIND_WEIGHTS))
        self.now = now
        self.clock = now
        self.slugs: dict[str, set[str]] = {kind: set() for kind in newsroom.sections}
        self.added: dict[str, int] = dict.fromkeys(newsroom.sections, 0)

    def build(self, count: int, log: Log) -> None:
        started = time.monotonic()
        mean_gap = max(MIN_SPAN / max(count, 1), timedelta(days=1) / ARTICLES_PER_DAY)
        done = 0
        for size in _batches(count, BATCH_SIZE):
            with transaction.atomic():
                self._insert([self._draft(mean_gap) for _ in range(size)])
            done += size
            if done % PROGRESS_EVERY == 0 or done == count:
                log(f"  {done:,} / {count:,} articles ({time.monotonic() - started:.0f} s)")
        self._update_sections()

    # One article ------------------------------------------------------------------------

    def _draft(self, mean_gap: timedelta) -> Draft:
        rng = self.rng
        kind, topics, translation_key = self._pick()
        story = self.writer.article(kind, topics[0])
        published_at = self.clock
        self.clock -= mean_gap * rng.expovariate(1.0)
        updated_at = None
        if rng.random() < UPDATED_SHARE:
            updated_at = published_at + timedelta(minutes=rng.randint(20, 48 * 60))
            if updated_at >= self.now:  # the newest stories have had no time to change
                updated_at = None
        picture = rng.choice(self.newsroom.pictures[topics[0].scene])
        return Draft(
            page=self._page(kind, story.title, published_at, updated_at, translation_key),
            fields={
                "kind": kind,
                "kicker": story.kicker,
                "lead": story.lead,
                "hero_image_id": picture.image.pk,
                "hero_alt": self._alt(picture, topics[0]),
                "hero_caption": story.caption,
                "hero_credit": self.credit,
                "dateline": story.dateline,
                "published_at": published_at,
                "updated_at": updated_at,
                "body": story.body,
            },
            author_ids=self._authors(kind),
            tag_ids=self._tags(topics, story),
            topic_ids=[self.topic_ids[topic.title] for topic in topics],
        )

    credit = images.CREDIT

    def _alt(self, picture: images.Picture, topic: Any) -> str:
        return picture.alt

    def _pick(self) -> tuple[str, list[Any], uuid.UUID | None]:
        """The kind and topics of the next article, and the translation key of the story
        it translates (None: a story of its own)."""
        kind = self.rng.choices(self.kinds, cum_weights=self.kind_weights)[0]
        return kind, self._topics(), None

    def _page(
        self,
        kind: str,
        title: str,
        published_at: datetime,
        updated_at: datetime | None,
        translation_key: uuid.UUID | None = None,
    ) -> Page:
        section = self.newsroom.sections[kind]
        self.added[kind] += 1
        slug = self._unique_slug(kind, title)
        return Page(
            path=ArticlePage._get_path(
                section.path, section.depth + 1, section.numchild + self.added[kind]
            ),
            depth=section.depth + 1,
            numchild=0,
            title=title,
            draft_title=title,
            slug=slug,
            url_path=f"{section.url_path}{slug}/",
            content_type_id=self.content_type_id,
            locale_id=section.locale_id,
            translation_key=translation_key or uuid.UUID(int=self.rng.getrandbits(128), version=4),
            live=True,
            has_unpublished_changes=False,
            first_published_at=published_at,
            last_published_at=updated_at or published_at,
        )

    def _unique_slug(self, kind: str, title: str) -> str:
        # Arabic and Persian titles keep their letters (Wagtail allows Unicode slugs).
        base = (slugify(title) or slugify(title, allow_unicode=True))[:SLUG_LENGTH].rstrip("-")
        taken = self.slugs[kind]
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        return slug

    def _topics(self) -> list[Topic]:
        if self.rng.random() < SECOND_TOPIC_SHARE:
            return self.rng.sample(self.topics, 2)
        return [self.rng.choice(self.topics)]

    def _authors(self, kind: str) -> list[int]:
        pool = self.newsroom.columnists if kind == "opinion" else self.newsroom.reporters
        count = 2 if self.rng.random() < SECOND_AUTHOR_SHARE else 1
        return [person.pk for person in self.rng.sample(pool, count)]

    def _tags(self, topics: list[Topic], story: ArticleText) -> list[int]:
        own = [tag for topic in topics for tag in topic.tags]
        names = [*self.rng.sample(own, self.rng.randint(1, 3)), story.country, story.city]
        wanted = self.rng.randint(2, 5)
        ids = self.newsroom.tag_ids
        return list(dict.fromkeys(ids[name] for name in names))[:wanted]

    # Inserting --------------------------------------------------------------------------

    def _insert(self, drafts: list[Draft]) -> None:
        pages = Page.objects.bulk_create([draft.page for draft in drafts])
        for draft, page in zip(drafts, pages, strict=True):
            draft.fields["page_ptr_id"] = page.pk
        _insert_article_rows([draft.fields for draft in drafts])
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article_id=page.pk, person_id=person_id, sort_order=position)
            for draft, page in zip(drafts, pages, strict=True)
            for position, person_id in enumerate(draft.author_ids)
        )
        ArticleTag.objects.bulk_create(
            ArticleTag(content_object_id=page.pk, tag_id=tag_id)
            for draft, page in zip(drafts, pages, strict=True)
            for tag_id in draft.tag_ids
        )
        ArticleTopic.objects.bulk_create(
            ArticleTopic(article_id=page.pk, topic_id=topic_id, sort_order=position)
            for draft, page in zip(drafts, pages, strict=True)
            for position, topic_id in enumerate(draft.topic_ids)
        )

    def _update_sections(self) -> None:
        for kind, added in self.added.items():
            section: SectionPage = self.newsroom.sections[kind]
            Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + added)


def _insert_article_rows(rows: list[dict[str, Any]]) -> None:
    """Insert ArticlePage's own table rows: the part bulk_create will not do for a subclass."""
    fields = ArticlePage._meta.local_concrete_fields
    quote = connection.ops.quote_name
    sql = "INSERT INTO {table} ({columns}) VALUES ({values})".format(
        table=quote(ArticlePage._meta.db_table),
        columns=", ".join(quote(field.column) for field in fields),
        values=", ".join(["%s"] * len(fields)),
    )
    params = [
        # Fields the generator does not set (e.g. comments_open) take their model default.
        [
            field.get_db_prep_save(
                row[field.attname] if field.attname in row else field.get_default(), connection
            )
            for field in fields
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _batches(total: int, size: int) -> Iterator[int]:
    while total > 0:
        yield min(size, total)
        total -= size
