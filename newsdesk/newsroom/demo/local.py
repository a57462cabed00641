"""The Arabic and Persian sites of the demo: each a whole newsroom in its own language.

Home, sections, In Focus and its topics, the Gallery and its galleries are translations
of the English pages (Wagtail's copy_for_translation, so they share a translation_key and
the language switcher finds them), rewritten in the language before they are published.
Articles are written by local_text.LocalWriter; a share of them are linked as
translations of English stories of the same kind and topic.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime
from typing import Any

from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Locale, Page

from newsdesk.gallery.models import GalleryIndexPage, PhotoGalleryPage
from newsdesk.home.models import HomePage
from newsdesk.newsroom.translation import relink
from newsdesk.people.models import Person
from newsdesk.topics.models import ArticleTopic, TopicIndexPage, TopicPage

from . import images
from .builder import SLUG_LENGTH, ArticleBuilder, Log
from .curation import curate
from .local_comments import build_local_comments
from .local_text import LocalWriter, local_digits, person_name
from .structure import Newsroom
from .tongues import TONGUES, LocalTopic, Tongue

# Of the English stories, how many each language has, and what share of its own are
# linked as translations of an English story.
ARTICLE_SHARE = 0.25
MIN_ARTICLES = 30
TRANSLATED_SHARE = 0.3
AUTHORS = 8
TRANSLATED_GALLERIES = 2


def local_article_count(english: int) -> int:
    return max(int(english * ARTICLE_SHARE), min(english, MIN_ARTICLES))


def build_languages(english: Newsroom, count: int, seed: int, now: datetime, log: Log) -> None:
    for tongue in TONGUES:
        rng = random.Random(f"{seed}:{tongue.code}")
        newsroom = build_local_structure(english, tongue, rng)
        LocalArticleBuilder(newsroom, rng, now, tongue).build(local_article_count(count), log)
        # Its sections were added through other copies of the home page: the tree counts
        # they changed must not be overwritten by this older copy when curation saves it.
        newsroom.home.refresh_from_db()
        curate(newsroom.home, newsroom.topics, rng, now)
        build_local_gallery(english.home, newsroom.home, tongue, rng)
        comments = build_local_comments(tongue, rng, now)
        log(
            f"Built the {tongue.code} site: home, sections, topics, gallery, articles and "
            f"{comments} readers' comments."
        )


def build_local_structure(english: Newsroom, tongue: Tongue, rng: random.Random) -> Newsroom:
    locale = Locale.objects.get(language_code=tongue.code)
    home = translate(
        english.home,
        locale,
        title=tongue.site_name,
        site_name=tongue.site_name,
        tagline=tongue.tagline,
    )
    home.editors_choice = []
    home.in_focus = []
    home.save()
    sections = {}
    for kind, page in english.sections.items():
        title, introduction = tongue.sections[kind]
        sections[kind] = publish(translate(page, locale, title=title, introduction=introduction))
    topics = _local_topics(english, tongue, locale)
    people = _people(tongue, rng)
    columnist = {tongue.roles_men[-1], tongue.roles_women[-1]}
    return Newsroom(
        home=home,
        sections=sections,
        topics=topics,
        pictures=english.pictures,
        reporters=[p for p in people if p.role not in columnist],
        columnists=[p for p in people if p.role in columnist],
        tag_ids=_tags(tongue),
    )


def translate(page: Page, locale: Locale, **fields: Any) -> Any:
    """A copy of `page` in `locale`, linked to it, with its text replaced by `fields`;
    saved as a draft (nothing is live until it is published in its own words)."""
    copy = page.specific.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.draft_title = copy.title
    if "title" in fields and not isinstance(copy, HomePage):
        # Its address in its own language (/ar/أخبار/), not the English page's slug.
        copy.slug = own_slug(copy.title)
    copy.save()
    return copy


def own_slug(title: str) -> str:
    """A slug in the title's own letters (Wagtail allows Unicode slugs)."""
    return slugify(title, allow_unicode=True)[:SLUG_LENGTH].rstrip("-")


def publish(page: Any) -> Any:
    page.save_revision().publish()
    return page


def _local_topics(english: Newsroom, tongue: Tongue, locale: Locale) -> list[TopicPage]:
    index = TopicIndexPage.objects.get(pk=english.topics[0].get_parent().pk)
    title, _slug, introduction = tongue.topic_index
    publish(translate(index, locale, title=title, introduction=introduction))
    by_title = {page.title: page for page in english.topics}
    topics = []
    for topic in tongue.topics:
        page = translate(by_title[topic.english], locale, title=topic.title)
        page.description = topic.description
        page.hero_alt = tongue.alt[topic.scene]
        page.pinned = []  # curation pins this language's own stories
        page.save()
        topics.append(page)
    return topics


def _people(tongue: Tongue, rng: random.Random) -> list[Person]:
    people: list[Person] = []
    for number in range(AUTHORS):
        woman = number % 2 == 1
        name = person_name(tongue, rng, woman=woman)
        while any(p.name == name for p in people):
            name = person_name(tongue, rng, woman=woman)
        roles = tongue.roles_women if woman else tongue.roles_men
        role = roles[number // 2 % len(roles)]
        topic = rng.choice(tongue.topics)
        bio = (tongue.bio_woman if woman else tongue.bio_man).format(
            name=name,
            year=local_digits(
                tongue, str(rng.randint(2008, 2024) - (621 if tongue.code == "fa" else 0))
            ),
            beat=topic.issues[0],
            capital=rng.choice(tongue.places).capital,
        )
        person, _created = Person.objects.update_or_create(
            slug=slugify(name, allow_unicode=True),
            defaults={"name": name, "role": role, "bio": bio},
        )
        people.append(person)
    return people


def _tags(tongue: Tongue) -> dict[str, int]:
    names = [tag for topic in tongue.topics for tag in topic.tags]
    for place in tongue.places:
        names += [place.country, place.capital, *place.cities]
    ids = {}
    for name in dict.fromkeys(names):
        tag, _created = Tag.objects.get_or_create(
            name=name, defaults={"slug": slugify(name, allow_unicode=True)}
        )
        ids[name] = tag.pk
    return ids


class LocalArticleBuilder(ArticleBuilder):
    """ArticleBuilder in another language, linking a share of its stories to English ones."""

    def __init__(
        self, newsroom: Newsroom, rng: random.Random, now: datetime, tongue: Tongue
    ) -> None:
        super().__init__(newsroom, rng, now, LocalWriter(tongue, rng), tongue.topics)
        self.tongue = tongue
        self.credit = tongue.credit
        self.english = _english_stories(tongue.topics, rng)

    def _alt(self, picture: images.Picture, topic: LocalTopic) -> str:
        return self.tongue.alt[topic.scene]

    def _pick(self) -> tuple[str, list[Any], uuid.UUID | None]:
        if self.english and self.rng.random() < TRANSLATED_SHARE:
            key, kind, topic = self.english.pop()
            return kind, [topic], key
        return super()._pick()


def _english_stories(
    topics: tuple[LocalTopic, ...], rng: random.Random
) -> list[tuple[uuid.UUID, str, LocalTopic]]:
    """English stories on this language's topics: what its linked stories translate."""
    by_english = {topic.english: topic for topic in topics}
    english = Locale.objects.get(language_code="en")
    rows = (
        ArticleTopic.objects.filter(
            sort_order=0,
            topic__title__in=list(by_english),
            topic__locale=english,
        )
        .order_by("article_id")
        .values_list("article__translation_key", "article__kind", "topic__title")
    )
    stories = [(key, kind, by_english[title]) for key, kind, title in rows]
    rng.shuffle(stories)
    return stories


def build_local_gallery(
    english_home: HomePage, home: HomePage, tongue: Tongue, rng: random.Random
) -> None:
    index = GalleryIndexPage.objects.child_of(english_home).first()
    if index is None:
        return
    title, introduction = tongue.gallery
    publish(translate(index, home.locale, title=title, introduction=introduction))
    galleries = PhotoGalleryPage.objects.child_of(index).order_by("path")
    for source, (name, summary) in zip(
        galleries[:TRANSLATED_GALLERIES], tongue.galleries, strict=False
    ):
        page = translate(source, home.locale, title=name, summary=summary)
        total = page.items.count()
        for number, item in enumerate(page.items.all(), start=1):
            item.alt_text = tongue.alt.get(_scene_of(source), item.alt_text)
            item.caption = tongue.picture_caption.format(
                summary=summary,
                n=local_digits(tongue, str(number)),
                total=local_digits(tongue, str(total)),
            )
            item.credit = tongue.credit
            item.usage_terms = ""
            item.save()
        page.cover_alt = tongue.alt.get(_scene_of(source), page.cover_alt)
        relink(page)
        page.save()
        publish(page)


def _scene_of(gallery: PhotoGalleryPage) -> str:
    """The scene its pictures show: the demo names picture files after their scene."""
    cover = gallery.cover
    name = cover.file.name.rsplit("/", 1)[-1] if cover else ""
    return name.split(".", 1)[0].split("_", 1)[0]
