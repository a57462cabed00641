"""What the feeds read from the content apps: the subject of a feed and its newest articles."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from taggit.models import Tag
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from newsdesk.articles.models import (
    CARD_FIELDS,
    LEAD_IMAGE_FILTER,
    ArticleNote,
    ArticlePage,
    ArticleQuerySet,
    ArticleTag,
    SectionPage,
)
from newsdesk.core import visibility
from newsdesk.gallery.models import FilmPage, MediaPage, PhotoGalleryPage
from newsdesk.people.models import Person
from newsdesk.topics.models import ArticleTopic, TopicPage

# Aggregators poll often and want what is new, not the archive: every feed is this long.
FEED_LIMIT = 50


def active_locale_id() -> int:
    return Locale.get_active().pk


def site_root_url(request: HttpRequest) -> str:
    """The site's own address (from its Wagtail Site), which page URLs are built on too."""
    site = Site.find_for_request(request)
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/")


def live_articles() -> ArticleQuerySet:
    return ArticlePage.objects.visible()


def section_by_slug(slug: str) -> SectionPage:
    section = (
        visibility.visible(SectionPage.objects.filter(slug=slug), active_locale_id())
        .order_by("path")
        .first()
    )
    if section is None:
        raise Http404("No such section.")
    return section


def topic_by_slug(slug: str) -> TopicPage:
    topic = (
        visibility.visible(TopicPage.objects.filter(slug=slug), active_locale_id())
        .order_by("path")
        .first()
    )
    if topic is None:
        raise Http404("No such topic.")
    return topic


def tag_by_slug(slug: str) -> Tag:
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404("No such tag.")
    return tag


def person_by_slug(slug: str) -> Person:
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        raise Http404("No such author.")
    return person


def filed_in_topic(topic: TopicPage) -> ArticleQuerySet:
    # Not topic.articles(): that is already shaped for cards, and newest() shapes it again.
    return live_articles().linked_through(ArticleTopic.objects.filter(topic=topic), "article_id")


def newest(articles: ArticleQuerySet, *, with_body: bool) -> list[ArticlePage]:
    """The newest FEED_LIMIT of `articles` with all a feed item shows, in a fixed number of
    queries: authors, picture and its renditions (cards()), tags and live topics."""
    fields = [*CARD_FIELDS, "updated_at", "hero_caption"]
    if with_body:
        fields.append("body")
    return list(
        articles.cards()
        .only(*fields)
        .prefetch_related(
            Prefetch(
                "tagged_items",
                queryset=ArticleTag.objects.select_related("tag").order_by("tag__name"),
            ),
            Prefetch("notes", queryset=ArticleNote.objects.order_by("-noted_at", "-id")),
            Prefetch(
                "topic_links",
                queryset=ArticleTopic.objects.filter(
                    topic__in=visibility.visible(TopicPage.objects.all())
                )
                .select_related("topic")
                .order_by("sort_order"),
            ),
        )[:FEED_LIMIT]
    )


def parent_path(page: Page) -> str:
    return page.path[: -Page.steplen]


def parent_titles(pages: list[ArticlePage]) -> dict[str, str]:
    """The title of each page's parent (its section), by the parent's tree path: one query."""
    paths = {parent_path(page) for page in pages}
    return dict(Page.objects.filter(path__in=paths).values_list("path", "title"))


def newest_media(locale_id: int) -> list[MediaPage]:
    """The newest FEED_LIMIT photo galleries and films of a language, covers included:
    one query per kind and one for their covers' feed-sized pictures."""
    covers = Prefetch("cover", queryset=Image.objects.prefetch_renditions(LEAD_IMAGE_FILTER))
    found: list[MediaPage] = []
    for model in (PhotoGalleryPage, FilmPage):
        found += list(
            visibility.visible(model.objects.all(), locale_id)
            .prefetch_related(covers)
            .order_by("-published_at")[:FEED_LIMIT]
        )
    found.sort(key=lambda page: page.publication_time, reverse=True)
    return found[:FEED_LIMIT]
