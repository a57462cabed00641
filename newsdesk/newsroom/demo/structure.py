"""The small part of the demo site, built the way an editor would: home, sections, topics,
people, tags and pictures. These are few, so they go through Wagtail's normal API."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from typing import TypeVar

from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page, Site

from newsdesk.articles.models import SectionPage
from newsdesk.home.models import HomePage
from newsdesk.people.models import Person
from newsdesk.topics.models import TopicIndexPage, TopicPage

from . import images, text
from .world import (
    AUTHOR_ROLES,
    COUNTRIES,
    GENERAL_TAGS,
    NEWSROOM_REGIONS,
    SECTIONS,
    TOPICS,
)

PageT = TypeVar("PageT", bound=Page)

TAGLINE = "Independent news and analysis from a region on the move"
TOPIC_INDEX_INTRO = (
    "The stories we follow over months and years. Each dossier explains the background "
    "and collects our reporting, analysis and interviews on one subject."
)
PICTURE_COUNT = 40
AUTHOR_COUNT = 24
OPINION_ROLES = ("Opinion contributor", "Contributing writer")


@dataclass(frozen=True)
class Newsroom:
    """Everything the bulk article builder files stories under or attaches to them."""

    home: HomePage
    sections: dict[str, SectionPage]  # by article kind
    topics: list[TopicPage]  # in the order of world.TOPICS
    pictures: dict[str, list[images.Picture]]  # by scene
    reporters: list[Person]
    columnists: list[Person]
    tag_ids: dict[str, int]  # by tag name


def build_structure(rng: random.Random, site_name: str) -> Newsroom:
    home = replace_welcome_page(site_name)
    pictures = make_pictures(rng)
    people = make_people(rng)
    return Newsroom(
        home=home,
        sections=make_sections(home),
        topics=make_topics(home, pictures, rng),
        pictures=pictures,
        reporters=[p for p in people if p.role not in OPINION_ROLES],
        columnists=[p for p in people if p.role in OPINION_ROLES],
        tag_ids=make_tags(),
    )


def replace_welcome_page(site_name: str) -> HomePage:
    """Swap Wagtail's "Welcome" page for our home page and point the default site at it."""
    root = Page.get_first_root_node()
    welcome_pages = list(root.get_children().exact_type(Page))
    # Sites cascade-delete with their root page: detach them before the welcome page goes,
    # then the home page can take its slug "home".
    Site.objects.filter(root_page__in=welcome_pages).delete()
    for page in welcome_pages:
        page.delete()
    root.refresh_from_db()
    # Live but not yet published as a revision: curation publishes it once, with its picks.
    home = root.add_child(instance=HomePage(title=site_name, slug="home", tagline=TAGLINE))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": site_name},
    )
    return home


def make_sections(home: HomePage) -> dict[str, SectionPage]:
    sections = {}
    for kind, title, introduction in SECTIONS:
        page = SectionPage(
            title=title,
            slug=slugify(title),
            introduction=introduction,
            show_in_menus=True,
            default_kind=kind,
        )
        sections[kind] = _publish(home, page)
    return sections


def make_topics(
    home: HomePage, pictures: dict[str, list[images.Picture]], rng: random.Random
) -> list[TopicPage]:
    index = _publish(
        home,
        TopicIndexPage(
            title="In Focus", slug="in-focus", introduction=TOPIC_INDEX_INTRO, show_in_menus=True
        ),
    )
    topics = []
    for topic in TOPICS:
        picture = rng.choice(pictures[topic.scene])
        page = TopicPage(
            title=topic.title,
            slug=slugify(topic.title),
            description=topic.description,
            hero_image=picture.image,
            hero_alt=picture.alt,
        )
        # Published by curation, together with the articles pinned to it.
        topics.append(index.add_child(instance=page))
    return topics


def _publish(parent: Page, page: PageT) -> PageT:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_pictures(rng: random.Random) -> dict[str, list[images.Picture]]:
    """~40 scenes, a few of each kind, so every topic has pictures that suit it."""
    pictures: dict[str, list[images.Picture]] = defaultdict(list)
    scenes = list(images.SCENES)
    for number in range(PICTURE_COUNT):
        scene = scenes[number % len(scenes)]
        canvas, alt = images.paint_scene(scene, rng)
        image = images.save_image(
            canvas, f"Demo illustration {number + 1}: {scene}", f"{scene}.jpg"
        )
        pictures[scene].append(images.Picture(image=image, alt=alt))
    return dict(pictures)


def make_people(rng: random.Random) -> list[Person]:
    people = []
    names = _unique_names(rng, AUTHOR_COUNT)
    for number, name in enumerate(names):
        role = AUTHOR_ROLES[number % len(AUTHOR_ROLES)].format(region=rng.choice(NEWSROOM_REGIONS))
        photo = None
        if rng.random() < 0.7:
            photo = images.save_image(
                images.paint_portrait(rng), f"Portrait: {name}", f"{slugify(name)}.jpg"
            )
        person, _created = Person.objects.update_or_create(
            slug=slugify(name),
            defaults={"name": name, "role": role, "bio": _bio(rng, name), "photo": photo},
        )
        people.append(person)
    return people


def _unique_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = text.person_name(rng)
        if all(slugify(name) != slugify(other) for other in names):
            names.append(name)
    return names


def _bio(rng: random.Random, name: str) -> str:
    first = name.split(" ", 1)[0]
    country = rng.choice(COUNTRIES)
    beats = rng.sample(TOPICS, 2)
    return (
        f"{name} joined the newsroom in {rng.randint(2008, 2024)}. {first} has reported on "
        f"{beats[0].title.lower()} and {beats[1].title.lower()} for {rng.randint(4, 25)} years, "
        f"most of them from {country.capital} and {rng.choice(country.cities)}, and "
        f"speaks {rng.choice(('three', 'four', 'two'))} of the region's languages."
    )


def make_tags() -> dict[str, int]:
    names = [*(tag for topic in TOPICS for tag in topic.tags), *GENERAL_TAGS]
    for country in COUNTRIES:
        names += [country.name, country.capital, *country.cities]
    ids: dict[str, int] = {}
    for name in dict.fromkeys(names):  # keeps the order, drops repeats
        tag, _created = Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
        ids[name] = tag.pk
    return ids
