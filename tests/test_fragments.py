"""Rendered parts of pages are kept, and forgotten the moment something they show changes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import newsdesk
from newsdesk.articles.listings import LATEST
from newsdesk.articles.models import ArticlePage
from newsdesk.core import fragments

from . import factories
from .cache_helpers import counting_cache_reads

pytestmark = pytest.mark.django_db


def _renderer(html: str, *tags: str, calls: list[str]):  # type: ignore[no-untyped-def]
    def render() -> str:
        calls.append(html)
        fragments.shows(*tags)
        return html

    return render


def test_it_renders_a_fragment_once_while_nothing_it_shows_changes() -> None:
    calls: list[str] = []
    for _ in range(3):
        fragments.get_or_render("k", _renderer("<p>a</p>", "page:1", calls=calls))
    assert calls == ["<p>a</p>"]


def test_it_renders_again_after_a_tag_it_shows_is_invalidated() -> None:
    calls: list[str] = []
    fragments.get_or_render("k", _renderer("old", "page:1", calls=calls))
    fragments.invalidate("page:1")
    assert fragments.get_or_render("k", _renderer("new", "page:1", calls=calls)) == "new"


def test_it_does_not_keep_a_fragment_whose_rows_were_read_before_a_change_it_shows() -> None:
    calls: list[str] = []

    def render_across_a_change() -> str:
        calls.append("made")
        byline = "old name"  # the rows are read first...
        # ...another process commits a change to them...
        fragments.invalidate("person:9")
        fragments.shows("person:9")  # ...and their tag is declared after it
        return byline

    fragments.get_or_render("k", render_across_a_change)
    fragments.get_or_render("k", render_across_a_change)

    assert calls == ["made", "made"]


def test_it_does_not_keep_a_fragment_whose_tag_changed_after_it_was_shown() -> None:
    calls: list[str] = []

    def render_across_a_change() -> str:
        calls.append("made")
        fragments.shows("page:1")
        fragments.invalidate("page:1")
        return "maybe old"

    fragments.get_or_render("k", render_across_a_change)
    fragments.get_or_render("k", render_across_a_change)

    assert calls == ["made", "made"]


def test_it_keeps_a_fragment_made_while_something_it_does_not_show_changed() -> None:
    calls: list[str] = []

    def render_beside_a_change() -> str:
        calls.append("made")
        fragments.shows("page:1")
        fragments.invalidate("person:9")  # another story's byline, elsewhere on the site
        return "current"

    fragments.get_or_render("k", render_beside_a_change)
    fragments.get_or_render("k", render_beside_a_change)

    assert calls == ["made"]


def test_it_does_not_count_a_tag_seen_for_the_first_time_as_a_change() -> None:
    calls: list[str] = []
    caches["default"].clear()  # every tag's version is lost, as after an eviction
    fragments.get_or_render("k", _renderer("a", "page:1", calls=calls))
    fragments.get_or_render("k", _renderer("a", "page:1", calls=calls))
    assert calls == ["a"]


def test_it_keeps_a_fragment_when_another_tag_is_invalidated() -> None:
    calls: list[str] = []
    fragments.get_or_render("k", _renderer("kept", "page:1", calls=calls))
    fragments.invalidate("page:2")
    fragments.get_or_render("k", _renderer("kept", "page:1", calls=calls))
    assert calls == ["kept"]


@pytest.mark.usefixtures("reading_changes")
def test_it_renders_again_when_the_shared_versions_are_lost() -> None:
    calls: list[str] = []
    fragments.get_or_render("k", _renderer("a", "page:1", calls=calls))
    caches["default"].clear()
    fragments.get_or_render("k", _renderer("a", "page:1", calls=calls))
    assert len(calls) == 2


def test_it_forgets_every_fragment_when_the_page_tree_moves() -> None:
    calls: list[str] = []
    fragments.get_or_render("k", _renderer("a", calls=calls))
    fragments.invalidate(fragments.STRUCTURE)
    fragments.get_or_render("k", _renderer("a", calls=calls))
    assert len(calls) == 2


def test_it_passes_what_an_inner_fragment_shows_to_the_outer_one() -> None:
    calls: list[str] = []

    def outer() -> str:
        return "[" + fragments.get_or_render("inner", _renderer("i", "page:7", calls=calls)) + "]"

    fragments.get_or_render("inner", _renderer("i", "page:7", calls=calls))  # kept already
    fragments.get_or_render("outer", outer)
    fragments.invalidate("page:7")
    calls.clear()
    fragments.get_or_render("outer", outer)
    assert calls == ["i"]


def test_it_does_not_keep_a_fragment_whose_content_has_already_expired() -> None:
    calls: list[str] = []

    def render() -> str:
        calls.append("x")
        fragments.expires(timezone.now() - timedelta(seconds=1))
        return "x"

    fragments.get_or_render("k", render)
    fragments.get_or_render("k", render)
    assert calls == ["x", "x"]


def test_it_keeps_a_fragment_no_longer_than_until_its_content_expires() -> None:
    recording = fragments.Recording(expires_at=timezone.now() + timedelta(seconds=90))
    assert 85 <= fragments._timeout_for(recording) <= 90


# What readers see ----------------------------------------------------------------------


@pytest.fixture
def article(news, topic_index, reporter):  # type: ignore[no-untyped-def]
    topic = factories.make_topic(topic_index, "Border Crossings")
    return factories.make_article(
        news, "Aid convoy reaches the valley", authors=[reporter], topics=[topic], tags=["Aid"]
    )


@pytest.mark.usefixtures("no_page_cache")
def test_it_serves_a_viewed_article_from_kept_parts(client: Client, article) -> None:
    client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)
    assert response.status_code == 200
    assert len(queries) == 0


def test_it_serves_a_viewed_home_page_without_queries(client: Client, home, news) -> None:
    factories.make_article(news, "Something happened")
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    assert "Something happened" in response.content.decode()
    assert len(queries) == 0


def test_it_shows_a_republished_headline_at_once(client: Client, article) -> None:
    client.get(article.url)
    article.title = "Aid convoy turned back at the border"
    article.save_revision().publish()
    assert "Aid convoy turned back at the border</h1>" in client.get(article.url).content.decode()


def test_it_shows_a_renamed_author_in_the_byline_at_once(client: Client, article, reporter) -> None:
    client.get(article.url)
    reporter.name = "Leila Haddad-Sayegh"
    reporter.save()
    assert "Leila Haddad-Sayegh</a>" in client.get(article.url).content.decode()


def test_it_shows_a_retitled_topic_on_its_articles_at_once(client: Client, article) -> None:
    client.get(article.url)
    topic = article.topics[0]
    topic.title = "Crossings and Checkpoints"
    topic.save_revision().publish()
    assert "Crossings and Checkpoints</a>" in client.get(article.url).content.decode()


def test_it_drops_an_unpublished_related_story_at_once(client: Client, news, article) -> None:
    sibling = factories.make_article(news, "Second convoy waits", topics=article.topics)
    assert "Second convoy waits" in client.get(article.url).content.decode()
    sibling.unpublish()
    assert "Second convoy waits" not in client.get(article.url).content.decode()


def test_it_shows_a_new_story_on_the_home_page_at_once(client: Client, home, news) -> None:
    factories.make_article(news, "First story of the day")
    client.get("/")
    factories.make_article(news, "Breaking: the second story")
    assert "Breaking: the second story" in client.get("/").content.decode()


def test_it_shows_a_new_editors_choice_order_when_the_home_page_is_published(
    client: Client, home, news
) -> None:
    first, second = (
        factories.make_article(news, "Alpha story"),
        factories.make_article(news, "Beta story"),
    )
    factories.pick_for_home(home, [first, second])
    home.save_revision().publish()
    client.get("/")
    home.editors_choice.all().delete()
    factories.pick_for_home(home, [second, first])
    home.save_revision().publish()
    html = client.get("/").content.decode()
    choice = html[html.index("block-editors-choice") :]
    assert choice.index("Beta story") < choice.index("Alpha story")


def test_it_shows_moved_articles_at_their_new_address(client: Client, home, news, analysis) -> None:
    article = factories.make_article(news, "Moving story")
    client.get("/")
    article.move(analysis, pos="last-child")
    html = client.get("/").content.decode()
    assert f'href="/analysis/{article.slug}/"' in html


def test_it_never_keeps_a_preview(client: Client, article) -> None:
    client.get(article.url)
    draft = ArticlePage.objects.get(pk=article.pk)
    draft.title = "A draft headline nobody should see"
    preview = draft.make_preview_request()
    assert "A draft headline nobody should see" in preview.content.decode()
    assert "A draft headline nobody should see" not in client.get(article.url).content.decode()


def test_it_shows_a_new_story_in_its_section_at_once(client: Client, news) -> None:
    factories.make_article(news, "Older story")
    client.get(news.url)
    factories.make_article(news, "Newest story")
    assert "Newest story" in client.get(news.url).content.decode()


def test_it_keeps_each_page_of_a_list_apart(client: Client, news) -> None:
    for n in range(25):
        factories.make_article(news, f"Story {n:02d} of the list")
    first = client.get(news.url).content.decode()
    second = client.get(f"{news.url}?page=2").content.decode()
    assert "Story 00 of the list" in first and "Story 00 of the list" not in second
    assert "Story 24 of the list" in second


def test_it_still_refuses_a_page_past_the_end_of_a_kept_list(client: Client, news) -> None:
    factories.make_article(news, "Only story")
    client.get(news.url)
    assert client.get(f"{news.url}?page=2").status_code == 404


def test_it_shows_a_renamed_author_on_cards_at_once(client: Client, news, reporter) -> None:
    factories.make_article(news, "Signed story", authors=[reporter])
    client.get(news.url)
    reporter.name = "Leila H. Sayegh"
    reporter.save()
    assert "Leila H. Sayegh" in client.get(news.url).content.decode()


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize(
    ("url", "expected_queries"),
    # Tag and author pages are routed by Wagtail below their index page: one query.
    [("/news/", 0), ("/tags/aid/", 1), ("/authors/leila-haddad/", 1)],
)
def test_it_serves_a_viewed_list_with_at_most_one_query(
    client: Client, article, url: str, expected_queries: int
) -> None:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) == expected_queries


def test_it_keeps_the_latest_news_no_longer_than_editors_choice_lasts(home, news, rf) -> None:
    picked = factories.make_article(news, "Picked for a while")
    factories.pick_for_home(home, [picked], expires_at=timezone.now() + timedelta(seconds=90))
    home.save_revision().publish()
    page = type(home).objects.get(pk=home.pk)
    page.editors_choice_ids  # noqa: B018 - read first by the block above, as on the page
    with fragments._recorder() as recording:
        page.editors_choice_ids  # noqa: B018 - read again by the news block
    assert recording.expires_at is not None
    assert fragments._timeout_for(recording) <= 90


def test_it_records_what_a_kept_value_shows_on_every_read(article) -> None:
    page = type(article).objects.get(pk=article.pk)
    page.byline  # noqa: B018 - first read, e.g. by the page's metadata
    with fragments._recorder() as recording:
        page.byline  # noqa: B018 - read again by the article's own fragment
    assert any(tag.startswith("person:") for tag in recording.versions)


@pytest.mark.usefixtures("reading_changes")
def test_it_reads_only_the_changes_tag_for_a_kept_fragment_while_nothing_changes() -> None:
    reads, _calls = _reads_of_a_third_use_of_a_kept_fragment()
    assert reads == [fragments.TAG_KEY.format(fragments.CHANGES)]


@pytest.mark.usefixtures("watching_changes")
def test_it_asks_the_shared_cache_nothing_for_a_kept_fragment_while_nothing_changes() -> None:
    assert _reads_of_a_third_use_of_a_kept_fragment() == ([], ["a"])


def _reads_of_a_third_use_of_a_kept_fragment() -> tuple[list[str], list[str]]:
    """The shared-cache keys read by the third use of a fragment, and the renders made."""
    calls: list[str] = []
    for _ in range(2):
        fragments.get_or_render("k", _renderer("a", "page:1", "page:2", calls=calls))
    with counting_cache_reads() as reads:
        fragments.get_or_render("k", _renderer("a", "page:1", "page:2", calls=calls))
    return reads.keys, calls


@pytest.mark.usefixtures("watching_changes")
def test_it_renders_again_after_an_invalidation_while_watching_changes() -> None:
    calls: list[str] = []
    for _ in range(2):
        fragments.get_or_render("k", _renderer("a", "page:1", calls=calls))
    fragments.invalidate("page:1")
    fragments.get_or_render("k", _renderer("a", "page:1", calls=calls))
    assert calls == ["a", "a"]


def test_it_checks_every_tag_of_a_kept_fragment_after_any_change() -> None:
    calls: list[str] = []
    fragments.get_or_render("k", _renderer("a", "page:1", calls=calls))
    fragments.get_or_render("k", _renderer("a", "page:1", calls=calls))
    fragments.invalidate("page:2")
    with counting_cache_reads() as reads:
        fragments.get_or_render("k", _renderer("a", "page:1", calls=calls))
    assert fragments.TAG_KEY.format("page:1") in reads.keys


@pytest.mark.usefixtures("no_page_cache", "reading_changes")
def test_it_reads_the_changes_tag_once_for_a_whole_page(client: Client, article) -> None:
    client.get(article.url)
    with counting_cache_reads() as reads:
        client.get(article.url)
    assert reads.keys.count(fragments.TAG_KEY.format(fragments.CHANGES)) == 1


# List-wide tags ----------------------------------------------------------------------------


def test_it_refuses_a_list_wide_tag_shown_by_a_part_of_a_page() -> None:
    with fragments.recording(), pytest.raises(fragments.ListWideTag, match="articles:latest"):
        fragments.shows("page:1", LATEST)


def test_it_records_a_list_wide_tag_shown_by_what_lists_everything_new() -> None:
    with fragments.recording() as shown:
        fragments.shows(LATEST, list_wide=True)
    assert LATEST in shown.versions


# Only these may say list_wide=True: they list everything new, whatever was published.
LISTS_OF_EVERYTHING = {"search", "feeds", "sitemaps", "api"}


def test_it_lets_only_search_feeds_sitemaps_and_the_api_show_list_wide_tags() -> None:
    package = Path(newsdesk.__file__).parent
    defined_in = Path(fragments.__file__)
    opting_in = {
        path.relative_to(package).parts[0]
        for path in package.rglob("*.py")
        if path != defined_in and "list_wide=True" in path.read_text(encoding="utf-8")
    }
    assert opting_in
    assert opting_in <= LISTS_OF_EVERYTHING, opting_in - LISTS_OF_EVERYTHING
