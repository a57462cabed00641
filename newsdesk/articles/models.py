from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from django.core.cache import cache
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.images.models import Image
from wagtail.models import Locale, Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from newsdesk.core import fragments, invalidation, params, visibility
from newsdesk.core.models import HeroImagePage
from newsdesk.core.publication import (
    PublicationTimes,
    PublicationTimesForm,
    publication_time_fields,
)
from newsdesk.core.routing import RestrictionAwareMixin
from newsdesk.lib import parse
from newsdesk.people.models import Person

from . import listings, notes, ranking
from .blocks import ArticleBodyBlock
from .panels import ChangesRequested, EmbargoNotice

# The picture sizes cards use (components/card.html): every card, and the lead story's.
# Both are prefetched: with prefetched renditions Wagtail looks nowhere else, so a size
# missing here would be re-rendered from the original on every request.
CARD_IMAGE_FILTER = "fill-640x360|format-webp"
LEAD_IMAGE_FILTER = "fill-1200x675|format-webp"
# The article page's picture sizes: its hero (16:9, also the social preview) and the 4:3
# and 1:1 crops search engines ask for in structured data. All are fetched with the
# picture in one query, for the same reason as above.
SHARE_IMAGE_FILTERS = {
    "16:9": LEAD_IMAGE_FILTER,
    "4:3": "fill-1200x900|format-webp",
    "1:1": "fill-1200x1200|format-webp",
}
# What an article card shows and what its URL needs; loading only these keeps lists cheap.
CARD_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "slug",
    "title",
    "locale_id",
    "content_type_id",
    "live",
    "kind",
    "kicker",
    "lead",
    "hero_image_id",
    "hero_alt",
    "published_at",
    "last_published_at",
    "comment_count",
)
# Below this many matches a listing fetches them all and sorts (see ArticleQuerySet).
SMALL_SET = 2_000
RELATED_LIMIT = 4
RELATED_CANDIDATES = 200
RELATED_CACHE_SECONDS = 60 * 60


class ArticleKind(models.TextChoices):
    NEWS = "news", _("News")
    ANALYSIS = "analysis", _("Analysis")
    OPINION = "opinion", _("Opinion")
    INTERVIEW = "interview", _("Interview")
    REPORT = "report", _("Report")


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


def tag_versions_tag(tag_id: int) -> str:
    """Shown by what says which tags are a tag's versions in other languages (its page)."""
    return f"tag-versions:{tag_id}"


def tag_translation_tag(translation_id: int) -> str:
    """Shown by what lists the versions of one TagTranslation."""
    return f"tag-translation:{translation_id}"


class TagTranslation(ClusterableModel):
    """One tag in several languages: "Syria", «سوريا», «سوریه» (decision 0024).

    Tags are strings shared by every language. Editors link a tag to its versions in the
    other languages here: a translation started in the admin carries each of its tags over
    as its version in the copy's language, and a tag page's language switcher and hreflang
    alternates go to the version's page. A tag has at most one version per language in
    one translation; the same string may stand for two languages («سارانت» in Arabic and
    in Persian)."""

    panels = [InlinePanel("versions", min_num=2, label=_("The tag in each language"))]

    class Meta:
        verbose_name = _("tag translation")
        verbose_name_plural = _("tag translations")

    def __str__(self) -> str:
        return " · ".join(version.tag.name for version in self.versions.all())

    def cache_tags(self) -> list[str]:
        return [tag_translation_tag(self.pk)]


class TagVersion(models.Model):
    """A tag as one language writes it, in a TagTranslation."""

    translation = ParentalKey(TagTranslation, on_delete=models.CASCADE, related_name="versions")
    locale = models.ForeignKey(
        Locale, on_delete=models.CASCADE, related_name="+", verbose_name=_("language")
    )
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="+", verbose_name=_("tag"))

    panels = [FieldPanel("locale"), FieldPanel("tag")]

    class Meta:
        verbose_name = _("tag in a language")
        verbose_name_plural = _("tags in each language")
        constraints = [
            models.UniqueConstraint(
                fields=["translation", "locale"], name="articles_tagversion_one_per_language"
            ),
            models.UniqueConstraint(
                fields=["tag", "locale"], name="articles_tagversion_one_translation"
            ),
        ]

    def __str__(self) -> str:
        return self.tag.name

    def cache_tags(self) -> list[str]:
        # The tag's page (it gained or lost versions) and the pages of the translation's
        # other tags (they list this one); a row moved to another tag leaves the old
        # tag's page showing the translation's tag, so that goes too.
        return [tag_versions_tag(self.tag_id), tag_translation_tag(self.translation_id)]


class ArticleQuerySet(PageQuerySet):
    def visible(self) -> ArticleQuerySet:
        """What readers may see (newsdesk.core.visibility): never `.live()` alone."""
        return visibility.visible(self)

    def cards(self) -> ArticleQuerySet:
        """Everything an article card shows, in a fixed number of queries however many cards."""
        return (
            self.only(*CARD_FIELDS)
            .prefetch_related(
                Prefetch(
                    "authors",
                    queryset=ArticleAuthor.objects.select_related("person")
                    .only("article_id", "sort_order", "person__name", "person__slug")
                    .order_by("sort_order"),
                ),
                Prefetch(
                    "hero_image",
                    queryset=Image.objects.prefetch_renditions(
                        CARD_IMAGE_FILTER, LEAD_IMAGE_FILTER
                    ),
                ),
            )
            # page_ptr (this table's key), not pk (the page table's): the whole order then
            # lies in one index, so "newest 20 of 50,000" stops after 20 rows.
            .order_by("-published_at", "-page_ptr_id")
        )

    # How the listings filter, and why. "Newest first, one page" is fast when the database
    # walks the publication-time index and stops after a page of matches, which it does
    # when the filter is an EXISTS. For a large set (a section or tag of thousands) that is
    # the only fast way: as a join, the database fetches and sorts every match first
    # (SQLite, 100,000 articles: 168 ms for a big section, 400 ms for a big tag; 1-2 ms as
    # EXISTS). For a small set the walk would pass most of the index before it found a page
    # of matches, so there the few matches are fetched by their own index and sorted.

    def in_locale(self, locale_id: int) -> ArticleQuerySet:
        # Every article of a site is usually in one locale: never a narrow filter.
        same_locale = Page.objects.filter(pk=OuterRef("page_ptr_id"), locale_id=locale_id)
        return self.filter(Exists(same_locale))

    def in_locale_of(self, page: Page) -> ArticleQuerySet:
        return self.in_locale(page.locale_id)

    def filed_under(self, section: Page) -> ArticleQuerySet:
        if section.numchild <= SMALL_SET:
            return self.child_of(section)
        placed = Page.objects.filter(
            pk=OuterRef("page_ptr_id"), path__startswith=section.path, depth=section.depth + 1
        )
        return self.filter(Exists(placed))

    def linked_through(self, links: models.QuerySet, article_field: str) -> ArticleQuerySet:
        """Articles that `links` (rows of a link table, e.g. one tag's) point to."""
        if links.count() <= SMALL_SET:
            return self.filter(pk__in=links.values(article_field))
        return self.filter(Exists(links.filter(**{article_field: OuterRef("page_ptr_id")})))

    def tagged(self, tag_id: int) -> ArticleQuerySet:
        return self.linked_through(ArticleTag.objects.filter(tag_id=tag_id), "content_object_id")

    def by(self, person_id: int) -> ArticleQuerySet:
        return self.linked_through(ArticleAuthor.objects.filter(person_id=person_id), "article_id")


ArticleManager = PageManager.from_queryset(ArticleQuerySet)


class ArticlePageForm(PublicationTimesForm):
    """A new article starts as the kind its section usually holds (Analysis in Analysis),
    with the byline of the writer who starts it (their Person's newsroom login)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._start_with_own_byline()
        parent = getattr(self, "parent_page", None)
        section = parent.specific_deferred if parent is not None else None
        if (
            not self.instance.pk
            and "kind" in self.fields
            and isinstance(section, SectionPage)
            and section.default_kind
        ):
            self.initial["kind"] = section.default_kind

    def _start_with_own_byline(self) -> None:
        """An empty new article's byline form starts filled in with the writer's Person;
        they may remove it (someone writing for another) before saving."""
        user = getattr(self, "for_user", None)
        authors = self.formsets.get("authors")
        if self.is_bound or self.instance.pk or authors is None or user is None:
            return
        if not getattr(user, "pk", None) or authors.initial_form_count():
            return
        person = Person.objects.filter(user=user).only("pk").first()
        if person is not None:
            authors.extra = 1
            authors.initial_extra = [{"person": person.pk}]


# What an article's address may add (read by the comments section, comments_tags.py): the
# page of comments, the comment a reader replies to, the notice after posting one.
COMMENT_NOTICES = ("pending", "published")
ARTICLE_QUERY = params.QuerySpec(
    (
        params.Param("comments", params.page_number, default=1, out_of_range_is_404=True),
        params.Param("reply", params.row_id),
        params.Param("comment", lambda value: parse.choice(value, COMMENT_NOTICES)),
    )
)


class ArticlePage(RestrictionAwareMixin, PublicationTimes, HeroImagePage):
    """One piece of journalism: a news story, an analysis, an opinion, an interview or a report."""

    query_spec: ClassVar[params.QuerySpec] = ARTICLE_QUERY
    hero_alt_required = True
    base_form_class = ArticlePageForm

    kind = models.CharField(
        _("kind"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.NEWS
    )
    kicker = models.CharField(
        _("kicker"),
        max_length=60,
        blank=True,
        help_text=_("A short label above the headline, e.g. 'Exclusive' or 'Yemen'."),
    )
    lead = models.TextField(
        _("lead"),
        max_length=600,
        help_text=_("One or two sentences that sum up the story; used on cards and in feeds."),
    )
    hero_caption = models.CharField(_("caption"), max_length=400, blank=True)
    hero_credit = models.CharField(
        _("credit"), max_length=120, blank=True, help_text=_("e.g. 'Photo: Reuters'.")
    )
    dateline = models.CharField(
        _("dateline"),
        max_length=80,
        blank=True,
        help_text=_("Where the story was reported from, e.g. 'Beirut'."),
    )
    published_at, updated_at, minor_edit = publication_time_fields()
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_("Readers may comment on this article (the site may still close it by age)."),
    )

    content_panels = [
        ChangesRequested(),
        EmbargoNotice(),
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("kicker")]),
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_alt"),
                FieldPanel("hero_caption"),
                FieldPanel("hero_credit"),
            ],
            heading=_("Main image"),
        ),
        FieldRowPanel(
            [FieldPanel("dateline"), FieldPanel("published_at"), FieldPanel("minor_edit")],
            heading=_("Dateline and times"),
        ),
        InlinePanel("authors", label=_("Author"), heading=_("Byline")),
        FieldPanel("body"),
        InlinePanel(
            "notes",
            label=_("Note"),
            heading=_("Corrections and updates"),
            help_text=_(
                "A note readers see on the article with its time, for a change of "
                "substance; corrections and clarifications are also listed on the "
                "Corrections page. A change of form (a typo) needs no note: tick 'Minor "
                "edit' instead."
            ),
        ),
        FieldPanel("tags"),
        InlinePanel("topic_links", label=_("Topic"), heading=_("In Focus topics")),
        InlinePanel(
            "related_links",
            label=_("Related item"),
            heading=_("Hand-picked related content"),
            help_text=_("Shown first; automatic suggestions fill the rest."),
        ),
    ]
    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_(
            "Nothing of this article reaches readers, search, feeds or the API before this "
            "time. Publishing it schedules it for then; the newsroom can still preview it."
        ),
    )
    # Approved comments, kept by the comments app (which recounts after every change and
    # every publish, since publishing a revision writes the count it was saved with).
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)

    settings_panels = [
        *Page.settings_panels,
        FieldPanel("embargo_until", heading=_("Embargo")),
        FieldPanel("comments_open"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("kicker"),
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("published_at"),
    ]

    parent_page_types = ["articles.SectionPage"]
    subpage_types: list[str] = []
    objects = ArticleManager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            models.Index(fields=["-published_at", "-page_ptr"], name="article_newest"),
            models.Index(fields=["kind", "-published_at", "-page_ptr"], name="article_kind_newest"),
        ]

    def list_cache_tags(self, change: invalidation.Change) -> set[str]:
        """Published, withdrawn, moved or deleted: the lists it leaves or joins (its own
        `page:<id>` is every page's, see core.invalidation)."""
        if change == invalidation.Change.DELETED:
            return {*listings.lists_touched(self, still_exists=False), notes.CORRECTIONS_TAG}
        if change in (
            invalidation.Change.PUBLISHED,
            invalidation.Change.UNPUBLISHED,
            invalidation.Change.MOVED,
        ):
            # The Corrections page too: its notes are shown only while their article is.
            return {*listings.lists_touched(self), notes.CORRECTIONS_TAG}
        return set()

    def clean(self) -> None:
        super().clean()
        page: Page = self
        if self.embargo_until and (not page.go_live_at or page.go_live_at < self.embargo_until):
            # Publishing an embargoed article schedules it for the embargo's end.
            page.go_live_at = self.embargo_until

    # The embargo: the article's row rule for newsdesk.core.visibility. ---------------

    @classmethod
    def visibility_filter(cls, now: datetime) -> Q:
        return Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)

    def visible_at(self, now: datetime) -> bool:
        return self.embargo_until is None or self.embargo_until <= now

    def is_embargoed(self) -> bool:
        return not self.visible_at(timezone.now())

    @classmethod
    def get_indexed_objects(cls) -> models.QuerySet:
        # Search suggestions come from the indexed words: an embargoed story's must not.
        return super().get_indexed_objects().filter(cls.visibility_filter(timezone.now()))

    def get_cached_paths(self) -> list[str]:
        # Wagtail purges a page's addresses from frontend caches (a CDN's API) when it is
        # published, also when only scheduled: an embargoed address must not go out.
        return [] if self.is_embargoed() else super().get_cached_paths()

    @property
    def status_string(self) -> str:
        if self.is_embargoed():
            until = timezone.localtime(self.embargo_until).strftime("%Y-%m-%d %H:%M")
            return _("embargoed until %(time)s") % {"time": until}
        return super().status_string

    # What the page shows besides its own fields. The template renders these inside a
    # fragment (see newsdesk.core.fragments) that is kept until one of them changes, so
    # they are read only when the fragment is rendered, not on every view.

    @property
    def fragment_key(self) -> str:
        return fragments.key_for(self, "article")

    @fragments.shown_property
    def byline(self) -> list[Person]:
        people = [
            link.person for link in self.authors.select_related("person").order_by("sort_order")
        ]
        fragments.shows(*(f"person:{person.pk}" for person in people))
        return people

    @cached_property
    def hero(self) -> Image | None:
        """The main picture, with every size the page and its previews use, in one query."""
        if not self.hero_image_id:
            return None
        return (
            Image.objects.prefetch_renditions(*SHARE_IMAGE_FILTERS.values())
            .filter(pk=self.hero_image_id)
            .first()
        )

    @fragments.shown_property
    def note_list(self) -> list[ArticleNote]:
        """Its corrections, clarifications and updates, newest first (rows are written
        only by publishing, so they are what readers may see)."""
        return list(self.notes.order_by("-noted_at", "-pk"))

    @fragments.shown_property
    def section(self) -> Page | None:
        """The section the article is filed in (its parent), named above the headline."""
        parent = self.get_parent()
        if parent is not None:
            fragments.shows(f"page:{parent.pk}")  # renamed
        return parent

    @fragments.shown_property
    def tag_list(self) -> list[Tag]:
        tags = list(self.tags.order_by("name"))
        fragments.shows(*(f"tag:{tag.pk}" for tag in tags))  # renamed or deleted in the admin
        return tags

    @fragments.shown_property
    def topics(self) -> list[Page]:
        return self.live_topics()

    def live_topics(self) -> list[Page]:
        """The In Focus topics this article is filed under, main topic first."""
        links = list(self.topic_links.select_related("topic").order_by("sort_order"))
        fragments.shows(*(f"page:{link.topic_id}" for link in links))
        return [
            link.topic
            for link in links
            if link.topic.locale_id == self.locale_id and visibility.is_visible(link.topic)
        ]

    # Related content -------------------------------------------------------------------

    def related_articles(self) -> list[ArticlePage]:
        ids = self.related_article_ids()
        fragments.shows(*(f"page:{pk}" for pk in ids))
        found = {
            article.pk: article
            for article in ArticlePage.objects.visible()
            .in_locale_of(self)
            .cards()
            .filter(pk__in=ids)
        }
        articles = [found[pk] for pk in ids if pk in found]
        listings.shows_cards(articles)
        return articles

    def related_article_ids(self) -> list[int]:
        """Hand-picked items first, then the best automatic matches; cached per version."""
        version = self.last_published_at.timestamp() if self.last_published_at else 0
        key = f"articles:related:v1:{self.pk}:{version}"
        ids = cache.get(key)
        if ids is None:
            ids = self._compute_related_ids()
            cache.set(key, ids, RELATED_CACHE_SECONDS)
        return ids

    def _compute_related_ids(self) -> list[int]:
        picked = list(self.related_links.order_by("sort_order").values_list("page_id", flat=True))
        wanted = max(RELATED_LIMIT - len(picked), 0)
        if not wanted:
            return picked[:RELATED_LIMIT]
        candidates = self._related_candidates(exclude=[self.pk, *picked])
        subject = self._as_candidate()
        return picked + ranking.rank(subject, candidates, wanted)

    def _related_candidates(self, exclude: list[int]) -> list[ranking.Candidate]:
        topic_ids = list(self.topic_links.values_list("topic_id", flat=True))
        tag_ids = list(self.tagged_items.values_list("tag_id", flat=True))
        pool = ArticlePage.objects.visible().in_locale_of(self).exclude(pk__in=exclude)
        sharing = (
            pool.filter(
                Q(topic_links__topic_id__in=topic_ids) | Q(tagged_items__tag_id__in=tag_ids)
            )
            .order_by("-published_at")
            .values_list("pk", flat=True)
            .distinct()[:RELATED_CANDIDATES]
        )
        ids = list(sharing)
        if len(ids) < RELATED_LIMIT:
            # A story with no shared topics or tags still gets neighbours of its own kind.
            ids += list(
                pool.filter(kind=self.kind)
                .exclude(pk__in=ids)
                .order_by("-published_at")
                .values_list("pk", flat=True)[: RELATED_LIMIT * 2]
            )
        return _candidates_for(ids)

    def _as_candidate(self) -> ranking.Candidate:
        return ranking.Candidate(
            pk=self.pk,
            topics=frozenset(self.topic_links.values_list("topic_id", flat=True)),
            tags=frozenset(self.tagged_items.values_list("tag_id", flat=True)),
            words=ranking.words_of(self.title, self.lead),
            published_at=self.publication_time,
        )


def _candidates_for(ids: list[int]) -> list[ranking.Candidate]:
    if not ids:
        return []
    topics: dict[int, set[int]] = {pk: set() for pk in ids}
    tags: dict[int, set[int]] = {pk: set() for pk in ids}
    topic_link_model = ArticlePage.topic_links.rel.related_model
    for article_id, topic_id in topic_link_model.objects.filter(article_id__in=ids).values_list(
        "article_id", "topic_id"
    ):
        topics[article_id].add(topic_id)
    for article_id, tag_id in ArticleTag.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag_id"
    ):
        tags[article_id].add(tag_id)
    rows = ArticlePage.objects.filter(pk__in=ids).values_list("pk", "title", "lead", "published_at")
    return [
        ranking.Candidate(
            pk=pk,
            topics=frozenset(topics[pk]),
            tags=frozenset(tags[pk]),
            words=ranking.words_of(title, lead),
            published_at=published_at,
        )
        for pk, title, lead, published_at in rows
        if published_at is not None  # every candidate is live, so published
    ]


class ArticleAuthor(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="unique_article_author")
        ]


class ArticleNote(Orderable):
    """A correction, clarification or update shown on a published article with its time.

    A child of the article: it reaches readers when the article is (re)published, and
    publishing it makes the time of the newest note the article's last update
    (`notes.stamp_notes`), so JSON-LD's dateModified, feeds, sitemaps and the API tell it."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(
        _("kind"), max_length=20, choices=notes.NoteKind.choices, default=notes.NoteKind.CORRECTION
    )
    noted_at = models.DateTimeField(
        _("time"), default=timezone.now, help_text=_("When the change was made.")
    )
    text = models.TextField(
        _("text"),
        max_length=1000,
        help_text=_("What was wrong, or what is new, in a sentence or two."),
    )

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("noted_at")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("note")
        verbose_name_plural = _("corrections and updates")
        indexes = [models.Index(fields=["-noted_at", "-id"], name="article_note_newest")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def cache_tags(self) -> set[str]:
        """The article shows it, and the Corrections page lists it."""
        return {f"page:{self.article_id}", notes.CORRECTIONS_TAG}


class ArticleRelatedLink(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page", "articles.ArticlePage")]


class ArticleLink(Orderable):
    """An article linked from something else: a photo gallery, a film, a map event.

    Concrete links add the parental key to what they belong to."""

    article = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [PageChooserPanel("article")]

    class Meta(Orderable.Meta):
        abstract = True


class SectionPage(RestrictionAwareMixin, Page):
    """A listing of the articles filed under it: News, Analysis, Opinion, ..."""

    query_spec: ClassVar[params.QuerySpec] = params.LIST

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    default_kind = models.CharField(
        _("usual kind of article"),
        max_length=20,
        choices=ArticleKind.choices,
        blank=True,
        help_text=_("New articles in this section start as this kind (e.g. Analysis)."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("default_kind")]
    parent_page_types = ["home.HomePage"]
    # Live coverage (newsdesk.live) is an article too, filed in a section.
    subpage_types = ["articles.ArticlePage", "live.LivePage"]

    class Meta:
        verbose_name = _("section")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["article_list"] = listings.article_list(
            request,
            f"section:{self.pk}",
            lambda: ArticlePage.objects.visible().filed_under(self).cards(),
        )
        return context


# A tag renamed or deleted in the admin: its page, feeds and the stories that show it.
invalidation.declare(Tag, lambda tag, change: {f"tag:{tag.pk}"})
# Cards show their authors' names: lists show `person:<id>` (Person.cache_tags), feeds
# and search LATEST.
invalidation.declare(Person, lambda person, change: {listings.LATEST})
