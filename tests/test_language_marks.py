"""Text in another language than the page's is marked with its own lang and dir."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from wagtail.models import Locale

from . import factories

pytestmark = pytest.mark.django_db


def main_tag(html: str) -> str:
    found = re.search(r"<main [^>]*>", html)
    assert found is not None
    return found.group(0)


def test_an_english_story_under_the_arabic_prefix_is_marked_english(client: Client, news) -> None:
    Locale.objects.get_or_create(language_code="ar")
    story = factories.make_article(news, "Talks resume", slug="talks-resume")

    html = client.get(f"/ar{story.url}").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert 'lang="en" dir="ltr"' in main_tag(html)


def test_a_story_in_the_pages_language_is_not_marked_again(client: Client, news) -> None:
    story = factories.make_article(news, "Talks resume", slug="talks-resume")

    html = client.get(story.url).content.decode()

    # Marked once, on the page itself.
    assert '<html lang="en" dir="ltr">' in html
    assert "lang=" not in main_tag(html)


def test_an_arabic_byline_separates_names_with_the_arabic_comma(client: Client, home) -> None:
    locale, _created = Locale.objects.get_or_create(language_code="ar")
    arabic_home = home.copy_for_translation(locale)
    arabic_home.save_revision().publish()
    section = factories.make_section(arabic_home, "Akhbar")
    first, second = factories.PersonFactory(name="سارة"), factories.PersonFactory(name="Omar")
    factories.make_article(section, "خبر", slug="khabar", authors=[first, second])

    html = client.get(section.url).content.decode()

    assert "<bdi>سارة</bdi>\u060c <bdi>Omar</bdi>" in html
