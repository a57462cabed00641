"""Which pages cover every template, in every language, and fetching them.

Imported only after `site.configure()`: it reads the demo's content from the database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.utils import translation
from django.views import defaults
from wagtail.models import Locale, Page

from . import sitemaps
from .site import BASE_URL, LANGUAGES, Collection, Fetched

HOST = BASE_URL.split("//", 1)[1]
FEED_FORMATS = (("rss.xml", "rss"), ("atom.xml", "atom"), ("feed.json", "json-feed"))


def collect() -> Collection:
    client = Client(HTTP_HOST=HOST)
    found = Collection()
    for language in LANGUAGES:
        for name, path, expected in _html_pages(language):
            response = client.get(path)
            found.add(
                Fetched(
                    f"{name} ({language})",
                    path,
                    "html",
                    response.status_code,
                    response.content,
                    expected,
                )
            )
        for name, fetched in _special_pages(client, language):
            found.add(
                Fetched(
                    f"{name} ({language})", fetched[0], "html", fetched[1], fetched[2], fetched[3]
                )
            )
        for name, path in _feeds(language):
            for suffix, kind in FEED_FORMATS:
                response = client.get(path + suffix)
                found.add(
                    Fetched(
                        f"{name} {kind} ({language})",
                        path + suffix,
                        kind,
                        response.status_code,
                        response.content,
                    )
                )
    for fetched in _sitemaps(client):
        found.add(fetched)
    return found


def _locale(language: str) -> Locale:
    return Locale.objects.get(language_code=language)


def _first(model: str, language: str, **filters: Any) -> Page | None:
    pages = apps.get_model(model).objects.live().public()
    return pages.filter(locale=_locale(language), **filters).order_by("path").first()


def _prefix(language: str) -> str:
    return "" if language == "en" else f"/{language}"


def _html_pages(language: str) -> Iterator[tuple[str, str, int]]:
    prefix = _prefix(language)
    yield "home", f"{prefix}/", 200
    article = _article(language)
    if article is not None:
        yield "article, comment form empty", article.url, 200
        yield "article, comment sent", f"{article.url}?comment=published", 200
        yield "article, comment held", f"{article.url}?comment=pending", 200
        yield from _article_lists(article, prefix)
    for name, model in (
        ("section", "articles.SectionPage"),
        ("topic index", "topics.TopicIndexPage"),
        ("topic", "topics.TopicPage"),
        ("map", "maps.MapPage"),
        ("gallery index", "gallery.GalleryIndexPage"),
        ("photo gallery", "gallery.PhotoGalleryPage"),
        ("film", "gallery.FilmPage"),
        ("live page", "live.LivePage"),
    ):
        page = _first(model, language)
        if page is not None:
            yield name, page.url, 200
            if name == "photo gallery":
                yield "photo gallery, one picture", f"{page.url}image/1/", 200
            if name == "section":
                yield "400 (a page number that is not one)", f"{page.url}?page=x", 400
    yield "search with results", f"{prefix}/search/?q={_search_word(article)}", 200
    yield "search without results", f"{prefix}/search/?q=qqqxqqqzqqq", 200
    yield "newsletters", f"{prefix}/newsletters/", 200
    yield "404", f"{prefix}/no-such-page/", 404


def _article(language: str) -> Page | None:
    model = apps.get_model("articles.ArticlePage")
    articles = model.objects.visible().filter(locale=_locale(language), comments_open=True)
    return articles.order_by("-published_at").first()


def _article_lists(article: Any, prefix: str) -> Iterator[tuple[str, str, int]]:
    tag = article.tags.first()
    if tag is not None:
        yield "tag", f"{prefix}/tags/{tag.slug}/", 200
    byline = article.authors.select_related("person").first()
    if byline is not None:
        yield "author", f"{prefix}/authors/{byline.person.slug}/", 200
    when = article.published_at
    yield "archive year", f"{prefix}/archive/{when.year}/", 200
    yield "archive month", f"{prefix}/archive/{when.year}/{when.month:02d}/", 200


def _search_word(article: Any) -> str:
    words = [w for w in (article.title if article else "news").split() if w.isalpha()]
    return max(words, key=len) if words else "news"


def _special_pages(client: Client, language: str) -> Iterator[tuple[str, tuple]]:
    """Pages that answer a POST, and the error pages no address shows on a working site."""
    article = _article(language)
    if article is not None:
        post = f"{_prefix(language)}/comments/{article.pk}/"
        response = client.post(post, {"name": "A reader", "text": ""})
        yield (
            "article, comment form with errors",
            (post, response.status_code, response.content, 400),
        )
        response = client.post(post, {"text": "Hi"}, headers={"Origin": "https://elsewhere.test"})
        yield (
            "403 (a comment from another site)",
            (post, response.status_code, response.content, 403),
        )
    request = RequestFactory().get(f"{_prefix(language)}/", HTTP_HOST=HOST)
    with translation.override(language):
        response = defaults.server_error(request)
        yield "500", ("(server error)", response.status_code, response.content, 500)
        response = defaults.permission_denied(request, PermissionDenied())
        yield (
            "403 (the default handler)",
            ("(forbidden)", response.status_code, response.content, 403),
        )


def _feeds(language: str) -> Iterator[tuple[str, str]]:
    feeds = f"{_prefix(language)}/feeds/"
    yield "site feed", feeds
    article = _article(language)
    section = _first("articles.SectionPage", language)
    topic = _first("topics.TopicPage", language)
    if section is not None:
        yield "section feed", f"{feeds}sections/{section.slug}/"
    if topic is not None:
        yield "topic feed", f"{feeds}topics/{topic.slug}/"
    if article is not None and article.tags.first() is not None:
        yield "tag feed", f"{feeds}tags/{article.tags.first().slug}/"
    if language == "en":
        yield "gallery feed", f"{feeds}gallery/"


def _sitemaps(client: Client) -> Iterator[Fetched]:
    index = client.get("/sitemap.xml")
    yield Fetched("sitemap index", "/sitemap.xml", "sitemap", index.status_code, index.content)
    for location in sitemaps.locations(index.content):
        path = location.removeprefix(BASE_URL)
        response = client.get(path)
        yield Fetched(f"sitemap {path}", path, "sitemap", response.status_code, response.content)
    # Each language's Google News sitemap, as robots.txt names them.
    robots = client.get("/robots.txt").content.decode()
    for line in robots.splitlines():
        location = line.removeprefix("Sitemap:").strip()
        if line.startswith("Sitemap:") and location.endswith("/sitemaps/news.xml"):
            path = location.removeprefix(BASE_URL)
            news = client.get(path)
            yield Fetched(
                f"Google News sitemap {path}", path, "sitemap", news.status_code, news.content
            )
