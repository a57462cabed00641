"""What the API accepts and returns. The OpenAPI document is generated from these classes,
so it cannot drift from what the views do."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from django.conf import settings
from ninja import Field, Schema
from pydantic import field_validator
from pydantic.json_schema import SkipJsonSchema

from newsdesk.lib import parse

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
SLUG_MAX = parse.SLUG_MAX

# The site's languages (settings.LANGUAGES), as an enumeration in the document.
Language = StrEnum("Language", {code: code for code, _name in settings.LANGUAGES})  # type: ignore[misc]


# Query parameters ------------------------------------------------------------------------


def _slug(description: str) -> Any:
    """A slug parameter. Any text is valid (the document says so); one that is not a slug
    names nothing, and the list is empty without a query (selectors.articles_matching)."""
    return Field(None, min_length=1, max_length=SLUG_MAX, description=description)


class ListParams(Schema):
    cursor: str | SkipJsonSchema[None] = Field(
        None,
        min_length=1,
        max_length=600,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="Where the page starts: the `next` or `previous` link of another page "
        "carries it. Absent for the first page.",
    )
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page, at most 100."
    )
    language: Language | SkipJsonSchema[None] = Field(
        None, description="Only content in this language (a language code of the site)."
    )


class ArticleParams(ListParams):
    section: str | SkipJsonSchema[None] = _slug("A section's slug, e.g. `news`.")
    topic: str | SkipJsonSchema[None] = _slug("An In Focus topic's slug.")
    tag: str | SkipJsonSchema[None] = _slug("A tag's slug.")
    author: str | SkipJsonSchema[None] = _slug("An author's slug.")
    published_after: datetime | SkipJsonSchema[None] = Field(
        None,
        description="Only articles published at or after this time, as readers are shown "
        "it (ISO 8601; without an offset, UTC).",
    )
    published_before: datetime | SkipJsonSchema[None] = Field(
        None, description="Only articles published before this time (ISO 8601)."
    )

    @field_validator("published_after", "published_before")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        # Any RFC 3339 time is valid here (the document says so); a far one means "from
        # the beginning" or "up to the end", moved into years every database can compare.
        return parse.clamped(value) if value is not None else None


# Responses -------------------------------------------------------------------------------


class ProblemItem(Schema):
    parameter: str
    message: str


class Problem(Schema):
    """An error, as RFC 9457 problem details (served as application/problem+json)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[ProblemItem] = []


class Rendition(Schema):
    name: str = Field(description="Which size: e.g. `card`, `16:9`, `4:3`, `1:1`, `960w`.")
    url: str
    width: int
    height: int


class Picture(Schema):
    alt: str
    caption: str = ""
    credit: str = ""
    width: int = Field(description="Width of the original picture.")
    height: int = Field(description="Height of the original picture.")
    renditions: list[Rendition]


class SectionRef(Schema):
    id: int
    title: str
    slug: str
    url: str


class PersonRef(Schema):
    id: int
    name: str
    slug: str
    url: str
    api_url: str


class TopicRef(Schema):
    id: int
    title: str
    slug: str
    url: str
    api_url: str


class Tag(Schema):
    id: int
    name: str
    slug: str
    url: str


class PageItem(Schema):
    """The first fields of every page the API gives (articles, topics, galleries, films)."""

    id: int
    api_url: str
    url: str
    title: str
    slug: str


class Article(PageItem):
    kind: str
    kicker: str
    section: SectionRef | None
    dateline: str
    lead: str
    language: str
    published_at: datetime = Field(description="The publication time shown to readers.")
    updated_at: datetime | None = Field(
        description="When the story last changed in substance, if it did."
    )
    first_published_at: datetime = Field(description="When it first went live (the order).")
    last_published_at: datetime = Field(description="When its latest version went live.")
    authors: list[PersonRef]
    topics: list[TopicRef]
    tags: list[Tag]
    image: Picture | None


class ArticleDetail(Article):
    body_html: str = Field(description="The article text as HTML, with absolute links.")


class Topic(PageItem):
    language: str
    description: str
    first_published_at: datetime | None
    last_published_at: datetime | None
    image: Picture | None


class Author(Schema):
    id: int
    api_url: str
    url: str
    name: str
    slug: str
    role: str
    bio: str
    photo: Picture | None


class GalleryPage(PageItem):
    """What photo galleries and films both have (the Gallery section's pages)."""

    language: str
    summary: str
    published_at: datetime = Field(description="The publication time shown to readers.")
    updated_at: datetime | None = Field(description="When it last changed in substance, if it did.")
    first_published_at: datetime
    last_published_at: datetime


class Gallery(GalleryPage):
    cover: Picture | None


class GalleryDetail(Gallery):
    pictures: list[Picture]


class Video(Schema):
    provider: str = Field(description="`file` (hosted here), `youtube` or `vimeo`.")
    url: str


class Film(GalleryPage):
    poster: Picture | None
    duration_seconds: int | None
    caption: str
    credit: str
    description: str
    video: Video | None


class ListLinks(Schema):
    next: str | None = Field(description="The next page, if there is one.")
    previous: str | None = Field(description="The page before this one, if any.")


class ArticleList(ListLinks):
    items: list[Article]


class TopicList(ListLinks):
    items: list[Topic]


class AuthorList(ListLinks):
    items: list[Author]


class TagList(ListLinks):
    items: list[Tag]


class GalleryList(ListLinks):
    items: list[Gallery]


class FilmList(ListLinks):
    items: list[Film]
