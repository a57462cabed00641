"""Turning pages, people and tags into the API's shapes (see schemas.py).

Everything here works on objects whose related rows were fetched beforehand (selectors),
so presenting a page of 100 items costs no query per item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.models import Page, Site
from wagtail.rich_text import expand_db_html

from newsdesk.articles import selectors as article_selectors
from newsdesk.articles.models import (
    CARD_IMAGE_FILTER,
    LEAD_IMAGE_FILTER,
    SHARE_IMAGE_FILTERS,
    ArticlePage,
    SectionPage,
)
from newsdesk.gallery.models import GRID_FILTERS, FilmPage, GalleryItem, PhotoGalleryPage

from . import selectors

# The picture sizes each resource gives, by name. They are sizes the site's own pages
# already use, so they are usually rendered before the API is asked for them.
CARD_RENDITIONS = {"card": CARD_IMAGE_FILTER, "16:9": LEAD_IMAGE_FILTER}
ARTICLE_RENDITIONS = {"card": CARD_IMAGE_FILTER, **SHARE_IMAGE_FILTERS}
TOPIC_RENDITIONS = {"card": CARD_IMAGE_FILTER}
PHOTO_RENDITIONS = {"square": "fill-160x160|format-webp"}
GALLERY_PICTURE_RENDITIONS = {spec.split("|")[0].split("-")[1] + "w": spec for spec in GRID_FILTERS}
# Root-relative links and pictures in article HTML; API clients need them absolute.
_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")/(?!/)')


@dataclass
class Presenter:
    request: HttpRequest
    languages: dict[int, str] = field(default_factory=selectors.language_codes)
    # The fragment tags of everything presented (see newsdesk.core.fragments and answers.py):
    # an answer kept by the API is made again when one of them changes.
    shown: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        site = Site.find_for_request(self.request)
        self.root = site.root_url if site else self.request.build_absolute_uri("/").rstrip("/")

    # Shared pieces -----------------------------------------------------------------------

    def absolute(self, url: str) -> str:
        return url if "://" in url else f"{self.root}{url}"

    def api_url(self, name: str, pk: int) -> str:
        return self.request.build_absolute_uri(reverse(f"api-v1:{name}", args=[pk]))

    def page_url(self, page: Page) -> str:
        return page.get_full_url(self.request) or ""

    def picture(
        self, image: Image | None, renditions: dict[str, str], alt: str, **extra: str
    ) -> dict[str, Any] | None:
        if image is None:
            return None
        sizes = []
        for name, spec in renditions.items():
            rendition = image.get_rendition(spec)
            sizes.append(
                {
                    "name": name,
                    "url": self.absolute(rendition.url),
                    "width": rendition.width,
                    "height": rendition.height,
                }
            )
        return {
            "alt": alt,
            "width": image.width,
            "height": image.height,
            "renditions": sizes,
            **extra,
        }

    def page_basics(self, page: Page, name: str) -> dict[str, Any]:
        self.shown.add(f"page:{page.pk}")
        return {
            "id": page.pk,
            "api_url": self.api_url(name, page.pk),
            "url": self.page_url(page),
            "title": page.title,
            "slug": page.slug,
            "language": self.languages.get(page.locale_id, ""),
            "first_published_at": page.first_published_at,
            "last_published_at": page.last_published_at or page.first_published_at,
        }

    # Resources ---------------------------------------------------------------------------

    def articles(self, items: list[ArticlePage]) -> list[dict[str, Any]]:
        sections = article_selectors.sections_of(items)
        return [self.article(article, sections) for article in items]

    def article_with_text(self, article: ArticlePage) -> dict[str, Any]:
        return self.article(article, article_selectors.sections_of([article]), detail=True)

    def article(
        self, article: ArticlePage, sections: dict[str, SectionPage], detail: bool = False
    ) -> dict[str, Any]:
        section = sections.get(article.path[: -Page.steplen])
        self.shown.update(f"page:{link.topic_id}" for link in article.topic_links.all())
        self.shown.update(f"person:{link.person_id}" for link in article.authors.all())
        if section:
            self.shown.add(f"page:{section.pk}")
        data = {
            **self.page_basics(article, "article"),
            "kind": article.kind,
            "kicker": article.kicker,
            "section": self.section(section) if section else None,
            "dateline": article.dateline,
            "lead": article.lead,
            "published_at": article.published_at,
            "updated_at": article.updated_at,
            "authors": [
                {
                    "id": link.person.pk,
                    "name": link.person.name,
                    "slug": link.person.slug,
                    "url": self.absolute(link.person.get_absolute_url()),
                    "api_url": self.api_url("author", link.person.pk),
                }
                for link in article.authors.all()
            ],
            "topics": [
                {
                    "id": link.topic.pk,
                    "title": link.topic.title,
                    "slug": link.topic.slug,
                    "url": self.page_url(link.topic),
                    "api_url": self.api_url("topic", link.topic.pk),
                }
                for link in article.topic_links.all()
            ],
            "tags": [self.tag(item.tag) for item in article.tagged_items.all()],
            "image": self.picture(
                article.hero_image,
                ARTICLE_RENDITIONS if detail else CARD_RENDITIONS,
                article.hero_alt,
                caption=article.hero_caption,
                credit=article.hero_credit,
            ),
        }
        if detail:
            data["body_html"] = self.body_html(article)
        return data

    def body_html(self, article: ArticlePage) -> str:
        context = {"request": self.request, "page": article}
        html = "".join(block.render(context=context) for block in article.body)
        return _RELATIVE_URL.sub(rf"\1{self.root}/", expand_db_html(html))

    def section(self, section: SectionPage) -> dict[str, Any]:
        return {
            "id": section.pk,
            "title": section.title,
            "slug": section.slug,
            "url": self.page_url(section),
        }

    def tag(self, tag: Any) -> dict[str, Any]:
        self.shown.add(f"tag:{tag.pk}")
        return {
            "id": tag.pk,
            "name": tag.name,
            "slug": tag.slug,
            "url": self.absolute(reverse("tag", args=[tag.slug])),
        }

    def topic(self, topic: Any) -> dict[str, Any]:
        return {
            **self.page_basics(topic, "topic"),
            "description": topic.description,
            "image": self.picture(topic.hero_image, TOPIC_RENDITIONS, topic.hero_alt),
        }

    def author(self, person: Any) -> dict[str, Any]:
        self.shown.add(f"person:{person.pk}")
        return {
            "id": person.pk,
            "api_url": self.api_url("author", person.pk),
            "url": self.absolute(person.get_absolute_url()),
            "name": person.name,
            "slug": person.slug,
            "role": person.role,
            "bio": person.bio,
            "photo": self.picture(person.photo, PHOTO_RENDITIONS, ""),
        }

    def gallery(self, page: PhotoGalleryPage, pictures: list[GalleryItem] | None = None) -> dict:
        data = {
            **self.page_basics(page, "gallery"),
            "summary": page.summary,
            "published_at": page.published_at,
            "updated_at": page.updated_at,
            "cover": self.picture(page.cover, CARD_RENDITIONS, page.cover_alt),
        }
        if pictures is not None:
            data["pictures"] = [
                self.picture(
                    item.image,
                    GALLERY_PICTURE_RENDITIONS,
                    item.alt_text,
                    caption=item.caption,
                    credit=item.credit,
                )
                for item in pictures
            ]
        return data

    def gallery_with_pictures(self, page: PhotoGalleryPage) -> dict[str, Any]:
        return self.gallery(page, pictures=page.pictures())

    def film(self, page: FilmPage) -> dict[str, Any]:
        return {
            **self.page_basics(page, "film"),
            "summary": page.summary,
            "published_at": page.published_at,
            "updated_at": page.updated_at,
            "poster": self.picture(page.cover, CARD_RENDITIONS, page.cover_alt),
            "duration_seconds": page.duration_seconds,
            "caption": page.caption,
            "credit": page.credit,
            "description": page.description,
            "video": self.video(page),
        }

    def video(self, page: FilmPage) -> dict[str, str] | None:
        if page.video_file:
            return {"provider": "file", "url": self.absolute(page.video_file.url)}
        external = page.external
        if external is None:
            return None
        return {"provider": external[0], "url": page.external_url}
