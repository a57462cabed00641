"""What newsletters read from the content apps: the lists a reader may join, and a
list's stories of one period (those readers may see: core.visibility, never `.live()`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import Locale, Page

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.core import visibility
from newsdesk.topics.models import ArticleTopic, TopicPage

from .models import Kind, list_key

PAGE_MODELS: dict[str, type[Page]] = {Kind.SECTION: SectionPage, Kind.TOPIC: TopicPage}


@dataclass(frozen=True)
class NewsletterList:
    kind: str
    language: str
    page: Page | None = None

    @property
    def key(self) -> str:
        return list_key(self.kind, self.language, self.page.pk if self.page else None)

    @property
    def value(self) -> str:
        """The form's value for this list (a digest's language is the page's language)."""
        return str(Kind.DIGEST) if self.page is None else f"{self.kind}:{self.page.pk}"

    @property
    def name(self) -> str:
        return str(Kind.DIGEST.label) if self.page is None else self.page.title


def lists_for(language: str) -> list[NewsletterList]:
    """Every list of one language: its digest, its sections, its In Focus topics."""
    found = [NewsletterList(Kind.DIGEST, language)]
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return found
    for kind, model in PAGE_MODELS.items():
        pages = visibility.visible(model.objects.all(), locale.pk).order_by("path")
        found += [NewsletterList(kind, language, page) for page in pages.specific()]
    return found


def parse_list(value: str, language: str) -> NewsletterList | None:
    """The form's `list` ("digest", "section:12", "topic:7") as a list a reader may join
    (a section or topic readers may see), or None."""
    if value == Kind.DIGEST:
        return NewsletterList(Kind.DIGEST, language)
    kind, _colon, number = value.partition(":")
    model = PAGE_MODELS.get(kind)
    if model is None or not (number.isascii() and number.isdigit()) or len(number) > 12:
        return None
    page = visibility.visible(model.objects.filter(pk=int(number))).select_related("locale")
    found = page.first()
    if found is None:
        return None
    return NewsletterList(kind, found.locale.language_code, found)


def page_of(key: str) -> Page | None:
    kind, _colon, number = key.partition(":")
    model = PAGE_MODELS.get(kind)
    if model is None or not number.isdigit():
        return None
    return model.objects.select_related("locale").filter(pk=int(number)).first()


def language_of(key: str) -> str | None:
    kind, _colon, rest = key.partition(":")
    if kind == Kind.DIGEST:
        return rest
    page = page_of(key)
    return page.locale.language_code if page is not None else None


def stories(key: str, start: datetime, end: datetime, limit: int) -> list[ArticlePage]:
    """The list's stories first published in [start, end), newest first, that readers may
    see now (visible, in the list's language; a withdrawn section or topic has none)."""
    kind, _colon, rest = key.partition(":")
    articles = ArticlePage.objects.visible().filter(published_at__gte=start, published_at__lt=end)
    if kind == Kind.DIGEST:
        locale = Locale.objects.filter(language_code=rest).first()
        if locale is None:
            return []
        articles = articles.in_locale(locale.pk)
    else:
        page = page_of(key)
        if page is None or not visibility.is_visible(page):
            return []
        if kind == Kind.SECTION:
            articles = articles.filed_under(page)
        else:
            filed = ArticleTopic.objects.filter(topic_id=page.pk)
            articles = articles.linked_through(filed, "article_id")
    chosen = articles.only("title", "lead", "kind", "published_at", "url_path", "locale_id")
    return list(chosen.order_by("-published_at", "-page_ptr_id")[:limit])
