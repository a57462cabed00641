"""Translations of pages: what a new copy in another language points at.

Wagtail's copy_for_translation copies a page with everything it links to: hand-picked
related articles, topics, Editor's Choice, a gallery's stories. Left alone, an Arabic copy
would send readers to English pages. `relink` points each such link at the linked page's
translation in the copy's language, and drops the links that have none. Tags are shared by
every language: `localize_tags` gives the copy each tag's version in its language where
editors linked one (a TagTranslation: "Syria" is «سوريا» in Arabic), keeps a tag that its
language already uses, and drops the rest, so no tag written in another language lands on
it.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.models import Page

from newsdesk.articles import selectors as articles


def relink(page: Page) -> None:
    """Point the links held in `page`'s child rows at their translations (unsaved)."""
    page = page.specific
    for relation in _child_relations(page):
        manager = getattr(page, relation.get_accessor_name())
        kept = []
        for child in manager.all():
            if _relink_child(child, page.locale_id):
                kept.append(child)
        setattr(page, relation.get_accessor_name(), kept)


def _child_relations(page: Page) -> list[Any]:
    return [
        relation
        for relation in page._meta.related_objects
        if isinstance(relation.remote_field, ParentalKey)
        and not issubclass(relation.related_model, TaggedItemBase)
    ]


def _relink_child(child: models.Model, locale_id: int) -> bool:
    """Whether the child row stays: every page it links to has a translation here."""
    for field in child._meta.concrete_fields:
        if isinstance(field, ParentalKey) or not isinstance(field, models.ForeignKey):
            continue
        model = field.related_model
        if not (isinstance(model, type) and issubclass(model, Page)):
            continue
        target = getattr(child, field.name)
        if target is None or target.locale_id == locale_id:
            continue
        translated = (
            Page.objects.filter(translation_key=target.translation_key, locale_id=locale_id)
            .specific()
            .first()
        )
        if not isinstance(translated, model):
            return False
        setattr(child, field.name, translated)
    return True


def localize_tags(page: Page) -> None:
    """Give `page` (a copy in its language) each of its tags' version in that language:
    the linked version where there is one, else the tag itself if another page of the
    language uses it; a tag with neither is dropped (unsaved)."""
    tags = getattr(page, "tags", None)
    through = getattr(type(page), "tagged_items", None)
    if tags is None or through is None:
        return
    current = list(tags.all())
    versions = articles.tag_counterparts((tag.pk for tag in current), page.locale_id)
    model = through.rel.related_model
    unlinked = [tag.pk for tag in current if tag.pk not in versions]
    used_here = set(
        model.objects.filter(content_object__locale_id=page.locale_id, tag_id__in=unlinked)
        .exclude(content_object_id=page.pk)
        .values_list("tag_id", flat=True)
        .distinct()
    )
    chosen: dict[int, Any] = {}
    for tag in current:
        version = versions.get(tag.pk) or (tag if tag.pk in used_here else None)
        if version is not None:
            chosen.setdefault(version.pk, version)
    tags.set(list(chosen.values()))


def translation_started(sender: type, source_obj: Any, target_obj: Any, **kwargs: Any) -> None:
    """A copy for translation was made (the admin's Translate, or code): it links to its
    own language's pages, and it stays a draft until an editor publishes it in its own
    words: Wagtail copies it unpublished, and nothing here publishes it."""
    if not isinstance(target_obj, Page):
        return
    page = target_obj.specific
    relink(page)
    localize_tags(page)
    page.save(update_fields=None)
