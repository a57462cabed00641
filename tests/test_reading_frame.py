"""The frame of every reading page: header search, footer information pages, listings'
lead story and second column, archive months, the article's labels and share links
(decision 0026)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale

from newsdesk.articles.models import ArticleKind
from newsdesk.home.models import InfoPage
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_page_has_a_search_box_whose_form_goes_to_search(client: Client, news) -> None:  # type: ignore[no-untyped-def]
    html = client.get(news.url).content.decode()
    assert (
        '<form class="masthead__search" id="masthead-search" method="get" action="/search/"' in html
    )
    assert 'class="masthead__search-toggle" href="/search/"' in html


def test_the_section_row_does_not_repeat_the_search_entry(client: Client, news) -> None:  # type: ignore[no-untyped-def]
    html = client.get(news.url).content.decode()
    row = html[html.index('class="masthead__nav"') : html.index('class="masthead__languages"')]
    assert news.url in row
    assert 'href="/search/"' not in row


def test_the_search_page_form_has_a_real_action(client: Client, home) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/search/?q=water").content.decode()
    assert 'class="search-form search-form--page" method="get" action="/search/"' in html


def test_the_footer_links_the_published_information_pages(client: Client, home) -> None:  # type: ignore[no-untyped-def]
    about = InfoPage(title="About us", slug="about", body="<p>Who we are.</p>")
    home.add_child(instance=about)
    about.save_revision().publish()
    html = client.get("/").content.decode()
    assert '<a href="/about/">About us</a>' in html
    assert "Who we are." in client.get("/about/").content.decode()


def test_a_withdrawn_information_page_leaves_the_footer(client: Client, home) -> None:  # type: ignore[no-untyped-def]
    privacy = InfoPage(title="Privacy", slug="privacy")
    home.add_child(instance=privacy)
    privacy.save_revision().publish()
    assert 'href="/privacy/"' in client.get("/").content.decode()
    privacy.unpublish()
    assert 'href="/privacy/"' not in client.get("/").content.decode()


def test_a_listing_leads_with_its_newest_story(client: Client, news) -> None:  # type: ignore[no-untyped-def]
    factories.make_article(news, "Older story")
    newest = factories.make_article(news, "Newest story", published_at=timezone.now())
    html = client.get(news.url).content.decode()
    lead = html.index('class="card-list__lead"')
    assert html.index(newest.title) > lead
    assert html.index(newest.title) < html.index("Older story")
    assert 'class="listing-layout__aside"' in html


def test_the_year_archive_names_its_months(client: Client, news) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/archive/2025/").content.decode()
    assert '<a href="/archive/2025/3/">March</a>' in html
    html_ar = client.get("/ar/archive/2025/").content.decode()
    assert '<a href="/ar/archive/2025/3/">مارس</a>' in html_ar


def test_a_month_archive_links_the_months_around_it(client: Client, news) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/archive/2025/1/").content.decode()
    assert '<a rel="prev" href="/archive/2024/12/">December 2024</a>' in html
    assert '<a rel="next" href="/archive/2025/2/">February 2025</a>' in html


def test_the_archive_links_no_month_to_come(client: Client, news) -> None:  # type: ignore[no-untyped-def]
    this_month = timezone.localdate().replace(day=1)
    next_year = this_month.year + 1
    assert "/archive/" not in _months_nav(client.get(f"/archive/{next_year}/").content.decode())
    html = client.get(f"/archive/{this_month.year}/{this_month.month}/").content.decode()
    assert 'rel="prev"' in html
    assert 'rel="next"' not in html


def _months_nav(html: str) -> str:
    start = html.index('class="archive-months"')
    return html[start : html.index("</nav>", start)]


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_an_article_in_its_kinds_own_section_names_the_kind_once(  # type: ignore[no-untyped-def]
    client: Client, home, language
) -> None:
    # The Arabic kind "News" and a section called "News" are different words.
    if language != "en":
        home = home.copy_for_translation(Locale.objects.get(language_code=language))
        home.save_revision().publish()
    section = factories.make_section(home, f"Latest{language}")
    section.default_kind = ArticleKind.NEWS
    section.save()
    story = factories.make_article(section, "A story of the day", kind=ArticleKind.NEWS)
    html = client.get(story.url).content.decode()
    assert "article__kind--news" in html
    assert 'class="article__section"' not in html
    assert "{#" not in html


def test_an_authors_name_and_bio_keep_their_own_direction(client: Client, reporter) -> None:  # type: ignore[no-untyped-def]
    reporter.bio = "Has reported from the region."
    reporter.save()
    html = client.get(f"/authors/{reporter.slug}/").content.decode()
    assert "<h1><bdi>Leila Haddad</bdi></h1>" in html
    assert '<p class="person__bio"><bdi>Has reported from the region.</bdi></p>' in html
    assert "{#" not in html


def test_the_article_says_its_kind_and_section(client: Client, home) -> None:  # type: ignore[no-untyped-def]
    world = factories.make_section(home, "World")
    story = factories.make_article(world, "Why the talks failed", kind=ArticleKind.ANALYSIS)
    html = client.get(story.url).content.decode()
    assert '<span class="article__kind article__kind--analysis">Analysis</span>' in html
    assert f'<a class="article__section" href="{world.url}">World</a>' in html


def test_share_links_use_the_site_address_and_load_nothing(client: Client, news) -> None:  # type: ignore[no-untyped-def]
    story = factories.make_article(news, "A story to share")
    html = client.get(story.url).content.decode()
    address = f"http%3A%2F%2Flocalhost%2Fnews%2F{story.slug}%2F"
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={address}"' in html
    assert f"mailto:?subject=A%20story%20to%20share&amp;body={address}" in html
    # Links only: nothing from those hosts is an image, a script or a frame.
    assert 'src="https://' not in html
