"""Reads of people that the apps above this one need (the public content API)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch, QuerySet
from wagtail.images.models import Image

from .models import Person


def people() -> QuerySet[Person]:
    return Person.objects.all()


def with_photo(people: QuerySet[Person], image_filters: Sequence[str]) -> QuerySet[Person]:
    return people.prefetch_related(
        Prefetch("photo", queryset=Image.objects.prefetch_renditions(*image_filters))
    )
