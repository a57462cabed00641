"""Live coverage (decision 0028): a live page's entries, newest first, with a pinned entry
and corrections; kept with the page and dropped from every cache the moment an entry is
posted or corrected; listed like an article through the one visibility rule; and ended
with a summary that becomes an ordinary article."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.live import selectors, services
from newsdesk.live.models import ENTRIES_PER_PAGE, LiveEntry, LivePage
from newsdesk.people.models import Person
from tests import factories
from tools.standards import jsonld

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(news: SectionPage, reporter: Person) -> LivePage:
    return factories.make_live_page(
        news,
        "Live: floods in the delta",
        authors=[reporter],
        hero_image=factories.ImageFactory(),
        hero_alt="A flooded street",
    )


def entry_ids(html: str) -> list[int]:
    """The entries a page shows, in order (the pinned one first, marked)."""
    return [int(found) for found in re.findall(r'data-entry="(\d+)"', html)]


def ago(minutes: int) -> timezone.datetime:
    return timezone.now() - timedelta(minutes=minutes)


# What readers see -------------------------------------------------------------------------


def test_entries_are_shown_newest_first_with_their_author_and_time(
    client: Client, live: LivePage, reporter: Person
) -> None:
    older = factories.post_entry(live, "Water rises", author=reporter, posted_at=ago(30))
    newer = factories.post_entry(live, "Bridge closed", posted_at=ago(5))

    html = client.get(live.url).content.decode()

    assert entry_ids(html) == [newer.pk, older.pk]
    assert "Leila Haddad" in html
    assert f'datetime="{older.posted_at.replace(microsecond=0).isoformat()}"' in html


def test_the_pinned_entry_is_shown_first_and_once(client: Client, live: LivePage) -> None:
    pinned = factories.post_entry(live, "Where to find shelter", pinned=True, posted_at=ago(60))
    newest = factories.post_entry(live, "Rain stops", posted_at=ago(1))

    html = client.get(live.url).content.decode()

    assert entry_ids(html) == [pinned.pk, newest.pk]
    assert "live-entry--pinned" in html


def test_a_corrected_entry_says_so_with_the_time_of_the_correction(
    client: Client, live: LivePage
) -> None:
    entry = factories.post_entry(live, "Two bridges closed", posted_at=ago(20))
    entry.text = "<p>One bridge closed.</p>"
    entry.correction = "An earlier version said two bridges were closed."
    entry.save()

    html = client.get(live.url).content.decode()

    assert "One bridge closed." in html
    assert "An earlier version said two bridges were closed." in html
    assert "live-entry--corrected" in html
    assert entry.corrected_at is not None


@pytest.mark.parametrize(
    ("first", "then", "dated_again"),
    [
        ("", "", False),  # no correction: no time
        ("", "A name was misspelt.", True),  # a correction: dated
        ("A name was misspelt.", "A name was misspelt.", False),  # saved again: same time
        ("A name was misspelt.", "The time was wrong.", True),  # a new correction: new time
    ],
)
def test_an_entry_is_dated_corrected_only_when_its_correction_changes(
    live: LivePage, first: str, then: str, dated_again: bool
) -> None:
    entry = factories.post_entry(live, "Shelters open", correction=first)
    before = LiveEntry.objects.get(pk=entry.pk)
    stamped = before.corrected_at
    before.correction = then
    before.save()

    after = LiveEntry.objects.get(pk=entry.pk).corrected_at
    assert (after is not None and after != stamped) == dated_again
    assert (after is None) == (then == "")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": ""}, "__all__"),
        ({"embed_url": "https://example.org/video/1"}, "embed_url"),
        ({"embed_url": "http://www.youtube.com/watch?v=abc"}, "embed_url"),
        ({"posted_at": timezone.now() + timedelta(hours=1)}, "posted_at"),
    ],
)
def test_an_entry_that_cannot_be_shown_is_refused(
    live: LivePage, reporter: Person, fields: dict, field: str
) -> None:
    values = {"text": "<p>Text</p>", **fields}
    entry = LiveEntry(live_page=live, author=reporter, **values)

    with pytest.raises(ValidationError) as refused:
        entry.full_clean()

    assert field in refused.value.message_dict


def test_a_picture_needs_its_description(live: LivePage, reporter: Person) -> None:
    entry = LiveEntry(live_page=live, author=reporter, image=factories.ImageFactory())

    with pytest.raises(ValidationError) as refused:
        entry.full_clean()

    assert "image_alt" in refused.value.message_dict


def test_a_video_is_a_facade_that_loads_nothing_from_its_host(
    client: Client, live: LivePage
) -> None:
    factories.post_entry(live, "Footage", embed_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")

    html = client.get(live.url).content.decode()

    assert 'data-film-provider="youtube"' in html
    assert 'data-film-id="dQw4w9WgXcQ"' in html
    assert "<iframe" not in html


def test_older_entries_are_on_later_pages_without_script(client: Client, live: LivePage) -> None:
    entries = [
        factories.post_entry(live, f"Update {n}", posted_at=ago(n + 1))
        for n in range(ENTRIES_PER_PAGE + 2)
    ]

    first = client.get(live.url).content.decode()
    second = client.get(f"{live.url}?page=2").content.decode()

    assert entry_ids(first) == [entry.pk for entry in entries[:ENTRIES_PER_PAGE]]
    assert f'href="{live.url}?page=2"' in first
    assert entry_ids(second) == [entry.pk for entry in entries[ENTRIES_PER_PAGE:]]
    assert "data-live-url" not in second  # only the newest page asks for new entries


@pytest.mark.parametrize(
    ("query", "status"),
    [("?page=2", 404), ("?page=x", 400), ("?part=everything", 400), ("?part=entries", 200)],
)
def test_what_a_live_page_reads_from_its_address(
    client: Client, live: LivePage, query: str, status: int
) -> None:
    factories.post_entry(live, "One entry")

    assert client.get(live.url + query).status_code == status


def test_the_entries_part_holds_the_entries_alone(client: Client, live: LivePage) -> None:
    entry = factories.post_entry(live, "Dam holds")

    response = client.get(f"{live.url}?part=entries")

    html = response.content.decode()
    assert entry_ids(html) == [entry.pk]
    assert "<html" not in html
    assert response["Content-Type"].startswith("text/html")


# In Arabic --------------------------------------------------------------------------------

ARABIC_EMPTY = "ستظهر التحديثات الأولى هنا."  # The first entries will appear here.
ARABIC_RUNNING = "التغطية مستمرة."  # Coverage is running.


@pytest.fixture
def arabic_live(home) -> LivePage:  # type: ignore[no-untyped-def]
    """Live coverage on the Arabic site, just started: no entries yet."""
    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    arabic_home = home.copy_for_translation(arabic)
    arabic_home.save_revision().publish()
    section = factories.make_section(arabic_home, "Akhbar")
    return factories.make_live_page(section, "مباشر: فيضانات في الدلتا", lead="تابعوا الفيضانات.")


def test_an_arabic_live_page_without_entries_says_so_in_arabic_right_to_left(
    client: Client, arabic_live: LivePage
) -> None:
    response = client.get(arabic_live.url)

    html = response.content.decode()
    assert arabic_live.url.startswith("/ar/") and response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert ARABIC_EMPTY in html and ARABIC_RUNNING in html
    assert "The first entries will appear here." not in html
    assert entry_ids(html) == []


def test_the_entries_part_of_an_arabic_live_page_without_entries_is_arabic(
    client: Client, arabic_live: LivePage
) -> None:
    response = client.get(f"{arabic_live.url}?part=entries")

    html = response.content.decode()
    assert response.status_code == 200
    assert ARABIC_EMPTY in html and ARABIC_RUNNING in html
    assert "The first entries will appear here." not in html


# Through the caches -----------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "?part=entries"])
def test_a_new_entry_appears_at_once_on_the_kept_page(
    client: Client, live: LivePage, query: str
) -> None:
    factories.post_entry(live, "First")
    client.get(live.url + query)
    assert client.get(live.url + query)["X-Cache"] == "HIT"

    entry = factories.post_entry(live, "Second")

    assert entry_ids(client.get(live.url + query).content.decode())[0] == entry.pk


def test_a_correction_appears_at_once_on_the_kept_page(client: Client, live: LivePage) -> None:
    entry = factories.post_entry(live, "Three hurt")
    client.get(live.url)
    assert client.get(live.url)["X-Cache"] == "HIT"

    entry.correction = "Four people were hurt, not three."
    entry.save()

    assert "Four people were hurt" in client.get(live.url).content.decode()


def test_a_deleted_entry_leaves_the_kept_page(client: Client, live: LivePage) -> None:
    entry = factories.post_entry(live, "Unconfirmed report")
    assert entry_ids(client.get(live.url).content.decode()) == [entry.pk]

    entry.delete()

    response = client.get(live.url)
    assert response.status_code == 200
    assert live.title in response.content.decode()
    assert entry_ids(response.content.decode()) == []


def test_the_live_page_carries_its_entries_tag_for_caches_in_front(
    client: Client, live: LivePage
) -> None:
    for query in ("", "?part=entries"):
        keys = client.get(live.url + query)["Surrogate-Key"].split()
        assert f"live:{live.pk}" in keys


def test_an_entry_drops_the_live_page_and_no_list(
    client: Client, live: LivePage, news: SectionPage
) -> None:
    for url in ("/", news.url, live.url):
        client.get(url)

    factories.post_entry(live, "Another update")

    assert client.get("/")["X-Cache"] == "HIT"
    assert client.get(news.url)["X-Cache"] == "HIT"
    assert client.get(live.url)["X-Cache"] != "HIT"


def test_an_entry_declares_only_its_live_page(live: LivePage) -> None:
    entry = factories.post_entry(live, "Declared")

    assert entry.cache_tags() == {f"live:{live.pk}"}


# Visibility -------------------------------------------------------------------------------


def test_a_live_page_is_listed_like_an_article(
    client: Client, live: LivePage, news: SectionPage
) -> None:
    assert live.title in client.get(news.url).content.decode()
    assert live.title in client.get("/feeds/rss.xml").content.decode()
    assert live.url in client.get("/sitemaps/news.xml").content.decode()


def test_a_withdrawn_live_page_reaches_no_reader(
    client: Client, live: LivePage, news: SectionPage
) -> None:
    factories.post_entry(live, "Before withdrawal")
    client.get(live.url)
    client.get(f"{live.url}?part=entries")

    live.unpublish()

    assert client.get(live.url).status_code == 404
    assert client.get(f"{live.url}?part=entries").status_code == 404
    assert live.title not in client.get(news.url).content.decode()
    assert selectors.running(live.locale_id) == []


def test_an_embargoed_live_page_is_not_running_for_readers(live: LivePage) -> None:
    assert [page.pk for page in selectors.running(live.locale_id)] == [live.pk]

    LivePage.objects.filter(pk=live.pk).update(embargo_until=timezone.now() + timedelta(hours=1))

    assert selectors.running(live.locale_id) == []


def test_running_coverage_is_per_language(live: LivePage) -> None:
    arabic = Locale.objects.get_or_create(language_code="ar")[0]

    assert [page.pk for page in selectors.running(live.locale_id)] == [live.pk]
    assert selectors.running(arabic.pk) == []


# The home page's strip --------------------------------------------------------------------


def test_the_home_page_shows_running_coverage(client: Client, home, live: LivePage) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/").content.decode()

    assert 'class="live-strip"' in html
    assert live.url in html


def test_the_home_page_shows_no_strip_without_coverage(client: Client, home) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/")

    # The home page with its blocks, where the strip would be above them.
    assert response.status_code == 200
    assert '<div class="home-blocks">' in response.content.decode()
    assert 'class="live-strip"' not in response.content.decode()


def test_new_coverage_appears_on_the_kept_home_page(
    client: Client, home, news: SectionPage
) -> None:  # type: ignore[no-untyped-def]
    client.get("/")
    assert client.get("/")["X-Cache"] == "HIT"

    live = factories.make_live_page(news, "Live: storm reaches the coast")

    assert live.url in client.get("/").content.decode()


# Ending -----------------------------------------------------------------------------------


def test_ending_coverage_publishes_the_summary_as_an_article(
    client: Client, live: LivePage, news: SectionPage, reporter: Person
) -> None:
    factories.post_entry(live, "Last update")
    client.get(live.url)
    client.get("/")

    summary = services.end_coverage(
        live,
        title="Floods in the delta: what happened",
        lead="Three days of rain flooded the delta.",
        text="The river rose.\n\nThe bridges reopened.",
    )

    live.refresh_from_db()
    assert live.coverage_ended_at is not None and live.summary_id == summary.pk
    assert type(summary) is ArticlePage and summary.live and summary.get_parent().pk == news.pk
    assert [link.person_id for link in summary.authors.all()] == [reporter.pk]
    html = client.get(live.url).content.decode()
    assert "Live coverage has ended" in html and summary.url in html
    assert "data-live-url" not in html  # open pages stop asking
    assert 'class="live-strip"' not in client.get("/").content.decode()
    article = client.get(summary.url).content.decode()
    assert "The bridges reopened." in article


def test_an_open_page_learns_that_coverage_ended(client: Client, live: LivePage) -> None:
    client.get(f"{live.url}?part=entries")

    services.end_coverage(live, title="Summary", lead="Lead.", text="Text.")

    assert 'data-live-state="ended"' in client.get(f"{live.url}?part=entries").content.decode()


# Structured data --------------------------------------------------------------------------


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in jsonld.blocks(html.encode())]


def test_a_live_page_is_a_live_blog_posting_with_its_entries(
    client: Client, live: LivePage
) -> None:
    first = factories.post_entry(live, "Water rises", posted_at=ago(10))
    second = factories.post_entry(live, "Bridge closed", headline="Bridge closed", posted_at=ago(2))

    html = client.get(live.url).content.decode()

    posting = next(block for block in json_ld(html) if block["@type"] == "LiveBlogPosting")
    assert posting["coverageStartTime"]
    assert "coverageEndTime" not in posting
    assert [update["url"].rsplit("#", 1)[1] for update in posting["liveBlogUpdate"]] == [
        second.anchor,
        first.anchor,
    ]
    assert posting["liveBlogUpdate"][0]["headline"] == "Bridge closed"
    base = re.match(r"https?://[^/]+", posting["url"]).group(0)  # type: ignore[union-attr]
    assert [error for block in json_ld(html) for error in jsonld.check(block, base)] == []


def test_ended_coverage_has_its_end_time(client: Client, live: LivePage) -> None:
    services.end_coverage(live, title="Summary", lead="Lead.", text="Text.")

    html = client.get(live.url).content.decode()

    posting = next(block for block in json_ld(html) if block["@type"] == "LiveBlogPosting")
    assert posting["coverageEndTime"]
