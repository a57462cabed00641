"""Reads other parts of the site need: the latest galleries and films, a topic's ones."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch
from wagtail.images.models import Image
from wagtail.query import PageQuerySet

from newsdesk.core import fragments, visibility

from .models import FilmPage, PhotoGalleryPage

# Shown by every list of galleries or films; given a new version whenever one of them is
# published, unpublished or deleted (apps.py).
LATEST = "gallery:latest"


def latest_galleries(locale_id: int, count: int = 4) -> list[PhotoGalleryPage]:
    """The newest photo galleries in one language (that of the page showing them)."""
    fragments.shows(LATEST)
    galleries = visibility.visible(PhotoGalleryPage.objects.all(), locale_id).cards()
    return list(galleries.order_by("-published_at")[:count])


def latest_films(locale_id: int, count: int = 4) -> list[FilmPage]:
    fragments.shows(LATEST)
    films = visibility.visible(FilmPage.objects.all(), locale_id).cards()
    return list(films.order_by("-published_at")[:count])


def for_topic(topic_id: int, count: int = 4) -> tuple[list[PhotoGalleryPage], list[FilmPage]]:
    """The newest galleries and films filed under an In Focus topic."""
    fragments.shows(LATEST)
    galleries = (
        visibility.visible(PhotoGalleryPage.objects.filter(topic_links__topic_id=topic_id))
        .cards()
        .order_by("-published_at")[:count]
    )
    films = (
        visibility.visible(FilmPage.objects.filter(topic_links__topic_id=topic_id))
        .cards()
        .order_by("-published_at")[:count]
    )
    return list(galleries), list(films)


def galleries() -> PageQuerySet:
    return PhotoGalleryPage.objects.all()


def films() -> PageQuerySet:
    return FilmPage.objects.all()


def with_cover(pages: PageQuerySet, image_filters: Sequence[str]) -> PageQuerySet:
    """Galleries or films with their cover picture and its renditions: two queries."""
    return pages.prefetch_related(
        Prefetch("cover", queryset=Image.objects.prefetch_renditions(*image_filters))
    )
