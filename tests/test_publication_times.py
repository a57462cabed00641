"""Publication times: given by publishing, kept by republishing, the same on every surface."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.gallery.models import GalleryIndexPage, PhotoGalleryPage
from newsdesk.newsroom.roles import EDITOR
from newsdesk.sitemaps.selectors import ID_SPAN
from tests import factories

OPENED = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)  # the writer opens the form
FIRST = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)  # an editor publishes after review
AGAIN = datetime(2026, 5, 1, 15, 30, tzinfo=UTC)
LATER = datetime(2026, 5, 1, 18, 45, tzinfo=UTC)
READ = datetime(2026, 5, 1, 20, 0, tzinfo=UTC)  # a reader comes by
BACK_DATED = datetime(2026, 4, 30, 23, 15, tzinfo=UTC)


def write_draft(section: SectionPage, **fields: Any) -> ArticlePage:
    with time_machine.travel(OPENED, tick=False):
        article = ArticlePage(
            title="Talks resume in Doha",
            slug="talks-resume-in-doha",
            lead="Negotiators met again.",
            live=False,
            **fields,
        )
        section.add_child(instance=article)
        article.save_revision()
    return article


def publish(article: ArticlePage, at: datetime, **changes: Any) -> ArticlePage:
    """What the edit form does: the latest version, changed, saved and published."""
    with time_machine.travel(at, tick=False):
        page = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
        for field, value in changes.items():
            setattr(page, field, value)
        page.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)


# The rules ---------------------------------------------------------------------------------


def test_a_draft_has_no_publication_time_until_it_is_published(news: SectionPage) -> None:
    draft = write_draft(news)

    assert (draft.published_at, draft.title) == (None, "Talks resume in Doha")


def test_the_first_publication_gives_the_publication_time(news: SectionPage) -> None:
    article = publish(write_draft(news), FIRST)

    assert (article.published_at, article.updated_at) == (FIRST, None)
    assert article.first_published_at == FIRST


def test_a_republication_keeps_the_publication_time_and_sets_updated(news: SectionPage) -> None:
    article = publish(write_draft(news), FIRST)

    article = publish(article, AGAIN, lead="Negotiators met again, and agreed on a truce.")

    assert (article.published_at, article.updated_at) == (FIRST, AGAIN)


def test_a_deliberate_back_date_is_kept_through_republications(news: SectionPage) -> None:
    article = publish(write_draft(news, published_at=BACK_DATED), FIRST)
    assert article.published_at == BACK_DATED

    article = publish(article, AGAIN, lead="A new lead.")

    assert (article.published_at, article.updated_at) == (BACK_DATED, AGAIN)


def test_a_minor_edit_does_not_move_updated(news: SectionPage) -> None:
    article = publish(publish(write_draft(news), FIRST), AGAIN, lead="A new lead.")

    article = publish(article, LATER, lead="A new lead, without its typo.", minor_edit=True)

    assert (article.updated_at, article.last_published_at) == (AGAIN, LATER)


def test_a_future_publication_time_schedules_the_page_for_then(news: SectionPage) -> None:
    article = publish(write_draft(news, published_at=LATER), FIRST)

    assert (article.live, article.go_live_at) == (False, LATER)
    assert article.revisions.get(approved_go_live_at__isnull=False).approved_go_live_at == LATER


def test_a_copy_is_given_its_own_time_by_its_own_first_publication(news: SectionPage) -> None:
    original = publish(publish(write_draft(news), FIRST), AGAIN, lead="A new lead.")
    with time_machine.travel(AGAIN, tick=False):
        copy = original.copy(
            keep_live=False, update_attrs={"title": "Talks, again", "slug": "talks-again"}
        )

    copy = publish(copy, LATER)

    assert (copy.published_at, copy.updated_at) == (LATER, None)
    assert ArticlePage.objects.get(pk=original.pk).published_at == FIRST


def test_a_first_publication_without_a_time_stamps_a_photo_gallery_too(home: Any) -> None:
    index: GalleryIndexPage = factories.make_gallery_index(home)
    with time_machine.travel(FIRST, tick=False):
        gallery = factories.make_photo_gallery(index)

    assert PhotoGalleryPage.objects.get(pk=gallery.pk).published_at == FIRST


# The edit form -----------------------------------------------------------------------------


def test_the_minor_edit_box_starts_unticked_on_what_is_live(
    client: Client, news: SectionPage
) -> None:
    publish(publish(write_draft(news), FIRST), AGAIN, lead="Typo fixed.", minor_edit=True)
    client.force_login(factories.member_of(EDITOR))

    html = client.get(reverse("wagtailadmin_pages:edit", args=[news.get_children()[0].pk]))

    box = re.search(r'<input[^>]*name="minor_edit"[^>]*>', html.content.decode())
    assert box is not None
    assert "checked" not in box.group(0)


def test_the_form_refuses_a_publication_time_after_the_last_update(news: SectionPage) -> None:
    article = publish(publish(write_draft(news), FIRST), AGAIN, lead="A new lead.")
    page = article.get_latest_revision_as_object()
    page.published_at = AGAIN + timedelta(minutes=5)

    with pytest.raises(Exception, match="cannot be later than the last update"):
        page.full_clean()


# The same times on every surface -------------------------------------------------------------


def on_the_page(client: Client, article: ArticlePage) -> tuple[str, str]:
    html = client.get(article.url).content.decode()
    dateline = html[html.index('class="dateline"') :]
    published, updated = re.findall(r'<time datetime="([^"]+)"', dateline)[:2]
    return published, updated


def in_json_ld(client: Client, article: ArticlePage) -> tuple[str, str]:
    html = client.get(article.url).content.decode()
    for block in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S):
        data = json.loads(block)
        for item in data if isinstance(data, list) else [data]:
            if item.get("@type") == "NewsArticle":
                return item["datePublished"], item["dateModified"]
    raise AssertionError("no NewsArticle")


def in_the_feed(client: Client, article: ArticlePage) -> tuple[str, str]:
    feed = json.loads(client.get("/feeds/feed.json").content)
    (item,) = [item for item in feed["items"] if item["url"].endswith(article.url)]
    return item["date_published"], item["date_modified"]


def in_the_sitemaps(client: Client, article: ArticlePage) -> tuple[str, str]:
    news = client.get(reverse("sitemap-news")).content.decode()
    articles = client.get(
        reverse("sitemap-articles", args=[article.pk // ID_SPAN])
    ).content.decode()
    (published,) = re.findall(r"<news:publication_date>([^<]+)<", news)
    (modified,) = re.findall(r"<lastmod>([^<]+)<", articles)
    return published, modified


def in_the_api(client: Client, article: ArticlePage) -> tuple[str, str]:
    data = client.get(f"/api/v1/articles/{article.pk}/").json()
    return data["published_at"], data["updated_at"]


@pytest.mark.parametrize(
    "surface", [on_the_page, in_json_ld, in_the_feed, in_the_sitemaps, in_the_api]
)
def test_every_surface_gives_the_same_times(
    client: Client, news: SectionPage, surface: Callable[[Client, ArticlePage], tuple[str, str]]
) -> None:
    article = publish(write_draft(news, published_at=BACK_DATED), FIRST)
    article = publish(article, AGAIN, lead="The truce holds.")
    publish(article, LATER, lead="The truce holds, say both sides.", minor_edit=True)

    with time_machine.travel(READ):
        published, modified = surface(client, article)

    assert (_parse(published), _parse(modified)) == (BACK_DATED, AGAIN)


def test_a_cached_article_shows_its_update_once_republished(
    client: Client, news: SectionPage
) -> None:
    article = publish(write_draft(news), FIRST)
    with time_machine.travel(READ):
        first = client.get(article.url)
        assert client.get(article.url)["X-Cache"] == "HIT"

    publish(article, READ + timedelta(minutes=5), lead="The truce holds.")
    with time_machine.travel(READ + timedelta(minutes=10)):
        again = client.get(article.url)

    assert "Updated" not in first.content.decode()
    assert again["X-Cache"] == "MISS"
    assert on_the_page(client, article)[1] == (READ + timedelta(minutes=5)).isoformat()
    assert "1 May 2026, 20:05 UTC" in again.content.decode()


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
