"""Reads of articles that the apps above this one need (the public content API)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q, QuerySet
from taggit.models import Tag
from wagtail.images.models import Image
from wagtail.models import Page
from wagtail.query import PageQuerySet

from newsdesk.core import visibility
from newsdesk.people.models import Person

from . import notes
from .models import (
    ArticleAuthor,
    ArticleNote,
    ArticlePage,
    ArticleQuerySet,
    ArticleTag,
    SectionPage,
    TagVersion,
)

# What a link to a corrected article needs (its title and address).
NOTE_ARTICLE_FIELDS = ("id", "path", "depth", "url_path", "slug", "title", "locale_id")


def with_details(articles: ArticleQuerySet, image_filters: Sequence[str]) -> ArticleQuerySet:
    """Authors, tags and the main picture with the renditions `image_filters`, each in one
    query however many articles there are."""
    return articles.prefetch_related(
        Prefetch(
            "authors",
            queryset=ArticleAuthor.objects.select_related("person").order_by("sort_order"),
        ),
        Prefetch(
            "tagged_items",
            queryset=ArticleTag.objects.select_related("tag").order_by("tag__name", "tag_id"),
        ),
        Prefetch("hero_image", queryset=Image.objects.prefetch_renditions(*image_filters)),
    )


def sections_of(articles: Iterable[Page]) -> dict[str, SectionPage]:
    """Each article's section, by the section's tree path: one query."""
    paths = {article.path[: -Page.steplen] for article in articles}
    if not paths:
        return {}
    return {
        section.path: section
        for section in SectionPage.objects.filter(path__in=paths).only(
            "id", "path", "depth", "title", "slug", "url_path", "locale_id"
        )
    }


def filed_in_sections(articles: ArticleQuerySet, sections: Iterable[Page]) -> ArticleQuerySet:
    """Articles directly under any of `sections` (one section may exist in each language)."""
    placed = Q(pk__in=[])
    for section in sections:
        placed |= Q(path__startswith=section.path, depth=section.depth + 1)
    return articles.filter(placed)


def tagged_with_slug(articles: ArticleQuerySet, slug: str) -> ArticleQuerySet:
    links = ArticleTag.objects.filter(tag__slug=slug).values("content_object_id")
    return articles.filter(pk__in=links)


def by_author_slug(articles: ArticleQuerySet, slug: str) -> ArticleQuerySet:
    links = ArticleAuthor.objects.filter(person__slug=slug).values("article_id")
    return articles.filter(pk__in=links)


def live_sections(slug: str) -> PageQuerySet:
    return visibility.visible(SectionPage.objects.filter(slug=slug))


def tags_used_by(articles: ArticleQuerySet) -> QuerySet[Tag]:
    """Tags that at least one of `articles` carries."""
    return Tag.objects.filter(
        pk__in=ArticleTag.objects.filter(content_object__in=articles).values("tag_id")
    )


def people_who_wrote(articles: ArticleQuerySet) -> QuerySet[Person]:
    """People in the byline of at least one of `articles`."""
    return Person.objects.filter(
        pk__in=ArticleAuthor.objects.filter(article__in=articles).values("person_id")
    )


def corrections(locale_id: int) -> QuerySet[ArticleNote]:
    """The corrections and clarifications of the articles readers may see in a language,
    newest first, each with what its link needs."""
    shown = ArticlePage.objects.visible().in_locale(locale_id)
    return (
        ArticleNote.objects.filter(kind__in=notes.LISTED_KINDS, article__in=shown.values("pk"))
        .select_related("article")
        .only(
            "kind",
            "noted_at",
            "text",
            "article_id",
            *(f"article__{name}" for name in NOTE_ARTICLE_FIELDS),
        )
        .order_by("-noted_at", "-id")
    )


# Tags in other languages (TagTranslation) -------------------------------------------------


def tag_counterparts(tag_ids: Iterable[int], locale_id: int) -> dict[int, Tag]:
    """Of the tags `tag_ids`, those linked to a version in the language `locale_id`: each
    tag's id and that version (the tag itself when it is the version). One query."""
    ids = list(tag_ids)
    if not ids:
        return {}
    rows = (
        TagVersion.objects.filter(locale_id=locale_id, translation__versions__tag_id__in=ids)
        .annotate(source_id=F("translation__versions__tag_id"))
        .select_related("tag")
        .order_by("-translation_id")  # the first translation wins, should a tag be in two
    )
    return {row.source_id: row.tag for row in rows}


@dataclass(frozen=True)
class TagLanguages:
    """A tag's versions in other languages: each language's slug, and the translations
    they were read from (what to show, for kept copies)."""

    slugs: dict[str, str] = field(default_factory=dict)
    translation_ids: tuple[int, ...] = ()


def tag_languages(tag: Tag) -> TagLanguages:
    """The slug of `tag`'s version in each language it has one in. One query."""
    rows = (
        TagVersion.objects.filter(translation__versions__tag_id=tag.pk)
        .select_related("locale", "tag")
        .order_by("-translation_id")
        .distinct()
    )
    slugs: dict[str, str] = {}
    translations: set[int] = set()
    for row in rows:
        slugs[row.locale.language_code] = row.tag.slug
        translations.add(row.translation_id)
    return TagLanguages(slugs, tuple(sorted(translations)))
