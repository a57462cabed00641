"""What the API may show, and its filters: only live pages that no view restriction covers.

The content apps' selectors do the reading; this module only composes them.
"""

from __future__ import annotations

import re

from django.db.models import QuerySet
from taggit.models import Tag
from wagtail.models import Locale
from wagtail.query import PageQuerySet

from newsdesk.articles import selectors as articles
from newsdesk.articles.models import ArticlePage, ArticleQuerySet
from newsdesk.core.visibility import visible
from newsdesk.gallery import selectors as gallery
from newsdesk.people import selectors as people
from newsdesk.people.models import Person
from newsdesk.topics import selectors as topics

from .schemas import ArticleParams

# What a slug can hold (Django's unicode slugs, taggit's): any other value names nothing,
# and is never sent to the database (PostgreSQL refuses NUL characters, for one).
SLUG = re.compile(r"[-\w]+")


def in_language(pages: PageQuerySet, language: str | None) -> PageQuerySet:
    if language is None:
        return pages
    return pages.filter(locale__in=Locale.objects.filter(language_code=language))


def language_codes() -> dict[int, str]:
    return dict(Locale.objects.values_list("pk", "language_code"))


def _named(slug: str | None) -> bool:
    return slug is None or SLUG.fullmatch(slug) is not None


def articles_matching(params: ArticleParams) -> ArticleQuerySet:
    language = params.language.value if params.language else None
    found = in_language(visible(ArticlePage.objects.all()), language)
    if not all(_named(s) for s in (params.section, params.topic, params.tag, params.author)):
        return found.none()
    if params.section:
        sections = in_language(visible(articles.live_sections(params.section)), language)
        found = articles.filed_in_sections(found, list(sections))
    if params.topic:
        topic_pages = in_language(visible(topics.topics().filter(slug=params.topic)), language)
        found = topics.filed_under(found, topic_pages)
    if params.tag:
        found = articles.tagged_with_slug(found, params.tag)
    if params.author:
        found = articles.by_author_slug(found, params.author)
    if params.published_after:
        found = found.filter(published_at__gte=params.published_after)
    if params.published_before:
        found = found.filter(published_at__lt=params.published_before)
    return found


def article_details(found: ArticleQuerySet, image_filters: list[str]) -> ArticleQuerySet:
    described = articles.with_details(found, image_filters)
    return topics.with_topics(described, shown=visible(topics.topics()))


def topics_in(language: str | None, image_filters: list[str]) -> PageQuerySet:
    return topics.with_picture(in_language(visible(topics.topics()), language), image_filters)


def authors_in(language: str | None, image_filters: list[str]) -> QuerySet[Person]:
    found = people.people()
    if language is not None:
        found = articles.people_who_wrote(in_language(visible(ArticlePage.objects.all()), language))
    return people.with_photo(found, image_filters)


def tags_in(language: str | None) -> QuerySet[Tag]:
    """Tags of visible articles only: a tag used only on drafts may give a story away."""
    return articles.tags_used_by(in_language(visible(ArticlePage.objects.all()), language))


def galleries_in(language: str | None, image_filters: list[str]) -> PageQuerySet:
    return gallery.with_cover(in_language(visible(gallery.galleries()), language), image_filters)


def films_in(language: str | None, image_filters: list[str]) -> PageQuerySet:
    return gallery.with_cover(in_language(visible(gallery.films()), language), image_filters)
