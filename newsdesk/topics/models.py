from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.images.models import Image
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from newsdesk.articles import listings
from newsdesk.articles.models import CARD_IMAGE_FILTER, ArticlePage, ArticleQuerySet
from newsdesk.core import fragments, invalidation, params, visibility
from newsdesk.core.models import HeroImagePage, IndexPage
from newsdesk.core.routing import RestrictionAwareMixin

PINNED_LIMIT = 3
# The fragment tag of lists that any topic's publication may change (site search).
LISTED = "topics:listed"


class TopicQuerySet(PageQuerySet):
    def cards(self) -> TopicQuerySet:
        """Everything a topic card shows, picture included, in a fixed number of queries."""
        return self.prefetch_related(
            Prefetch("hero_image", queryset=Image.objects.prefetch_renditions(CARD_IMAGE_FILTER))
        )


TopicManager = PageManager.from_queryset(TopicQuerySet)


class TopicIndexPage(IndexPage):
    """The "In Focus" index: every topic dossier of the site."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["topics.TopicPage"]

    class Meta:
        verbose_name = _("In Focus index")

    def listings(self) -> dict[str, Any]:
        topics = list(
            visibility.visible(TopicPage.objects.child_of(self)).cards().order_by("title")
        )
        # A topic renamed changes its card.
        fragments.shows(*(f"page:{topic.pk}" for topic in topics))
        return {"topics": topics}


class TopicPage(RestrictionAwareMixin, HeroImagePage):
    """An "In Focus" dossier: a subject the newsroom follows over time."""

    query_spec: ClassVar[params.QuerySpec] = params.LIST

    description = models.TextField(
        _("description"),
        max_length=600,
        help_text=_("One paragraph that explains the subject to a reader new to it."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("hero_image"),
        FieldPanel("hero_alt"),
        InlinePanel(
            "pinned",
            label=_("Pinned article"),
            heading=_("Pinned articles"),
            max_num=PINNED_LIMIT,
            help_text=_("Shown at the top of the dossier, in this order."),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    parent_page_types = ["topics.TopicIndexPage"]
    subpage_types: list[str] = []
    objects = TopicManager()

    class Meta:
        verbose_name = _("In Focus topic")
        verbose_name_plural = _("In Focus topics")

    def list_cache_tags(self, change: invalidation.Change) -> set[str]:
        return {LISTED} if change in invalidation.SHOWN_OR_HIDDEN else set()

    def pinned_articles(self) -> list[ArticlePage]:
        fragments.shows(f"page:{self.pk}")
        # Each article once, in its first place, whatever rows the form left.
        ids = list(
            dict.fromkeys(self.pinned.order_by("sort_order").values_list("article_id", flat=True))
        )
        fragments.shows(*(f"page:{pk}" for pk in ids))
        found = {
            a.pk: a
            for a in ArticlePage.objects.visible().in_locale_of(self).cards().filter(pk__in=ids)
        }
        articles = [found[pk] for pk in ids if pk in found]
        listings.shows_cards(articles)
        return articles

    def articles(self) -> ArticleQuerySet:
        """Every article filed under this topic that readers may see, newest first."""
        filed = ArticleTopic.objects.filter(topic=self)
        return ArticlePage.objects.visible().linked_through(filed, "article_id").cards()

    @property
    def fragment_key(self) -> str:
        """The header's fragment: its words and picture change only when the topic does."""
        return fragments.key_for(self, "topic-header")

    @fragments.shown_property
    def pinned_list(self) -> list[ArticlePage]:
        return self.pinned_articles()

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context(request, *args, **kwargs)
        # The pinned stories and the latest ones below them, kept as one fragment.
        context["article_list"] = listings.article_list(
            request,
            f"topic:{self.pk}",
            lambda: self.articles().exclude(pk__in=[a.pk for a in self.pinned_list]),
            template="topics/topic_articles.html",
            context=lambda: {"pinned_articles": self.pinned_list},
        )
        return context


class TopicPinnedArticle(Orderable):
    topic = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="pinned")
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("article")]

    class Meta(Orderable.Meta):
        # Pinned once: the form says so when an editor picks an article twice.
        constraints = [
            models.UniqueConstraint(fields=["topic", "article"], name="unique_pinned_article")
        ]


class TopicLink(Orderable):
    """The In Focus topic something else is filed under: a photo gallery, a film, a map event.

    Concrete links add the parental key to what they belong to."""

    topic = models.ForeignKey(
        TopicPage, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [PageChooserPanel("topic")]

    class Meta(Orderable.Meta):
        abstract = True


class ArticleTopic(Orderable):
    """Files an article under an In Focus topic. The first topic is the article's main one."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey(
        TopicPage, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="article_links"
    )

    panels = [PageChooserPanel("topic")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["article", "topic"], name="unique_article_topic")
        ]
