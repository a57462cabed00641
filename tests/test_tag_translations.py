# ruff: noqa: RUF001 - Arabic and Persian tag names are meant to be in their own script
"""A tag's versions in other languages (decision 0024): editors link "Syria" to «سوريا»
and «سوریه»; a translation carries each tag over as its version in the copy's language,
and a tag page's language switcher and hreflang alternates go to the version's page."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Locale, Page

from newsdesk.articles.models import ArticlePage, TagTranslation, TagVersion
from newsdesk.newsroom.roles import EDITOR, WRITER

from .factories import make_article, member_of

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
BASE = "http://localhost"


def tag(name: str) -> Tag:
    found, _created = Tag.objects.get_or_create(name=name, defaults={"slug": name.lower()})
    return found


def link(**names: str) -> TagTranslation:
    """A TagTranslation: language code to the tag's name in it."""
    translation = TagTranslation.objects.create()
    for code, name in names.items():
        TagVersion.objects.create(
            translation=translation, locale=Locale.objects.get(language_code=code), tag=tag(name)
        )
    return translation


def translated(page: Page, language: str) -> Any:
    copy = page.specific.copy_for_translation(Locale.objects.get(language_code=language)).specific
    copy.title = f"{page.title} ({language})"
    copy.save()
    copy.save_revision().publish()
    return copy


@pytest.fixture
def arabic_news(home, news):  # type: ignore[no-untyped-def]
    translated(home, "ar").__class__  # noqa: B018 - the Arabic home, parent of its sections
    return translated(news, "ar")


def editor() -> Client:
    client = Client()
    client.force_login(member_of(EDITOR))
    return client


def start_translation(page: Page, language: str) -> ArticlePage:
    locale = Locale.objects.get(language_code=language)
    response = editor().post(
        f"/admin/translation/submit/page/{page.pk}/", {"locales": [locale.pk]}
    )
    assert response.status_code == 302
    return ArticlePage.objects.get(translation_key=page.translation_key, locale=locale)


# The copy's tags --------------------------------------------------------------------------

COPY_CASES = [
    # (the English article's tags, linked versions, tags Arabic articles use, the copy's)
    pytest.param(["Syria"], [{"en": "Syria", "ar": "سوريا"}], [], ["سوريا"], id="linked"),
    pytest.param(["Valdoria"], [], [], [], id="unlinked-unused-dropped"),
    pytest.param(["المياه"], [], ["المياه"], ["المياه"], id="unlinked-used-kept"),
    pytest.param(
        ["Syria"], [{"en": "Syria", "fa": "سوریه"}], [], [], id="linked-in-another-language"
    ),
    pytest.param(
        ["Syria"],
        [{"en": "Syria", "ar": "سوريا"}],
        ["Syria"],
        ["سوريا"],
        id="linked-wins-over-used",
    ),
    pytest.param(
        ["Syria", "سوريا"], [{"en": "Syria", "ar": "سوريا"}], [], ["سوريا"],
        id="the-tag-and-its-version-once",
    ),
    pytest.param(
        ["سارانت"], [{"en": "Sarrant", "ar": "سارانت", "fa": "سارانت"}], [], ["سارانت"],
        id="the-version-is-the-tag-itself",
    ),
    pytest.param(
        ["Syria", "Valdoria", "المياه"],
        [{"en": "Syria", "ar": "سوريا"}],
        ["المياه"],
        ["المياه", "سوريا"],
        id="mixed",
    ),
]


@pytest.mark.parametrize(("tags", "links", "used", "expected"), COPY_CASES)
def test_a_translation_carries_each_tag_over_as_its_version(
    news, arabic_news, tags: list[str], links: list[dict[str, str]], used: list[str],
    expected: list[str],
) -> None:  # type: ignore[no-untyped-def]
    for names in links:
        link(**names)
    if used:
        make_article(arabic_news, "قصة", tags=used)
    article = make_article(news, "The story", tags=tags)

    copy = start_translation(article, "ar")

    assert sorted(tag.name for tag in copy.tags.all()) == sorted(expected)
