"""A reader of the Arabic or the Persian site stays in that language from the home page to
the gallery, and the language switcher takes them to the translation of the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Page, expect
from wagtail.models import Locale
from wagtail.models import Page as WagtailPage

from newsdesk.articles.models import ArticlePage
from newsdesk.gallery.models import GalleryIndexPage
from newsdesk.maps.models import MapPage
from tests import factories
from tests.maps.factories import make_event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "ar": {
        "site": "مكتب الأخبار",
        "section": "أخبار",
        "story": "الحكومة تعلن خطة جديدة للمياه",
        "translated": "الحكومة تعلن تقنين المياه",
        "tag": "المياه",
        "query": "خطة",
        "author": "ليلى حداد",
        "map": "خريطة آخر التطورات",
        "gallery": "معرض الصور",
        "essay": "ليلة في الميناء",
        "event": "قصف جسر في حلب",
    },
    "fa": {
        "site": "میز خبر",
        "section": "خبر",
        "story": "دولت از طرح تازهٔ آب خبر داد",
        "translated": "دولت از جیره‌بندی آب خبر داد",
        "tag": "آب",
        "query": "طرح",
        "author": "مینا رحیمی",
        "map": "نقشهٔ آخرین رویدادها",
        "gallery": "گالری",
        "essay": "شبی در بندر",
        "event": "حمله به پلی در حلب",
    },
}


@dataclass
class LocalSite:
    english_story: ArticlePage
    translated_story: ArticlePage


def translated(page: WagtailPage, language: str, **fields: Any) -> Any:
    copy = page.specific.copy_for_translation(Locale.objects.get(language_code=language)).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    copy.save_revision().publish()
    return copy


def build(language: str, home: Any, news: Any) -> LocalSite:
    words = WORDS[language]
    local_home = translated(
        home, language, title=words["site"], site_name=words["site"], slug=f"front-{language}"
    )
    section = translated(news, language, title=words["section"])
    author = factories.PersonFactory(name=words["author"], slug=f"author-{language}")
    factories.make_article(section, words["story"], authors=[author], tags=[words["tag"]])
    english_story = factories.make_article(news, "Water rationing announced")
    translated_story = translated(english_story, language, title=words["translated"])
    local_home.add_child(
        instance=MapPage(title=words["map"], slug="map", show_in_menus=True)
    ).save_revision().publish()
    index = local_home.add_child(
        instance=GalleryIndexPage(title=words["gallery"], slug="gallery", show_in_menus=True)
    )
    index.save_revision().publish()
    factories.make_photo_gallery(index, words["essay"])
    make_event(title=words["event"], locale=local_home.locale)
    make_event(title="An English event", locale=home.locale)
    return LocalSite(english_story, translated_story)


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_a_reader_never_leaves_the_language(
    page: Page, live_server: Any, home: Any, news: Any, language: str
) -> None:
    build(language, home, news)
    words = WORDS[language]
    visited: list[str] = []
    page.on(
        "framenavigated",
        lambda frame: (
            visited.append(unquote(urlsplit(frame.url).path)) if frame == page.main_frame else None
        ),
    )
    nav = page.locator(".masthead__nav")

    page.goto(f"/{language}/")
    expect(page.locator(".masthead__brand")).to_have_text(words["site"])
    nav.get_by_role("link", name=words["section"], exact=True).click()
    page.get_by_role("link", name=words["story"]).first.click()
    page.locator("main").get_by_role("link", name=words["tag"]).first.click()
    expect(page.locator("h1")).to_contain_text(words["tag"])
    page.go_back()
    page.locator("main").get_by_role("link", name=words["author"]).first.click()
    expect(page.locator("h1")).to_contain_text(words["author"])
    # The header's search box (the section row has no Search link).
    page.locator("#masthead-q").fill(words["query"])
    page.locator("#masthead-q").press("Enter")
    expect(page.locator("main")).to_contain_text(words["story"])
    nav.get_by_role("link", name=words["map"]).click()
    # The full map's list, as its script draws it again: the language's events only.
    expect(page.locator(".news-map__canvas--drawn path.map-country").first).to_be_attached()
    expect(page.locator("[data-map-list] .map-event")).to_have_count(1)
    expect(page.locator("[data-map-list]")).to_contain_text(words["event"])
    nav.get_by_role("link", name=words["gallery"]).click()
    page.get_by_role("link", name=words["essay"]).first.click()

    assert len(visited) >= 9
    assert [path for path in visited if not path.startswith(f"/{language}/")] == []
    assert page.evaluate("document.documentElement.lang") == language


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_the_switcher_lands_on_the_translation(
    page: Page, live_server: Any, home: Any, news: Any, language: str
) -> None:
    site = build(language, home, news)

    page.goto(site.translated_story.url)
    page.locator(".masthead__languages").get_by_role("link", name="English").click()

    expect(page.locator("h1")).to_have_text("Water rationing announced")
    assert urlsplit(page.url).path == site.english_story.url
    # And back from the English story to its translation.
    page.locator(f".masthead__languages a[hreflang='{language}']").click()
    expect(page.locator("h1")).to_have_text(WORDS[language]["translated"])
    assert unquote(urlsplit(page.url).path) == unquote(site.translated_story.url)
