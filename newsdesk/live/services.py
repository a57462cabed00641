"""Writes of live coverage that touch more than one row: ending it with a summary."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import slugify

from newsdesk.articles.models import ArticleAuthor, ArticlePage

from .models import LivePage

SLUG_LENGTH = 80


@transaction.atomic
def end_coverage(
    live: LivePage,
    *,
    title: str,
    lead: str,
    text: str,
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> ArticlePage:
    """Publish the summary as an ordinary article beside the live page (same section,
    language, byline, picture, tags and topics), and the live page's end, which links
    to it. Both go through publishing: their tags are invalidated as any publication's."""
    live = LivePage.objects.select_for_update().get(pk=live.pk)
    section = live.get_parent()
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    summary = ArticlePage(
        title=title,
        slug=_free_slug(section, title),
        lead=lead,
        kind=live.kind,
        kicker=live.kicker,
        dateline=live.dateline,
        hero_image_id=live.hero_image_id,
        hero_alt=live.hero_alt,
        hero_caption=live.hero_caption,
        hero_credit=live.hero_credit,
        body=[{"type": "paragraph", "value": linebreaks(escape(part))} for part in paragraphs],
    )
    for link in live.authors.order_by("sort_order"):
        summary.authors.add(ArticleAuthor(person_id=link.person_id, sort_order=link.sort_order))
    summary.tags.add(*live.tags.all())
    topic_link = ArticlePage.topic_links.rel.related_model
    for link in live.topic_links.order_by("sort_order"):
        summary.topic_links.add(topic_link(topic_id=link.topic_id, sort_order=link.sort_order))
    section.add_child(instance=summary)
    who = user if isinstance(user, AbstractBaseUser) else None
    summary.save_revision(user=who).publish(user=who)

    live.coverage_ended_at = timezone.now()
    live.summary = summary
    live.save_revision(user=who).publish(user=who)
    return summary


def _free_slug(section: object, title: str) -> str:
    base = (slugify(title) or slugify(title, allow_unicode=True) or "summary")[:SLUG_LENGTH]
    base = base.rstrip("-") or "summary"
    taken = set(section.get_children().values_list("slug", flat=True))  # type: ignore[attr-defined]
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
