"""A page rendered between an editor's save and its commit is not kept with the old text.

The save invalidates the tags at once, but other connections still read the rows as they
were until the commit. A reader who renders in between records the tags' new versions
with the old text; only a second invalidation after the commit (core.invalidation) drops
that copy. Each test renders the article in another thread (its own connection) while
the change is saved but not committed, then reads the page again after the commit.

The tests commit what they write (transaction=True): the second connection must see
the article, and must not see the editor's change before the commit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django.test import Client

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.core import pagecache
from newsdesk.people.models import Person
from newsdesk.topics.models import TopicPage

from . import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(params=["page cache", "no page cache"])
def page_cache(request, settings) -> bool:  # type: ignore[no-untyped-def]
    """With the page cache on or off: kept parts alone must not keep the old text either."""
    enabled = request.param == "page cache"
    settings.NEWSDESK_PAGE_CACHE = {**settings.NEWSDESK_PAGE_CACHE, "ENABLED": enabled}
    return enabled


@pytest.fixture
def story(home, news, topic_index, reporter) -> ArticlePage:  # type: ignore[no-untyped-def]
    topic = factories.make_topic(topic_index, "Water and Borders")
    return factories.make_article(
        news, "Aid convoy reaches the city", authors=[reporter], topics=[topic]
    )


def _render_in_another_thread(url: str) -> str:
    """The page as a reader gets it meanwhile, on a connection of its own."""
    seen: list[str] = []

    def read() -> None:
        try:
            seen.append(Client().get(url).content.decode())
        finally:
            connection.close()

    reader = threading.Thread(target=read)
    reader.start()
    reader.join(timeout=60)
    assert seen, "the reader's request failed"
    return seen[0]


def _changed_while_a_reader_renders(url: str, change: Callable[[], None]) -> str:
    """What the reader saw between the save and the commit."""
    with transaction.atomic():
        change()
        return _render_in_another_thread(url)


def _rename_person(person: Person, name: str) -> Callable[[], None]:
    def change() -> None:
        person.name = name
        person.save()

    return change


def _retitle_page(page: TopicPage | SectionPage, title: str) -> Callable[[], None]:
    def change() -> None:
        page.title = title
        page.save_revision().publish()

    return change


def test_a_renamed_author_is_in_the_byline_after_a_render_during_the_commit(
    client: Client, story: ArticlePage, reporter: Person, page_cache: bool
) -> None:
    client.get(story.url)
    meanwhile = _changed_while_a_reader_renders(
        story.url, _rename_person(reporter, "Leila Haddad-Sayegh")
    )
    assert "Leila Haddad</a>" in meanwhile  # the race happened: the old name was read
    page = client.get(story.url).content.decode()
    assert "Leila Haddad-Sayegh</a>" in page


def test_a_retitled_topic_is_on_its_articles_after_a_render_during_the_commit(
    client: Client, story: ArticlePage, page_cache: bool
) -> None:
    client.get(story.url)
    topic = TopicPage.objects.get(title="Water and Borders")
    meanwhile = _changed_while_a_reader_renders(
        story.url, _retitle_page(topic, "Crossings and Checkpoints")
    )
    assert "Water and Borders</a>" in meanwhile
    assert "Crossings and Checkpoints</a>" in client.get(story.url).content.decode()


def test_a_retitled_section_is_in_the_menu_after_a_render_during_the_commit(
    client: Client, story: ArticlePage, news: SectionPage, page_cache: bool
) -> None:
    client.get(story.url)
    meanwhile = _changed_while_a_reader_renders(story.url, _retitle_page(news, "World News"))
    assert ">News</a>" in meanwhile
    assert ">World News</a>" in client.get(story.url).content.decode()


def test_a_404_rendered_before_a_publish_commits_and_kept_after_it_is_not_kept(
    client: Client, home, news: SectionPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader asks for an article's address while it is being published: the view
    answers 404 (the article is not committed yet), and the page cache gets to keep that
    404 only after the commit and its second invalidation. Found by bench/staleness.py:
    such a 404 was kept with the addresses' new version and served for a minute."""
    rendered, committed = threading.Event(), threading.Event()
    keep = pagecache._entry_for

    def keep_after_the_commit(*args):  # type: ignore[no-untyped-def]
        rendered.set()
        committed.wait(timeout=30)
        return keep(*args)

    monkeypatch.setattr(pagecache, "_entry_for", keep_after_the_commit)
    address = f"{news.url}bridge-reopens/"
    statuses: list[int] = []

    def read() -> None:
        try:
            statuses.append(Client().get(address).status_code)
        finally:
            connection.close()

    with transaction.atomic():
        factories.make_article(news, "Bridge reopens", slug="bridge-reopens")
        reader = threading.Thread(target=read)
        reader.start()
        assert rendered.wait(timeout=30)
    committed.set()
    reader.join(timeout=60)
    monkeypatch.setattr(pagecache, "_entry_for", keep)

    assert statuses == [404]  # the race happened: the reader saw the address before the commit
    assert client.get(address).status_code == 200
