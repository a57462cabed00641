"""hreflang alternates: every page lists each language version a reader may see, itself
among them, and x-default (the default language's version, else the page itself)."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Locale

from . import factories

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
BASE = "http://localhost"


def alternates(client: Client, url: str) -> dict[str, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return dict(LINK.findall(response.content.decode()))


def translate(page, language: str, *, publish: bool = True):  # type: ignore[no-untyped-def]
    locale, _created = Locale.objects.get_or_create(language_code=language)
    copy = page.copy_for_translation(locale, copy_parents=True)
    if publish:
        copy.save_revision().publish()
    return copy


@pytest.fixture
def story(news):  # type: ignore[no-untyped-def]
    return factories.make_article(news, "Talks resume", slug="talks-resume")


def test_a_translated_article_lists_every_version_and_x_default(
    client: Client, home, story
) -> None:
    translate(home, "ar")
    translate(story.get_parent(), "ar")
    arabic = translate(story, "ar")
    expected = {
        "en": f"{BASE}{story.url}",
        "ar": f"{BASE}{arabic.url}",
        "x-default": f"{BASE}{story.url}",
    }

    assert alternates(client, story.url) == expected
    assert alternates(client, arabic.url) == expected


def test_an_untranslated_page_lists_itself_as_every_version(client: Client, story) -> None:
    assert alternates(client, story.url) == {
        "en": f"{BASE}{story.url}",
        "x-default": f"{BASE}{story.url}",
    }


def test_a_draft_translation_is_not_listed(client: Client, home, story) -> None:
    translate(home, "fa")
    translate(story.get_parent(), "fa")
    translate(story, "fa", publish=False)

    assert set(alternates(client, story.url)) == {"en", "x-default"}


def test_publishing_a_translation_adds_it_to_the_kept_page(client: Client, home, story) -> None:
    alternates(client, story.url)  # kept now
    translate(home, "fa")
    translate(story.get_parent(), "fa")
    persian = translate(story, "fa")

    assert alternates(client, story.url)["fa"] == f"{BASE}{persian.url}"


def test_a_page_without_a_default_language_version_is_its_own_x_default(
    client: Client, home, story
) -> None:
    translate(home, "ar")
    arabic_section = translate(story.get_parent(), "ar")
    arabic_only = factories.make_article(arabic_section, "خبر عربي فقط", slug="arabic-only")

    assert alternates(client, arabic_only.url) == {
        "ar": f"{BASE}{arabic_only.url}",
        "x-default": f"{BASE}{arabic_only.url}",
    }


def test_a_tag_page_lists_its_address_in_every_language(client: Client, news) -> None:
    factories.make_article(news, "Tagged", tags=["elections"])

    found = alternates(client, "/tags/elections/")

    assert found == {
        **{code: f"{BASE}{prefix}/tags/elections/" for code, prefix in PREFIXES.items()},
        "x-default": f"{BASE}/tags/elections/",
    }


PREFIXES = {
    code: "" if code == settings.LANGUAGE_CODE else f"/{code}" for code, _ in settings.LANGUAGES
}


def test_json_ld_names_the_articles_own_language(client: Client, home, story) -> None:
    translate(home, "ar")
    translate(story.get_parent(), "ar")
    arabic = translate(story, "ar")
    html = client.get(arabic.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    news_article = next(b for b in map(json.loads, blocks) if b["@type"] == "NewsArticle")

    assert news_article["inLanguage"] == "ar"
