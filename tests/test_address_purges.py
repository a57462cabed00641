"""A page that changes address (moved, or given a new slug) invalidates exactly the tags
of what shows or lists it, and of the pages below it (newsdesk.core.relocation)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from newsdesk.articles.listings import LATEST, listed_in
from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.articles.notes import CORRECTIONS_TAG
from newsdesk.core import fragments, navigation, relocation, translations
from newsdesk.core.pagecache import ADDRESSES

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def invalidated() -> Iterator[set[str]]:
    """The tags invalidated from now on (clear() it before the action under test)."""
    found: set[str] = set()

    def record(tags: frozenset[str], **kwargs: Any) -> None:
        found.update(tags)

    fragments.invalidated.connect(record, weak=False, dispatch_uid="test-invalidated")
    yield found
    fragments.invalidated.disconnect(dispatch_uid="test-invalidated")


def test_it_invalidates_a_moved_articles_page_lists_and_addresses(
    news, analysis, invalidated: set[str]
) -> None:
    article = factories.make_article(news, "Wells run dry", tags=["Water"])
    lists_before = listed_in(ArticlePage.objects.get(pk=article.pk))
    invalidated.clear()
    article.move(analysis, pos="last-child")
    lists_after = listed_in(ArticlePage.objects.get(pk=article.pk))
    assert invalidated == {
        f"page:{article.pk}",
        relocation.children_tag(news.pk),
        relocation.children_tag(analysis.pk),
        ADDRESSES,
        LATEST,
        CORRECTIONS_TAG,  # the Corrections page names each note's article and links to it
        translations.tag_for(article.translation_key),  # its language versions link to it
        *lists_before,
        *lists_after,
    }


def test_it_invalidates_the_pages_below_a_section_whose_slug_changed(
    home, news, django_capture_on_commit_callbacks, invalidated: set[str]
) -> None:
    first = factories.make_article(news)
    second = factories.make_article(news)
    section = SectionPage.objects.get(pk=news.pk)
    section.slug = "world"
    invalidated.clear()
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    assert invalidated == {
        f"page:{news.pk}",
        f"page:{first.pk}",
        f"page:{second.pk}",
        translations.tag_for(news.translation_key),
        relocation.children_tag(home.pk),
        ADDRESSES,
        navigation.TAG,  # the section is in the menu
    }


def test_it_invalidates_structure_for_a_subtree_too_large_to_name(
    home, news, monkeypatch, django_capture_on_commit_callbacks, invalidated: set[str]
) -> None:
    monkeypatch.setattr(relocation, "DESCENDANT_TAG_LIMIT", 1)
    factories.make_article(news)
    factories.make_article(news)
    section = SectionPage.objects.get(pk=news.pk)
    section.slug = "world"
    invalidated.clear()
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    assert invalidated == {
        f"page:{news.pk}",
        translations.tag_for(news.translation_key),
        relocation.children_tag(home.pk),
        ADDRESSES,
        navigation.TAG,
        fragments.STRUCTURE,
    }


def test_it_invalidates_only_the_page_and_its_siblings_list_when_reordered(
    home, news, analysis, invalidated: set[str]
) -> None:
    invalidated.clear()
    SectionPage.objects.get(pk=analysis.pk).move(news, pos="left")
    # Same address, same parent: the menu's order changed, no address did.
    assert invalidated == {
        f"page:{analysis.pk}",
        translations.tag_for(analysis.translation_key),
        relocation.children_tag(home.pk),
        navigation.TAG,
    }


def _new_slug(page: Any, slug: str, capture: Any) -> None:
    page = page.specific_class.objects.get(pk=page.pk)
    page.slug = slug
    with capture(execute=True):
        page.save_revision().publish()


def test_it_purges_an_article_whose_text_links_to_a_page_given_a_new_slug(
    client, news, django_capture_on_commit_callbacks
) -> None:
    wells = factories.make_article(news, "Wells run dry")
    link = f'<p>As we <a linktype="page" id="{wells.pk}">reported</a>.</p>'
    linking = factories.make_article(news, body=[{"type": "paragraph", "value": link}])
    client.get(linking.url)
    _new_slug(wells, "wells-in-the-north", django_capture_on_commit_callbacks)
    response = client.get(linking.url)
    assert response["X-Cache"] == "MISS"
    assert b"/news/wells-in-the-north/" in response.content


def test_it_purges_the_in_focus_index_when_a_topic_gets_a_new_slug(
    client, topic_index, django_capture_on_commit_callbacks
) -> None:
    topic = factories.make_topic(topic_index, "Drought")
    client.get(topic_index.url)
    _new_slug(topic, "the-drought", django_capture_on_commit_callbacks)
    response = client.get(topic_index.url)
    assert response["X-Cache"] == "MISS"
    assert b"/in-focus/the-drought/" in response.content


def test_it_purges_the_in_focus_index_when_a_topic_is_published(client, topic_index) -> None:
    client.get(topic_index.url)
    factories.make_topic(topic_index, "Floods").save_revision().publish()
    assert b"Floods" in client.get(topic_index.url).content


def test_it_purges_search_results_linking_below_a_section_given_a_new_slug(
    client, news, django_capture_on_commit_callbacks
) -> None:
    factories.make_article(news, "Wells run dry", slug="wells-run-dry")
    client.get("/search/?q=wells")
    _new_slug(news, "world", django_capture_on_commit_callbacks)
    response = client.get("/search/?q=wells")
    assert response["X-Cache"] == "MISS"
    assert b"/world/wells-run-dry/" in response.content
