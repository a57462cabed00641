"""Translations: editors start them, the copy links to its own language's pages and stays
a draft, the editors' Translations view shows what exists where, and the reader's
language switcher goes to the translation of the page (decision 0024)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from wagtail.models import Locale, Page

from newsdesk.articles.models import ArticlePage, ArticleRelatedLink
from newsdesk.newsroom.roles import EDITOR, WRITER
from newsdesk.topics.models import TopicPage

from .factories import make_article, make_topic, make_topic_index, member_of

pytestmark = pytest.mark.django_db


def translated(page: Page, language: str, **fields: Any) -> Any:
    """`page` translated into `language` and published, as an editor would."""
    copy = page.specific.copy_for_translation(Locale.objects.get(language_code=language)).specific
    for name, value in {"title": f"{page.title} ({language})", **fields}.items():
        setattr(copy, name, value)
    copy.save()
    copy.save_revision().publish()
    return copy


@pytest.fixture
def arabic_home(home):  # type: ignore[no-untyped-def]
    return translated(home, "ar", slug="front-ar")


@pytest.fixture
def arabic_news(news, arabic_home):  # type: ignore[no-untyped-def]
    return translated(news, "ar")


def editor_client() -> Client:
    client = Client()
    client.force_login(member_of(EDITOR))
    return client


def start_translation(client: Client, page: Page, language: str) -> Any:
    locale = Locale.objects.get(language_code=language)
    return client.post(
        f"/admin/translation/submit/page/{page.pk}/", {"locales": [locale.pk]}, follow=False
    )


def test_an_editor_starts_a_translation_that_stays_a_draft(news, arabic_news) -> None:  # type: ignore[no-untyped-def]
    article = make_article(news, "Water talks resume")

    response = start_translation(editor_client(), article, "ar")

    assert response.status_code == 302
    copy = ArticlePage.objects.get(
        translation_key=article.translation_key, locale__language_code="ar"
    )
    assert not copy.live
    assert Client().get(copy.url).status_code == 404


def test_a_writer_cannot_start_a_translation(news, arabic_news) -> None:  # type: ignore[no-untyped-def]
    article = make_article(news)
    client = Client()
    client.force_login(member_of(WRITER))

    response = start_translation(client, article, "ar")

    # Turned back to the dashboard, the article still in English alone.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    languages = ArticlePage.objects.filter(translation_key=article.translation_key).values_list(
        "locale__language_code", flat=True
    )
    assert list(languages) == ["en"]
    assert not ArticlePage.objects.filter(locale__language_code="ar").exists()


def test_the_copy_links_to_the_translations_of_its_related_items(
    home, news, arabic_home, arabic_news
) -> None:  # type: ignore[no-untyped-def]
    index = make_topic_index(home)
    topic = make_topic(index, "Drought")
    translated(index, "ar")
    arabic_topic = translated(topic, "ar")
    english_only = make_article(news, "Only in English")
    both = make_article(news, "In both languages")
    arabic_both = translated(both, "ar")
    article = make_article(news, "The story", topics=[topic])
    article.related_links.add(ArticleRelatedLink(page=english_only, sort_order=0))
    article.related_links.add(ArticleRelatedLink(page=both, sort_order=1))
    article.save_revision().publish()

    start_translation(editor_client(), article, "ar")

    copy = ArticlePage.objects.get(
        translation_key=article.translation_key, locale__language_code="ar"
    )
    assert [link.page_id for link in copy.related_links.all()] == [arabic_both.pk]
    assert [link.topic_id for link in copy.topic_links.all()] == [arabic_topic.pk]
    assert TopicPage.objects.get(pk=arabic_topic.pk).locale.language_code == "ar"


def test_the_copy_keeps_only_tags_its_language_uses(news, arabic_news) -> None:  # type: ignore[no-untyped-def]
    make_article(arabic_news, "قصة", tags=["المياه"])
    article = make_article(news, "Water", tags=["water", "المياه"])

    start_translation(editor_client(), article, "ar")

    copy = ArticlePage.objects.get(
        translation_key=article.translation_key, locale__language_code="ar"
    )
    assert [tag.name for tag in copy.tags.all()] == ["المياه"]


def test_the_translations_view_shows_what_needs_translating(news, arabic_news) -> None:  # type: ignore[no-untyped-def]
    done = make_article(news, "Translated story")
    translated(done, "ar", title="قصة مترجمة")
    make_article(news, "Untranslated story")

    page = editor_client().get("/admin/translations/?missing=ar").content.decode()

    assert "Untranslated story" in page
    assert "Translated story" not in page
    assert "/admin/translation/submit/page/" in page


def test_the_translations_view_lists_the_translation_of_a_story(news, arabic_news) -> None:  # type: ignore[no-untyped-def]
    done = make_article(news, "Translated story")
    translated(done, "ar", title="قصة مترجمة")

    page = editor_client().get("/admin/translations/").content.decode()

    assert "قصة مترجمة" in page


def test_the_translations_view_is_for_those_who_translate(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(member_of(WRITER))

    response = client.get("/admin/translations/")

    # Wagtail's admin answers a missing permission by sending the user to the dashboard.
    assert (response.status_code, response.get("Location")) == (302, "/admin/")


def test_the_switcher_goes_to_the_translation_of_the_page(news, arabic_news) -> None:  # type: ignore[no-untyped-def]
    article = make_article(news, "Story")
    arabic = translated(article, "ar")

    page = Client().get(article.url).content.decode()

    assert f'href="{arabic.url}" lang="ar"' in page


def test_the_switcher_goes_home_and_says_so_without_a_translation(news, arabic_news) -> None:  # type: ignore[no-untyped-def]
    article = make_article(news, "Story")

    page = Client().get(article.url).content.decode()

    assert 'href="/ar/" lang="ar" hreflang="ar" data-untranslated' in page
