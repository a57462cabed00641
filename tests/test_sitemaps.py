"""Sitemaps and robots.txt, read the way crawlers read them: ultimate-sitemap-parser walks
the tree from robots.txt, and Python's robotparser reads the rules."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.utils import timezone
from usp.objects.sitemap import AbstractSitemap, InvalidSitemap
from usp.tree import sitemap_tree_for_homepage
from usp.web_client.abstract_client import (
    AbstractWebClient,
    AbstractWebClientResponse,
    AbstractWebClientSuccessResponse,
    WebClientErrorResponse,
)
from wagtail.models import Locale

from newsdesk.home.models import HomePage
from newsdesk.sitemaps import selectors

from . import factories

pytestmark = pytest.mark.django_db

SITE = "http://localhost"


class _Reply(AbstractWebClientSuccessResponse):
    def __init__(self, url: str, response) -> None:  # type: ignore[no-untyped-def]
        self._url, self._response = url, response

    def status_code(self) -> int:
        return self._response.status_code

    def status_message(self) -> str:
        return "OK"

    def header(self, case_insensitive_name: str) -> str | None:
        return self._response.headers.get(case_insensitive_name)

    def raw_data(self) -> bytes:
        return self._response.content

    def url(self) -> str:
        return self._url


class DjangoWebClient(AbstractWebClient):
    """Hands the crawler's requests to Django's test client instead of the network."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.fetched: list[str] = []

    def set_max_response_data_length(self, max_response_data_length: int | None) -> None:
        pass

    def get(self, url: str) -> AbstractWebClientResponse:
        self.fetched.append(url)
        response = self.client.get(urlsplit(url).path)
        if response.status_code != 200:
            return WebClientErrorResponse(f"{response.status_code} for {url}", retryable=False)
        return _Reply(url, response)


def crawl(client: Client) -> AbstractSitemap:
    return sitemap_tree_for_homepage(
        f"{SITE}/", web_client=DjangoWebClient(client), use_known_paths=False
    )


def pages_in(tree: AbstractSitemap, name: str) -> dict:  # type: ignore[type-arg]
    """The pages listed by the sitemap files whose address contains `name`."""
    return {
        page.url: page
        for sitemap in tree.all_sitemaps()
        if name in sitemap.url and not sitemap.sub_sitemaps
        for page in sitemap.all_pages()
    }


@pytest.fixture
def story(news, topic_index, reporter):  # type: ignore[no-untyped-def]
    topic = factories.make_topic(topic_index, "Water rights")
    return factories.make_article(
        news,
        "Rivers and dams",
        authors=[reporter],
        topics=[topic],
        hero_image=factories.ImageFactory(),
        hero_alt="A dam",
        published_at=timezone.now() - timedelta(hours=3),
    )


def test_it_points_crawlers_at_the_sitemaps_from_robots_txt(client: Client, story) -> None:
    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())

    assert robots.site_maps() == [f"{SITE}/sitemap.xml", f"{SITE}/sitemaps/news.xml"]
    assert robots.can_fetch("*", f"{SITE}{story.url}")
    assert not robots.can_fetch("*", f"{SITE}/admin/")


@pytest.mark.parametrize("path", ["/search/?q=dams", "/ar/search/?q=x", "/fa/search/"])
def test_it_keeps_crawlers_out_of_search_results(client: Client, home, path: str) -> None:
    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())

    assert robots.can_fetch("*", f"{SITE}/")
    assert not robots.can_fetch("*", f"{SITE}{path}")


def test_it_gives_crawlers_a_valid_tree_with_every_page(client: Client, story) -> None:
    tree = crawl(client)

    assert not [s for s in tree.all_sitemaps() if isinstance(s, InvalidSitemap)]
    urls = {page.url for page in tree.all_pages()}
    assert story.get_full_url() in urls
    assert f"{SITE}/news/" in urls
    assert f"{SITE}/in-focus/water-rights/" in urls
    assert f"{SITE}/" in urls


def test_it_lists_each_article_with_its_last_update_time_and_picture(client: Client, story) -> None:
    pages = pages_in(crawl(client), "/sitemaps/articles-")

    entry = pages[story.get_full_url()]
    story.refresh_from_db()
    # The last substantive change readers are shown (core.publication), not a minor edit.
    assert entry.last_modified == story.modified_at.replace(microsecond=0)
    assert entry.images is not None
    assert entry.images[0].loc.startswith(f"{SITE}/media/original_images/")


def test_it_lists_the_last_two_days_in_the_news_sitemap(client: Client, story, news) -> None:
    old = factories.make_article(news, "Old story", published_at=timezone.now() - timedelta(days=3))

    tree = crawl(client)

    stories = {url: p.news_story for url, p in pages_in(tree, "/sitemaps/news.xml").items()}
    assert story.get_full_url() in stories
    assert old.get_full_url() not in stories
    news_story = stories[story.get_full_url()]
    assert news_story.title == "Rivers and dams"
    assert news_story.publication_name == "newsdesk"
    assert news_story.publication_language == "en"


def test_it_leaves_unpublished_articles_out(client: Client, story, news) -> None:
    story.unpublish()
    live = factories.make_article(news, "Still published")

    urls = {page.url for page in crawl(client).all_pages()}

    assert live.get_full_url() in urls
    assert story.get_full_url() not in urls


def test_it_splits_articles_into_files_by_ranges_of_ids(
    client: Client, news, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = [factories.make_article(news) for _ in range(7)]
    span = 3
    monkeypatch.setattr(selectors, "ID_SPAN", span)
    expected_files = {article.pk // span for article in articles}

    web = DjangoWebClient(client)
    tree = sitemap_tree_for_homepage(f"{SITE}/", web_client=web, use_known_paths=False)

    fetched = {url for url in web.fetched if "/sitemaps/articles-" in url}
    assert fetched == {f"{SITE}/sitemaps/articles-{n}.xml" for n in expected_files}
    urls = {page.url for page in tree.all_pages()}
    assert {article.get_full_url() for article in articles} <= urls


def test_it_keeps_each_file_within_the_protocols_limit() -> None:
    assert selectors.ID_SPAN <= 50_000


@pytest.mark.parametrize(
    "url", ["/sitemaps/articles-999.xml", "/sitemaps/articles-99999999999.xml"]
)
def test_it_answers_an_empty_range_with_404(client: Client, story, url: str) -> None:
    assert client.get(url).status_code == 404


def test_it_writes_xml_that_names_the_sitemap_namespace(client: Client, story) -> None:
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)

    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"


def test_it_gives_translated_pages_their_language_prefix(client: Client, story) -> None:
    arabic = story.copy_for_translation(Locale.objects.get(language_code="ar"), copy_parents=True)
    arabic.save_revision().publish()

    urls = {page.url for page in crawl(client).all_pages()}

    assert arabic.get_full_url() in urls
    assert "/ar/" in arabic.get_full_url()


def test_it_links_each_translation_to_the_others(client: Client, story) -> None:
    arabic = story.copy_for_translation(Locale.objects.get(language_code="ar"), copy_parents=True)
    arabic.save_revision().publish()

    pages = pages_in(crawl(client), "/sitemaps/articles-")

    expected = {("en", story.get_full_url()), ("ar", arabic.get_full_url())}
    assert set(pages[story.get_full_url()].alternates or []) == expected
    assert set(pages[arabic.get_full_url()].alternates or []) == expected


def test_it_gives_untranslated_pages_no_alternates(client: Client, story) -> None:
    pages = pages_in(crawl(client), "/sitemaps/")

    assert story.get_full_url() in pages
    assert not pages[story.get_full_url()].alternates


def test_it_lists_a_newly_published_article_in_an_index_it_already_served(
    client: Client, story, news
) -> None:
    client.get("/sitemap.xml")  # the ranges are now remembered
    later = factories.make_article(news, "Later story")

    urls = {page.url for page in crawl(client).all_pages()}

    assert later.get_full_url() in urls


def test_it_drops_an_unpublished_articles_range_from_an_index_it_already_served(
    client: Client, story
) -> None:
    assert "/sitemaps/articles-" in client.get("/sitemap.xml").content.decode()
    story.unpublish()

    web = DjangoWebClient(client)
    sitemap_tree_for_homepage(f"{SITE}/", web_client=web, use_known_paths=False)

    # The crawler read the index again, and was sent to no range of articles.
    assert f"{SITE}/sitemap.xml" in web.fetched
    assert not [url for url in web.fetched if "/sitemaps/articles-" in url]


def test_it_links_a_translation_published_after_the_sitemap_was_served(
    client: Client, story
) -> None:
    crawl(client)  # the languages in use are now remembered: English only
    arabic = story.copy_for_translation(Locale.objects.get(language_code="ar"), copy_parents=True)
    arabic.save_revision().publish()

    pages = pages_in(crawl(client), "/sitemaps/articles-")

    assert ("ar", arabic.get_full_url()) in (pages[story.get_full_url()].alternates or [])


def _translate(story, language: str, title: str):  # type: ignore[no-untyped-def]
    """The story's published translation, with its language's home page named in it."""
    copy = story.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)
    copy.title = title
    copy.save_revision().publish()
    # Made an alias of the English home page by copy_parents: named before any request.
    HomePage.objects.filter(pk=copy.get_parent().get_parent().pk).update(
        site_name={"ar": "الصحيفة", "fa": "روزنامه"}[language]
    )
    return copy


def _files_in_index(client: Client) -> list[str]:
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return [loc.text or "" for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_it_lists_each_languages_sitemaps_in_the_index(client: Client, story) -> None:
    _translate(story, "ar", "أنهار وسدود")
    span = story.pk // selectors.ID_SPAN

    files = _files_in_index(client)

    assert f"{SITE}/sitemaps/pages.xml" in files
    assert f"{SITE}/ar/sitemaps/pages.xml" in files
    assert f"{SITE}/sitemaps/articles-{span}.xml" in files
    assert any(url.startswith(f"{SITE}/ar/sitemaps/articles-") for url in files)
    assert not [url for url in files if "/fa/" in url]  # nothing published in Persian


@pytest.mark.parametrize(("prefix", "own", "other"), [("", "/", "/ar/"), ("/ar", "/ar/", "/")])
def test_it_lists_only_its_own_languages_pages_in_each_sitemap(
    client: Client, story, prefix: str, own: str, other: str
) -> None:
    _translate(story, "ar", "أنهار وسدود")
    tree = crawl(client)

    for sitemap in tree.all_sitemaps():
        if sitemap.sub_sitemaps or not sitemap.url.startswith(f"{SITE}{prefix}/sitemaps/"):
            continue
        urls = [page.url.removeprefix(SITE) for page in sitemap.all_pages()]
        assert urls, sitemap.url
        assert all(url.startswith(own) for url in urls), urls
        if other != "/":
            assert not [url for url in urls if url.startswith(other)], urls


def test_it_names_each_languages_news_sitemap_in_robots_txt(client: Client, story) -> None:
    _translate(story, "fa", "رودها و سدها")
    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())

    assert robots.site_maps() == [
        f"{SITE}/sitemap.xml",
        f"{SITE}/sitemaps/news.xml",
        f"{SITE}/fa/sitemaps/news.xml",
    ]


@pytest.mark.parametrize(
    ("language", "title", "publication"),
    [("ar", "أنهار وسدود", "الصحيفة"), ("fa", "رودها و سدها", "روزنامه")],
)
def test_it_gives_each_news_story_its_languages_publication(
    client: Client, story, language: str, title: str, publication: str
) -> None:
    translation = _translate(story, language, title)

    tree = crawl(client)

    own = {url: p.news_story for url, p in pages_in(tree, f"/{language}/sitemaps/news.xml").items()}
    assert set(own) == {translation.get_full_url()}
    news_story = own[translation.get_full_url()]
    assert (news_story.title, news_story.publication_language) == (title, language)
    assert news_story.publication_name == publication
    english = pages_in(tree, f"{SITE}/sitemaps/news.xml")
    assert set(english) == {story.get_full_url()}
    assert english[story.get_full_url()].news_story.publication_name == "newsdesk"


@pytest.mark.parametrize("path", ["/fa/sitemaps/pages.xml", "/fa/sitemaps/articles-0.xml"])
def test_it_answers_a_language_without_pages_with_404(client: Client, story, path: str) -> None:
    assert client.get(path).status_code == 404


def test_it_adds_a_languages_first_article_to_an_index_it_already_served(
    client: Client, story
) -> None:
    client.get("/sitemap.xml")  # the ranges are now remembered: English only
    _translate(story, "ar", "أنهار وسدود")

    assert any("/ar/sitemaps/articles-" in url for url in _files_in_index(client))
