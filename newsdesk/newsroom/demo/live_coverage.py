"""The demo's live coverage: one running live page per language, its entries written by
the demo's own generators (the same writers as its articles), by several reporters, with
a pinned entry, a picture, a quote, a map event and a corrected entry."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.utils.text import slugify
from wagtail.models import Page

from newsdesk.articles.models import ArticleAuthor, ArticlePage, SectionPage
from newsdesk.live.models import LiveEntry, LivePage
from newsdesk.maps.models import Event
from newsdesk.people.models import Person

from .local_text import LocalWriter
from .text import NewsWriter
from .tongues import TONGUES
from .world import TOPICS

ENTRIES = 9
MINUTES_APART = 14
# Older than the newest stories, so that "the newest story" stays an ordinary article.
STARTED_HOURS_AGO = 3
CORRECTIONS = {
    "en": "An earlier version of this entry gave the wrong number of people.",
    "ar": "ذكرت نسخة سابقة من هذا التحديث عددا خاطئا من الأشخاص.",
    "fa": "در نسخهٔ پیشین این به‌روزرسانی، شمار افراد نادرست آمده بود.",
}


def cover_live(rng: random.Random, now: datetime) -> None:
    writers: dict[str, tuple[Any, Any]] = {"en": (NewsWriter(rng), TOPICS[0])}
    for tongue in TONGUES:
        writers[tongue.code] = (LocalWriter(tongue, rng), tongue.topics[0])
    for code, (writer, topic) in writers.items():
        section = (
            SectionPage.objects.filter(locale__language_code=code, default_kind="news")
            .order_by("path")
            .first()
        )
        if section is not None:
            _live_page(code, section, writer, topic, rng, now)


def _live_page(
    code: str,
    section: SectionPage,
    writer: Any,
    topic: Any,
    rng: random.Random,
    now: datetime,
) -> None:
    story = writer.article("news", topic)
    reporters = _reporters(section, rng)
    if not reporters:
        return
    source = (
        ArticlePage.objects.filter(locale_id=section.locale_id, hero_image__isnull=False)
        .order_by("-published_at")
        .first()
    )
    started = now - timedelta(hours=STARTED_HOURS_AGO)
    page = LivePage(
        title=story.title,
        slug=_slug(section, story.title),
        kind="news",
        kicker=story.kicker,
        lead=story.lead,
        dateline=story.dateline,
        published_at=started,
        coverage_started_at=started,
        comments_open=False,
        hero_image_id=source.hero_image_id if source else None,
        hero_alt=source.hero_alt if source else "",
        hero_caption=story.caption,
        hero_credit=source.hero_credit if source else "",
        body=story.body,
    )
    for position, person in enumerate(reporters[:2]):
        page.authors.add(ArticleAuthor(person=person, sort_order=position))
    if source is not None:
        page.tags.add(*source.tags.all())
        topic_link = ArticlePage.topic_links.rel.related_model
        for link in source.topic_links.order_by("sort_order"):
            page.topic_links.add(topic_link(topic_id=link.topic_id, sort_order=link.sort_order))
    section.add_child(instance=page)
    page.save_revision().publish()

    event = Event.objects.filter(status=Event.Status.VERIFIED).order_by("-occurred_at").first()
    entries = []
    for n in range(ENTRIES):
        text = writer.article("news", topic)
        entry = LiveEntry(
            live_page=page,
            posted_at=started + timedelta(minutes=MINUTES_APART * (n + 1)),
            author=reporters[n % len(reporters)],
            headline=text.title if n % 3 == 0 else "",
            text=f"<p>{text.lead}</p>",
            pinned=n == 0,
        )
        if n == 2 and source is not None:
            entry.image_id, entry.image_alt = source.hero_image_id, source.hero_alt
            entry.image_caption = text.caption
        if n == 4:
            entry.quote, entry.quote_source = writer.article("news", topic).lead, reporters[0].name
        if n == 5 and event is not None:
            entry.event = event
        if n == 6:
            entry.correction = CORRECTIONS[code]
        entries.append(entry)
    for entry in entries:
        entry.save()


def _reporters(section: SectionPage, rng: random.Random) -> list[Person]:
    """Who wrote this language's latest news: the live page's writers."""
    ids = list(
        ArticleAuthor.objects.filter(article__locale_id=section.locale_id)
        .order_by("-article__published_at")
        .values_list("person_id", flat=True)[:40]
    )
    chosen = list(dict.fromkeys(ids))[:4]
    return list(Person.objects.filter(pk__in=chosen).order_by("pk"))


def _slug(section: Page, title: str) -> str:
    base = (slugify(title) or slugify(title, allow_unicode=True))[:60].rstrip("-") or "live"
    taken = set(section.get_children().values_list("slug", flat=True))
    slug, number = f"live-{base}", 1
    while slug in taken:
        number += 1
        slug = f"live-{base}-{number}"
    return slug
