"""The demo's Gallery: photo essays of generated pictures, a film we host (drawn and
encoded by video.py, with a poster and captions) and external films behind the facade.
"""

from __future__ import annotations

import random

from django.core.files.base import ContentFile
from django.utils.text import slugify

from newsdesk.articles.models import ArticlePage
from newsdesk.gallery.models import (
    ArticleLink,
    FilmArticleLink,
    FilmPage,
    FilmTopicLink,
    GalleryArticleLink,
    GalleryIndexPage,
    GalleryItem,
    GalleryTopicLink,
    PhotoGalleryPage,
    TopicLink,
)
from newsdesk.home.models import HomePage
from newsdesk.topics.models import ArticleTopic, TopicPage

from . import images, video
from .world import TOPICS

PICTURES_PER_GALLERY = 6
INTRODUCTION = "Photo essays and films from our correspondents across the region."
CREDITS = ("Photo: Mina Rahimi / newsdesk", "Photo: Omar Haddad / newsdesk", images.CREDIT)
USAGE_TERMS = "Editorial use only. Not for resale."
GALLERIES = (
    ("Life along the drying river", "dunes", "Farmers and fishermen adapt as the water recedes."),
    ("A night at the port", "port", "Dock workers keep the cranes moving until dawn."),
    ("The city after the heatwave", "skyline", "Streets, rooftops and shade in a hotter summer."),
    ("Wind on the ridge", "turbines", "A new wind farm rises above the villages."),
)
FILMS = (
    (
        "Voices from the delta",
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        "fields",
        596,
        "Fishing families on what the river gives and takes.",
    ),
    (
        "Building the new metro",
        "https://vimeo.com/1084537",
        "skyline",
        597,
        "Engineers and passengers on the line that opened this spring.",
    ),
)

# The film we host: title, scene, caption lines (shared out over its few seconds), summary.
HOSTED_FILM = (
    "Morning over the wind farm",
    "turbines",
    ("A bird crosses the ridge at first light.", "The turbines turn above the villages."),
    "A few seconds of morning on the ridge, filmed for the opening of the wind farm.",
)


def build_gallery(home: HomePage, topics: list[TopicPage], rng: random.Random) -> None:
    index = GalleryIndexPage(
        title="Gallery", slug="gallery", introduction=INTRODUCTION, show_in_menus=True
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    by_scene = {topic.scene: page for topic, page in zip(TOPICS, topics, strict=True)}
    for title, scene, summary in GALLERIES:
        _photo_gallery(index, title, scene, summary, by_scene.get(scene), rng)
    title, scene, lines, summary = HOSTED_FILM
    _hosted_film(index, title, scene, lines, summary, by_scene.get(scene), rng)
    for title, url, scene, seconds, summary in FILMS:
        _film(index, title, url, scene, seconds, summary, by_scene.get(scene), rng)


def _photo_gallery(
    index: GalleryIndexPage,
    title: str,
    scene: str,
    summary: str,
    topic: TopicPage | None,
    rng: random.Random,
) -> None:
    gallery = PhotoGalleryPage(title=title, slug=slugify(title), summary=summary)
    for position in range(PICTURES_PER_GALLERY):
        canvas, alt = images.paint_scene(scene, rng)
        image = images.save_image(canvas, f"{title} {position + 1}", f"{scene}.jpg")
        if position == 0:
            gallery.cover, gallery.cover_alt = image, alt
        gallery.items.add(
            GalleryItem(
                image=image,
                alt_text=alt,
                caption=f"{summary} Picture {position + 1} of {PICTURES_PER_GALLERY}.",
                credit=rng.choice(CREDITS),
                usage_terms=USAGE_TERMS if position % 2 == 0 else "",
                sort_order=position,
            )
        )
    _link(gallery, topic, GalleryArticleLink, GalleryTopicLink)
    index.add_child(instance=gallery)
    gallery.save_revision().publish()


def _film(
    index: GalleryIndexPage,
    title: str,
    url: str,
    scene: str,
    seconds: int,
    summary: str,
    topic: TopicPage | None,
    rng: random.Random,
) -> None:
    canvas, alt = images.paint_scene(scene, rng)
    poster = images.save_image(canvas, f"Poster: {title}", f"{scene}.jpg")
    film = FilmPage(
        title=title,
        slug=slugify(title),
        summary=summary,
        external_url=url,
        cover=poster,
        cover_alt=alt,
        duration_seconds=seconds,
        caption=summary,
        credit="Video: newsdesk",
        description=f"{summary}\n\nFilmed over three weeks by our team in the region.",
    )
    _link(film, topic, FilmArticleLink, FilmTopicLink)
    index.add_child(instance=film)
    film.save_revision().publish()


def _hosted_film(
    index: GalleryIndexPage,
    title: str,
    scene: str,
    lines: tuple[str, ...],
    summary: str,
    topic: TopicPage | None,
    rng: random.Random,
) -> None:
    made = video.make_film(title, scene, lines, rng)
    slug = slugify(title)
    film = FilmPage(
        title=title,
        slug=slug,
        summary=summary,
        video_file=ContentFile(made.video, name=f"{slug}.webm"),
        captions_file=ContentFile(made.captions.encode(), name=f"{slug}.vtt"),
        cover=images.save_image(made.poster, f"Poster: {title}", f"{slug}.jpg"),
        cover_alt=made.alt,
        duration_seconds=made.seconds,
        caption=summary,
        credit="Video: newsdesk demo",
        description=f"{summary}\n\nDrawn and encoded by the demo generator.",
    )
    _link(film, topic, FilmArticleLink, FilmTopicLink)
    index.add_child(instance=film)
    film.save_revision().publish()


def _link(
    page: PhotoGalleryPage | FilmPage,
    topic: TopicPage | None,
    article_link: type[ArticleLink],
    topic_link: type[TopicLink],
) -> None:
    """File the page under its topic, with the topic's two newest articles to read next."""
    if topic is None:
        return
    page.topic_links.add(topic_link(topic=topic, sort_order=0))
    newest = (
        ArticleTopic.objects.filter(topic=topic)
        .order_by("-article__published_at")
        .values_list("article_id", flat=True)[:2]
    )
    for position, article in enumerate(ArticlePage.objects.filter(pk__in=list(newest))):
        page.article_links.add(article_link(article=article, sort_order=position))
