"""Reads of In Focus topics that the apps above this one need (the public content API)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Prefetch
from wagtail.images.models import Image
from wagtail.query import PageQuerySet

from newsdesk.articles.models import ArticleQuerySet

from .models import LISTED as LISTED  # the tag, for the apps above (site search)
from .models import ArticleTopic, TopicPage


def topics() -> PageQuerySet:
    return TopicPage.objects.all()


def with_picture(topics: PageQuerySet, image_filters: Sequence[str]) -> PageQuerySet:
    return topics.prefetch_related(
        Prefetch("hero_image", queryset=Image.objects.prefetch_renditions(*image_filters))
    )


def with_topics(articles: ArticleQuerySet, shown: PageQuerySet) -> ArticleQuerySet:
    """Each article's topics among `shown` (e.g. the live ones), main topic first, all
    articles' in one query."""
    links = (
        ArticleTopic.objects.filter(topic__in=shown)
        .select_related("topic")
        .order_by("sort_order", "pk")
    )
    return articles.prefetch_related(Prefetch("topic_links", queryset=links))


def filed_under(articles: ArticleQuerySet, topics: PageQuerySet) -> ArticleQuerySet:
    return articles.filter(
        pk__in=ArticleTopic.objects.filter(topic__in=topics).values("article_id")
    )
