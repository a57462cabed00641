"""Kept search rankings: a ranking is made once per query and kept until a page that holds
one of its words changes; then, and only then, its next reader ranks again."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail.search.models import IndexEntry

from newsdesk.core import fragments
from newsdesk.search import text
from newsdesk.search.backends.common import forget_rankings
from newsdesk.search.selectors import Results

from . import factories

pytestmark = pytest.mark.django_db

INDEX = IndexEntry._meta.db_table
FOUND = "<mark>Drought</mark> grips the valley"  # the story among the results


def titles(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [page.title for page in Results.cards(response.context["results"].object_list)]


def reads_the_index(client: Client, url: str) -> bool:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return any(INDEX in query["sql"] for query in captured)


def ranked_afresh(client: Client, url: str) -> list[str]:
    forget_rankings(None)
    return titles(client, url)


def test_it_ranks_a_query_again_from_what_it_kept(client: Client, news) -> None:
    factories.make_article(news, "Drought grips the valley")
    titles(client, "/search/?q=drought")

    assert not reads_the_index(client, "/search/?q=drought&page=1")
    assert FOUND in client.get("/search/?q=drought&page=1").content.decode()


def test_it_keeps_one_ranking_for_a_query_however_it_is_typed(client: Client, news) -> None:
    factories.make_article(news, "Drought grips the valley")
    titles(client, "/search/?q=drought")

    assert not reads_the_index(client, "/search/?q=++DROUGHT")
    assert FOUND in client.get("/search/?q=++DROUGHT").content.decode()


def test_it_keeps_a_ranking_while_pages_without_its_words_are_published(
    client: Client, news
) -> None:
    factories.make_article(news, "Drought grips the valley")
    titles(client, "/search/?q=drought")

    factories.make_article(news, "Locusts swarm the delta")

    assert not reads_the_index(client, "/search/?q=drought")
    assert FOUND in client.get("/search/?q=drought").content.decode()


def test_it_ranks_again_once_a_page_with_its_words_is_published(client: Client, news) -> None:
    factories.make_article(news, "Drought grips the valley")
    titles(client, "/search/?q=drought")

    factories.make_article(news, "Drought ends with spring rain")

    assert sorted(titles(client, "/search/?q=drought")) == [
        "Drought ends with spring rain",
        "Drought grips the valley",
    ]


def test_it_drops_an_article_that_an_edit_took_the_word_from(client: Client, news) -> None:
    article = factories.make_article(news, "Locusts swarm the delta")
    assert titles(client, "/search/?q=swarm") == ["Locusts swarm the delta"]

    article.title = "Locusts leave the delta"
    article.save_revision().publish()

    assert titles(client, "/search/?q=swarm") == []


def test_it_drops_an_article_once_it_is_unpublished(client: Client, news) -> None:
    article = factories.make_article(news, "Locusts swarm the delta")
    assert titles(client, "/search/?q=locusts") == ["Locusts swarm the delta"]

    article.unpublish()

    assert titles(client, "/search/?q=locusts") == []


def test_it_drops_an_article_once_it_is_deleted(client: Client, news) -> None:
    article = factories.make_article(news, "Locusts swarm the delta")
    assert titles(client, "/search/?q=locusts") == ["Locusts swarm the delta"]

    article.delete()

    assert titles(client, "/search/?q=locusts") == []


def test_it_drops_an_article_moved_out_of_the_section_searched(
    client: Client, news, analysis
) -> None:
    article = factories.make_article(news, "Locusts swarm the delta")
    assert titles(client, "/search/?q=locusts&section=news") == ["Locusts swarm the delta"]

    article.move(analysis, pos="last-child")

    assert titles(client, "/search/?q=locusts&section=news") == []


def test_it_ranks_again_when_another_form_of_a_word_is_published(client: Client, news) -> None:
    # PostgreSQL matches "elections" to "election" by their stem; SQLite does not.
    titles(client, "/search/?q=election")

    factories.make_article(news, "Elections called for the spring")

    assert titles(client, "/search/?q=election") == ranked_afresh(client, "/search/?q=election")


def test_it_ranks_again_when_an_arabic_word_is_published_with_a_prefix(
    client: Client, home
) -> None:
    # PostgreSQL's Arabic stemmer takes "the" (al-) off both; SQLite matches whole words.
    locale, _created = Locale.objects.get_or_create(language_code="ar")
    arabic_home = home.copy_for_translation(locale)
    arabic_home.save_revision().publish()
    section = factories.make_section(arabic_home, "Akhbar")
    url = "/ar/search/?q=الانتخابات"
    assert titles(client, url) == []

    factories.make_article(section, "انتخاب في الربيع", slug="ar-elections")

    assert titles(client, url) == ranked_afresh(client, url)


def test_it_forgets_every_ranking_when_the_index_is_rebuilt(client: Client, news) -> None:
    factories.make_article(news, "Drought grips the valley")
    titles(client, "/search/?q=drought")

    call_command("update_index", verbosity=0)

    assert reads_the_index(client, "/search/?q=drought")


def test_it_purges_no_word_tags_from_the_caches_in_front(news) -> None:
    purged: list[frozenset[str]] = []

    def record(sender: object, tags: frozenset[str], **kwargs: object) -> None:
        purged.append(tags)

    fragments.invalidated.connect(record)
    try:
        factories.make_article(news, "Drought grips the valley")
    finally:
        fragments.invalidated.disconnect(record)

    assert purged
    assert not [tag for tags in purged for tag in tags if tag.startswith("search")]


def test_it_reads_words_as_the_sqlite_tokenizer_does() -> None:
    assert text.words("Café DÉBÂCLE, café!") == {"cafe", "debacle"}


def test_it_reads_arabic_words_in_their_one_spelling() -> None:
    assert text.words("أَحمد") == text.words("احمد")


def test_it_shows_no_withdrawn_page_while_its_index_update_waits(
    client: Client, news, settings
) -> None:
    factories.make_article(news, "Drought grips the valley")
    withdrawn = factories.make_article(news, "Drought empties the wells")
    assert sorted(titles(client, "/search/?q=drought")) == [
        "Drought empties the wells",
        "Drought grips the valley",
    ]
    # The index update is a background task: until a worker runs it, the kept ranking
    # still names the page.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    withdrawn.unpublish()

    assert titles(client, "/search/?q=drought") == ["Drought grips the valley"]


def test_it_forgets_a_withdrawn_pages_rankings_before_its_index_update_runs(
    client: Client, news, settings
) -> None:
    factories.make_article(news, "Drought grips the valley")
    withdrawn = factories.make_article(news, "Drought empties the wells")
    titles(client, "/search/?q=drought")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    withdrawn.unpublish()

    assert reads_the_index(client, "/search/?q=drought")


def test_it_shows_an_article_withdrawn_in_the_admin_no_more_once_it_answered(
    client: Client, news, settings
) -> None:
    factories.make_article(news, "Drought grips the valley")
    withdrawn = factories.make_article(news, "Drought empties the wells")
    assert withdrawn.url in client.get("/search/?q=drought").content.decode()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    editor = Client()
    editor.force_login(factories.member_of("Editor"))

    answer = editor.post(reverse("wagtailadmin_pages:unpublish", args=[withdrawn.pk]))

    assert answer.status_code == 302
    assert client.get("/search/?q=drought").content.decode().count(withdrawn.url) == 0


def test_it_finds_an_article_published_while_its_index_task_waits(
    client: Client, news, settings, django_capture_on_commit_callbacks
) -> None:
    assert titles(client, "/search/?q=locusts") == []
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    with django_capture_on_commit_callbacks(execute=True):
        factories.make_article(news, "Locusts swarm the delta")

    assert titles(client, "/search/?q=locusts") == ["Locusts swarm the delta"]
