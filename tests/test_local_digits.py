"""Counts, page numbers and pictures' numbers in the reader's digits: Persian digits in
Persian, Arabic-Indic in Arabic when the site asks for them (LOCAL_FORMATS), Latin
otherwise; read through the page cache as readers get them."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation
from wagtail.models import Locale

from newsdesk.articles.models import ArticlePage
from newsdesk.comments import pipeline
from newsdesk.core import pagination

from . import factories

pytestmark = pytest.mark.django_db

LATIN = "0123456789"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
# (language, LOCAL_FORMATS, the digits readers see)
STYLES = [
    ("en", {}, LATIN),
    ("ar", {}, LATIN),
    ("ar", {"ar": {"digits": "arab"}}, ARABIC_INDIC),
    ("fa", {}, PERSIAN),
    ("fa", {"fa": {"calendar": "gregorian"}}, PERSIAN),
]


def written(number: int, digits: str) -> str:
    return "".join(digits[int(d)] for d in str(number))


def other_digits(text: str, digits: str) -> set[str]:
    """Digits in `text` that are not the ones the language writes."""
    return {c for c in text if c in LATIN + PERSIAN + ARABIC_INDIC and c not in digits}


def element(html: str, css_class: str) -> str:
    found = re.search(rf'class="{css_class}"[^>]*>(.*?)</', html, re.S)
    assert found, css_class
    return found[1]


def section_in(home, language: str):  # type: ignore[no-untyped-def]
    if language == "en":
        return factories.make_section(home, "News")
    translated = home.copy_for_translation(Locale.objects.get(language_code=language))
    translated.save_revision().publish()
    return factories.make_section(translated, f"News{language}")


def prefix(language: str) -> str:
    return "" if language == "en" else f"/{language}"


@pytest.mark.parametrize(("language", "formats", "digits"), STYLES)
def test_a_listings_page_number_is_in_the_languages_digits(
    client: Client, home, settings, monkeypatch: pytest.MonkeyPatch, language, formats, digits
) -> None:
    settings.LOCAL_FORMATS = formats
    monkeypatch.setattr(pagination, "PAGE_SIZE", 1)
    section = section_in(home, language)
    for n in range(3):
        factories.make_article(section, f"Story {n}")

    status = element(client.get(section.url, {"page": 2}).content.decode(), "pagination__status")

    assert written(2, digits) in status
    assert not other_digits(status, digits)


@pytest.mark.parametrize(("language", "formats", "digits"), STYLES)
def test_a_cards_comment_count_is_in_the_languages_digits(
    client: Client, home, settings, language, formats, digits
) -> None:
    settings.LOCAL_FORMATS = formats
    section = section_in(home, language)
    article = factories.make_article(section, "Talked-about story")
    # The count moderation keeps (publishing counts the approved comments again); no
    # request has rendered the card yet.
    ArticlePage.objects.filter(pk=article.pk).update(comment_count=12)

    count = element(client.get(section.url).content.decode(), "card__comments")

    assert written(12, digits) in count
    assert not other_digits(count, digits)


@pytest.mark.parametrize(("language", "formats", "digits"), STYLES)
def test_a_galleries_pictures_are_counted_in_the_languages_digits(
    client: Client, home, settings, language, formats, digits
) -> None:
    settings.LOCAL_FORMATS = formats
    index = factories.make_gallery_index(home)
    if language != "en":
        index = factories.translate_gallery_index(home, index, language)
    gallery = factories.make_photo_gallery(index, pictures=3)

    page = client.get(gallery.url).content.decode()
    picture = client.get(f"{gallery.url}image/2/").content.decode()

    meta = re.search(r'class="article__meta">(.*?)</div>', page, re.S)
    assert meta
    meta = meta[1].split("·")[-1]  # the count, after the date
    assert written(3, digits) in meta
    assert f'data-digit-set="{digits}"' in page  # for the viewer's "2 of 3"
    title = re.search(r"<title>(.*?)</title>", picture, re.S)
    heading = element(picture, "gallery-picture__title")
    assert title and f"({written(2, digits)}/{written(3, digits)})" in title[1]
    assert written(2, digits) in heading and written(3, digits) in heading
    assert not other_digits(heading, digits)


@pytest.mark.parametrize(("language", "formats", "digits"), STYLES)
def test_numbered_lists_follow_the_languages_digits(
    client: Client, home, settings, language, formats, digits
) -> None:
    settings.LOCAL_FORMATS = formats
    section = section_in(home, language)

    html = client.get(section.url).content.decode()

    system = {LATIN: "latn", ARABIC_INDIC: "arab", PERSIAN: "arabext"}[digits]
    assert f'data-digits="{system}"' in html


@pytest.mark.parametrize(("language", "formats", "digits"), STYLES)
def test_an_archives_neighbouring_months_have_no_latin_years(
    client: Client, home, settings, language, formats, digits
) -> None:
    settings.LOCAL_FORMATS = formats
    section = section_in(home, language)
    for day in ("2026-10-05", "2026-11-05", "2026-12-05"):
        factories.make_article(section, f"Story of {day}", published_at=f"{day}T10:00:00Z")

    html = client.get(f"{prefix(language)}/archive/2026/11/").content.decode()

    neighbours = re.search(r'class="pagination archive-neighbours"(.*?)</nav>', html, re.S)
    assert neighbours and written(2026, digits) in neighbours[1]
    assert not other_digits(re.sub(r'href="[^"]*"', "", neighbours[1]), digits)


@pytest.mark.parametrize(("language", "formats", "digits"), STYLES)
def test_a_refused_comments_count_of_links_is_in_the_languages_digits(
    settings, language, formats, digits
) -> None:
    settings.LOCAL_FORMATS = formats
    with translation.override(language):
        message = pipeline.at_most_links(3)

    assert written(3, digits) in message
    assert not other_digits(message, digits)
