"""Corrections, clarifications and updates: notes on a published article, on the article,
in its dateModified and feeds, and on the Corrections page of its language."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
import time_machine
from django.test import Client
from wagtail.models import Locale, PageViewRestriction

from newsdesk.articles.models import ArticleNote, ArticlePage, SectionPage
from newsdesk.articles.notes import NoteKind
from newsdesk.core.pagination import PAGE_SIZE
from newsdesk.home.models import HomePage
from newsdesk.lib.times import machine_time
from newsdesk.newsroom.roles import EDITOR
from tests import factories

pytestmark = pytest.mark.django_db

FIRST = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
NOTED = datetime(2026, 5, 1, 14, 0, tzinfo=UTC)
REPUBLISHED = datetime(2026, 5, 1, 14, 5, tzinfo=UTC)
READ = datetime(2026, 5, 1, 16, 0, tzinfo=UTC)


def story(section: SectionPage, title: str = "Ceasefire talks resume") -> ArticlePage:
    with time_machine.travel(FIRST, tick=False):
        return factories.make_article(section, title, published_at=FIRST)


def add_note(
    article: ArticlePage,
    text: str,
    kind: str = NoteKind.CORRECTION,
    noted_at: datetime = NOTED,
    at: datetime = REPUBLISHED,
    *,
    minor: bool = False,
) -> ArticlePage:
    """What an editor does in the article's form: a note, then Publish."""
    with time_machine.travel(at, tick=False):
        page = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
        page.notes.add(ArticleNote(kind=kind, noted_at=noted_at, text=text))
        page.minor_edit = minor
        page.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


def test_the_article_shows_a_published_note_with_its_machine_time(
    client: Client, news: SectionPage
) -> None:
    article = add_note(story(news), "An earlier version gave the wrong date of the talks.")

    html = client.get(article.url).content.decode()

    assert "An earlier version gave the wrong date of the talks." in html
    assert f'<time datetime="{machine_time(NOTED)}">' in html


def test_a_note_saved_as_a_draft_reaches_no_reader(client: Client, news: SectionPage) -> None:
    article = story(news)
    page = article.get_latest_revision_as_object()
    page.notes.add(ArticleNote(kind=NoteKind.CORRECTION, text="Not yet approved."))
    page.save_revision()

    reading = client.get(article.url)
    corrections = client.get("/corrections/")

    # Both pages are shown, with the published article, only without the draft's note.
    assert reading.status_code == corrections.status_code == 200
    assert "Ceasefire talks resume" in reading.content.decode()
    assert "Not yet approved." not in reading.content.decode()
    assert "Not yet approved." not in corrections.content.decode()


def test_a_kept_article_page_shows_a_note_published_after_it_was_kept(
    client: Client, news: SectionPage
) -> None:
    article = story(news)
    client.get(article.url)  # kept by the page cache and as fragments

    add_note(article, "The minister's name was misspelt.")

    assert "The minister&#x27;s name was misspelt." in client.get(article.url).content.decode()


@pytest.mark.parametrize("minor", [False, True])
def test_a_note_makes_its_time_the_articles_last_update_even_after_a_minor_edit(
    news: SectionPage, minor: bool
) -> None:
    article = add_note(story(news), "Figures corrected.", minor=minor)

    assert article.updated_at == (NOTED if minor else REPUBLISHED)
    assert article.modified_at >= NOTED


def test_json_ld_date_modified_tells_the_newest_note(client: Client, news: SectionPage) -> None:
    article = add_note(story(news), "Figures corrected.", minor=True)

    html = client.get(article.url).content.decode()
    blocks = html.split('<script type="application/ld+json">')[1:]
    data = [json.loads(block.split("</script>", 1)[0]) for block in blocks]
    news_article = next(item for item in data if item.get("@type") == "NewsArticle")

    assert datetime.fromisoformat(news_article["dateModified"]) == NOTED


def test_a_note_dated_later_than_its_publication_does_not_move_the_update_time(
    news: SectionPage,
) -> None:
    later = REPUBLISHED + timedelta(hours=3)
    article = add_note(story(news), "Scheduled wording.", noted_at=later, minor=True)

    # The note is published; only its date is not taken as the update time.
    assert [note.text for note in article.notes.all()] == ["Scheduled wording."]
    assert article.updated_at is None


def test_the_feed_entry_is_updated_and_carries_the_note(client: Client, news: SectionPage) -> None:
    add_note(story(news), "The talks are in Doha, not Cairo.", minor=True)

    entry = feedparser.parse(client.get("/feeds/atom.xml").content).entries[0]

    assert tuple(entry.updated_parsed)[:6] == NOTED.timetuple()[:6]
    assert "The talks are in Doha, not Cairo." in entry.summary


# The Corrections page -------------------------------------------------------------------


def test_the_corrections_page_lists_corrections_and_clarifications_not_updates(
    client: Client, news: SectionPage
) -> None:
    article = add_note(story(news), "Wrong date corrected.")
    add_note(article, "Clarified who spoke.", kind=NoteKind.CLARIFICATION)
    add_note(article, "Casualty figures updated.", kind=NoteKind.UPDATE)

    html = client.get("/corrections/").content.decode()

    assert "Wrong date corrected." in html
    assert "Clarified who spoke." in html
    assert "Casualty figures updated." not in html
    assert f'href="{article.url}"' in html


@pytest.mark.parametrize("hide", ["unpublish", "restrict", "delete"])
def test_the_corrections_page_drops_a_note_when_its_article_is_hidden(
    client: Client, news: SectionPage, hide: str
) -> None:
    article = add_note(story(news), "Wrong date corrected.")
    assert "Wrong date corrected." in client.get("/corrections/").content.decode()  # kept

    if hide == "unpublish":
        article.unpublish()
    elif hide == "restrict":
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    else:
        article.delete()

    assert "Wrong date corrected." not in client.get("/corrections/").content.decode()


def test_the_corrections_page_lists_only_its_languages_articles(
    client: Client, home: HomePage, news: SectionPage
) -> None:
    persian, _created = Locale.objects.get_or_create(language_code="fa")
    persian_home = home.copy_for_translation(persian)
    persian_home.save_revision().publish()
    persian_news = news.copy_for_translation(persian)
    persian_news.save_revision().publish()
    add_note(story(news), "English correction.")
    add_note(story(persian_news, "Persian story"), "Persian correction.")

    english = client.get("/corrections/").content.decode()
    farsi = client.get("/fa/corrections/").content.decode()

    assert "English correction." in english and "Persian correction." not in english
    assert "Persian correction." in farsi and "English correction." not in farsi


def test_the_corrections_page_is_paginated_newest_first(client: Client, news: SectionPage) -> None:
    article = story(news)
    with time_machine.travel(REPUBLISHED, tick=False):
        page = article.get_latest_revision_as_object()
        for n in range(PAGE_SIZE + 1):
            page.notes.add(
                ArticleNote(text=f"Correction number {n}.", noted_at=NOTED + timedelta(minutes=n))
            )
        page.save_revision().publish()

    first = client.get("/corrections/").content.decode()
    second = client.get("/corrections/?page=2").content.decode()

    assert first.index(f"Correction number {PAGE_SIZE}.") < first.index("Correction number 1.")
    assert "Correction number 0." in second
    assert "Correction number 0." not in first


@pytest.mark.parametrize(("query", "status"), [("?page=3", 404), ("?page=x", 400)])
def test_the_corrections_page_answers_a_bad_page_with_a_4xx(
    client: Client, news: SectionPage, query: str, status: int
) -> None:
    add_note(story(news), "Wrong date corrected.")

    assert client.get(f"/corrections/{query}").status_code == status


def test_every_page_links_to_its_languages_corrections_page(
    client: Client, news: SectionPage
) -> None:
    html = client.get(story(news).url).content.decode()

    assert 'href="/corrections/"' in html


def test_the_article_form_offers_corrections_and_updates(client: Client, news: SectionPage) -> None:
    article = story(news)
    client.force_login(factories.member_of(EDITOR))

    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    assert "Corrections and updates" in html
    assert 'id="id_notes-TOTAL_FORMS"' in html
