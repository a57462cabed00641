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
from newsdesk.articles.selectors import tag_languages
from newsdesk.newsroom.demo.tag_links import LANGUAGES, LINKED_TAGS, link_tags
from newsdesk.newsroom.demo.tongues import TONGUES
from newsdesk.newsroom.demo.world import COUNTRIES, GENERAL_TAGS, TOPICS
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
    response = editor().post(f"/admin/translation/submit/page/{page.pk}/", {"locales": [locale.pk]})
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
        ["Syria", "سوريا"],
        [{"en": "Syria", "ar": "سوريا"}],
        [],
        ["سوريا"],
        id="the-tag-and-its-version-once",
    ),
    pytest.param(
        ["سارانت"],
        [{"en": "Sarrant", "ar": "سارانت", "fa": "سارانت"}],
        [],
        ["سارانت"],
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
    news,
    arabic_news,
    tags: list[str],
    links: list[dict[str, str]],
    used: list[str],
    expected: list[str],
) -> None:  # type: ignore[no-untyped-def]
    for names in links:
        link(**names)
    if used:
        make_article(arabic_news, "قصة", tags=used)
    article = make_article(news, "The story", tags=tags)

    copy = start_translation(article, "ar")

    assert sorted(tag.name for tag in copy.tags.all()) == sorted(expected)


# The tag page ----------------------------------------------------------------------------


def switcher_link(html: str, language: str) -> str:
    found = re.search(rf'<a href="([^"]*)" lang="{language}" hreflang="{language}"', html)
    assert found, language
    return found.group(1)


@pytest.fixture
def syria(news) -> Tag:  # type: ignore[no-untyped-def]
    make_article(news, "Talks in Geneva", tags=["Syria"])
    return tag("Syria")


def test_the_switcher_of_a_tag_page_goes_to_its_version(client: Client, syria: Tag) -> None:
    link(en="Syria", ar="سوريا")

    html = client.get("/tags/syria/").content.decode()

    assert switcher_link(html, "ar") == quote("/ar/tags/سوريا/")
    assert switcher_link(html, "en") == "/tags/syria/"


def test_the_switcher_of_a_tag_page_goes_home_without_a_version(client: Client, syria: Tag) -> None:
    link(en="Syria", ar="سوريا")

    html = client.get("/tags/syria/").content.decode()

    assert 'href="/fa/" lang="fa" hreflang="fa" data-untranslated' in html


def test_the_switcher_of_a_version_goes_back_to_the_english_tag(client: Client, syria: Tag) -> None:
    link(en="Syria", ar="سوريا", fa="سوریه")

    html = client.get(quote("/ar/tags/سوريا/")).content.decode()

    assert (switcher_link(html, "en"), switcher_link(html, "fa")) == (
        "/tags/syria/",
        quote("/fa/tags/سوریه/"),
    )


def test_a_tag_page_lists_its_versions_as_alternates(client: Client, syria: Tag) -> None:
    link(en="Syria", ar="سوريا")

    found = dict(LINK.findall(client.get("/tags/syria/").content.decode()))

    assert found == {
        "en": f"{BASE}/tags/syria/",
        "ar": f"{BASE}{quote('/ar/tags/سوريا/')}",
        # No Persian version: the tag's own address on the Persian site, as before.
        "fa": f"{BASE}/fa/tags/syria/",
        "x-default": f"{BASE}/tags/syria/",
    }


def test_a_kept_tag_page_shows_a_version_linked_after_it_was_kept(
    client: Client, syria: Tag
) -> None:
    client.get("/tags/syria/")

    link(en="Syria", ar="سوريا")

    assert switcher_link(client.get("/tags/syria/").content.decode(), "ar") == quote(
        "/ar/tags/سوريا/"
    )


def test_a_kept_tag_page_forgets_a_version_unlinked_after_it_was_kept(
    client: Client, syria: Tag
) -> None:
    translation = link(en="Syria", ar="سوريا")
    client.get("/tags/syria/")

    translation.delete()

    assert switcher_link(client.get("/tags/syria/").content.decode(), "ar") == "/ar/"


def test_a_kept_tag_page_follows_a_version_moved_to_another_tag(client: Client, syria: Tag) -> None:
    link(en="Syria", ar="سوريا")
    client.get("/tags/syria/")
    version = TagVersion.objects.get(locale__language_code="ar")

    version.tag = tag("سورية")
    version.save()

    assert switcher_link(client.get("/tags/syria/").content.decode(), "ar") == quote(
        "/ar/tags/سورية/"
    )


# The admin ------------------------------------------------------------------------------


def form(*versions: tuple[str, Tag]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "versions-TOTAL_FORMS": len(versions),
        "versions-INITIAL_FORMS": 0,
        "versions-MIN_NUM_FORMS": 2,
        "versions-MAX_NUM_FORMS": 1000,
    }
    for n, (language, version) in enumerate(versions):
        data[f"versions-{n}-locale"] = Locale.objects.get(language_code=language).pk
        data[f"versions-{n}-tag"] = version.pk
        data[f"versions-{n}-id"] = ""
    return data


ADD = "wagtailsnippets_articles_tagtranslation:add"


def test_an_editor_links_a_tag_to_its_version(db) -> None:  # type: ignore[no-untyped-def]
    response = editor().post(reverse(ADD), form(("en", tag("Syria")), ("ar", tag("سوريا"))))

    assert response.status_code == 302
    assert str(TagTranslation.objects.get()) == "Syria · سوريا"


def test_an_editor_sees_the_translations_of_tags_in_the_admin(db) -> None:  # type: ignore[no-untyped-def]
    link(en="Syria", ar="سوريا", fa="سوریه")
    client = editor()

    listing = client.get(reverse("wagtailsnippets_articles_tagtranslation:list"))
    form_page = client.get(reverse(ADD))

    assert (listing.status_code, form_page.status_code) == (200, 200)
    assert "Syria · سوريا · سوریه" in listing.content.decode()


def test_a_writer_cannot_link_tags(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(member_of(WRITER))

    response = client.post(reverse(ADD), form(("en", tag("Syria")), ("ar", tag("سوريا"))))

    # Turned back to the dashboard, as for any form the writer may not use.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not TagTranslation.objects.exists()


@pytest.mark.parametrize(
    "versions",
    [
        pytest.param((("en", "Syria"), ("en", "Syrie")), id="two-tags-for-one-language"),
        pytest.param((("en", "Syria"), ("ar", "Valdoria")), id="a-tag-in-another-translation"),
    ],
)
def test_the_admin_refuses_a_second_version_in_one_language(
    db, versions: tuple[tuple[str, str], ...]
) -> None:  # type: ignore[no-untyped-def]
    link(en="Valdoria", ar="Valdoria")
    before = TagTranslation.objects.count()

    response = editor().post(reverse(ADD), form(*((code, tag(name)) for code, name in versions)))

    assert response.status_code == 200  # the form again, saying what is wrong
    assert TagTranslation.objects.count() == before


# The demo ------------------------------------------------------------------------------


def demo_tag_names() -> dict[str, set[str]]:
    """The tags the demo writes in each language (structure.make_tags, local._tags)."""
    english = {name for topic in TOPICS for name in topic.tags} | set(GENERAL_TAGS)
    english |= {name for c in COUNTRIES for name in (c.name, c.capital, *c.cities)}
    found = {"en": english}
    for tongue in TONGUES:
        names = {name for topic in tongue.topics for name in topic.tags}
        names |= {name for p in tongue.places for name in (p.country, p.capital, *p.cities)}
        found[tongue.code] = names
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_links_only_tags_it_writes(language: str) -> None:
    column = LANGUAGES.index(language)
    linked = {row[column] for row in LINKED_TAGS if row[column]}

    assert linked - demo_tag_names()[language] == set()


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_the_demo_links_every_tag_of_the_arabic_and_persian_sites(language: str) -> None:
    column = LANGUAGES.index(language)

    assert demo_tag_names()[language] - {row[column] for row in LINKED_TAGS} == set()


def test_the_demo_links_its_tags(db) -> None:  # type: ignore[no-untyped-def]
    for name in ("drought", "الجفاف", "خشکسالی", "Sarrant", "سارانت"):
        tag(name)

    made = link_tags()

    assert made == 2
    assert tag_languages(tag("drought")).slugs == {"en": "drought", "ar": "الجفاف", "fa": "خشکسالی"}
    assert tag_languages(tag("سارانت")).slugs == {"en": "sarrant", "ar": "سارانت", "fa": "سارانت"}
