from __future__ import annotations

import io
import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import av
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from wagtail.images.models import Image
from wagtail.models import Page, Site

from newsdesk.articles.models import ArticleNote, ArticlePage, SectionPage
from newsdesk.comments.models import Comment, Status
from newsdesk.gallery.models import FilmPage, GalleryItem, PhotoGalleryPage
from newsdesk.home.models import HomePage
from newsdesk.live.models import LivePage
from newsdesk.maps.models import MapPage
from newsdesk.newsroom.demo import images
from newsdesk.newsroom.demo.accounts import DEMO_ACCOUNTS
from newsdesk.newsroom.demo.builder import ArticleBuilder, Draft
from newsdesk.newsroom.demo.local import LocalArticleBuilder
from newsdesk.newsroom.demo.newsroom_day import DEMO_TICKER
from newsdesk.newsroom.demo.readership import seed_views
from newsdesk.newsroom.demo.structure import AUTHOR_COUNT, OPINION_ROLES, PICTURE_COUNT, Newsroom
from newsdesk.newsroom.demo.tongues import TONGUES
from newsdesk.newsroom.demo.world import AUTHOR_ROLES, KIND_WEIGHTS, TOPICS
from newsdesk.newsroom.roles import ADMINISTRATOR, EDITOR, WRITER
from newsdesk.people.models import Person
from newsdesk.topics.models import ArticleTopic, TopicIndexPage, TopicPage

ARTICLES = 30


def run_demo(**options: object) -> str:
    out = io.StringIO()
    call_command("demo", stdout=out, **{"articles": ARTICLES, **options})
    return out.getvalue()


@pytest.fixture(scope="module")
def build_started() -> datetime:
    return timezone.now()


@pytest.fixture(scope="module")
def built_site(build_started, django_db_setup, django_db_blocker) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """One build shared by this module's tests, which is slow enough to be worth sharing.

    It stays in an open transaction that is rolled back after the last test; each test
    runs in a savepoint inside it (pytest-django's `db`), so no test sees another's changes.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield run_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo_site(built_site: str, db) -> str:  # type: ignore[no-untyped-def]
    return built_site


def newest_article() -> ArticlePage:
    """The newest English story (the Arabic and Persian sites have their own)."""
    english = ArticlePage.objects.exact_type(ArticlePage).filter(locale__language_code="en")
    return english.order_by("-published_at").first()  # type: ignore[return-value]


def test_it_replaces_the_welcome_page_with_the_home_page(demo_site: str) -> None:
    site = Site.objects.get(is_default_site=True)

    assert isinstance(site.root_page.specific, HomePage)
    # BASE_URL's host and port (http://testserver in the test settings).
    assert site.hostname == "testserver"
    assert site.port == 80
    assert not Page.objects.filter(depth=2).exact_type(Page).exists()


def test_it_builds_the_sections_in_the_menu(demo_site: str) -> None:
    sections = SectionPage.objects.live().filter(locale__language_code="en").order_by("path")

    assert [s.title for s in sections] == ["News", "Analysis", "Opinion", "Interviews", "Reports"]
    assert all(s.show_in_menus and s.introduction for s in sections)


def test_it_builds_in_focus_topics_with_descriptions_and_pictures(demo_site: str) -> None:
    index = TopicIndexPage.objects.get(locale__language_code="en")
    topics = TopicPage.objects.child_of(index).live()

    assert index.show_in_menus
    assert topics.count() >= 12
    assert all(t.description and t.hero_image_id and t.hero_alt for t in topics)


def test_it_builds_the_requested_number_of_articles_in_their_sections(demo_site: str) -> None:
    articles = (
        ArticlePage.objects.live()
        .exact_type(ArticlePage)
        .filter(locale__language_code="en")
        .select_related()
    )

    assert articles.count() == ARTICLES
    for article in articles:
        section = article.get_parent().specific
        assert section.slug == {"interview": "interviews", "report": "reports"}.get(
            article.kind, article.kind
        )


def test_it_gives_every_article_a_byline_tags_topics_and_a_picture(demo_site: str) -> None:
    for article in ArticlePage.objects.all():
        assert 1 <= article.authors.count() <= 2
        assert 2 <= article.tags.count() <= 5
        assert 1 <= article.topic_links.count() <= 2
        assert article.hero_image_id and article.hero_alt and article.hero_credit
        assert article.lead


def test_it_writes_bodies_of_paragraphs_under_sub_headings(demo_site: str) -> None:
    for article in ArticlePage.objects.all():
        kinds = [block.block_type for block in article.body]
        assert 4 <= kinds.count("paragraph") <= 8
        assert 1 <= kinds.count("heading") <= 3
        assert kinds[0] == "paragraph"


def test_it_picks_editors_choice_and_in_focus_for_the_home_page(demo_site: str) -> None:
    home = HomePage.objects.get(locale__language_code="en")
    picks = list(home.editors_choice.order_by("sort_order"))
    # Ordinary stories: the demo's live page is not picked.
    stories = ArticlePage.objects.exact_type(ArticlePage).filter(locale=home.locale)
    latest = list(stories.order_by("-published_at")[:5])

    assert [pick.article_id for pick in picks] == [a.pk for a in latest]
    assert sum(1 for p in picks if p.expires_at and p.expires_at > timezone.now()) == 1
    assert home.in_focus.count() == 8


def test_it_pins_articles_of_each_topic_to_it(demo_site: str) -> None:
    for topic in TopicPage.objects.all():
        pinned = list(topic.pinned.values_list("article_id", flat=True))
        filed = set(ArticleTopic.objects.filter(topic=topic).values_list("article_id", flat=True))
        assert len(pinned) <= 3
        assert set(pinned) <= filed
    assert TopicPage.objects.filter(pinned__isnull=False).distinct().count() >= 10


def test_it_spreads_publication_times_back_from_now(
    demo_site: str, build_started: datetime
) -> None:
    times = list(
        ArticlePage.objects.order_by("-published_at").values_list("published_at", flat=True)
    )

    # The newest story is dated when the build began (a loaded machine may take minutes).
    assert build_started <= times[0] <= timezone.now()
    assert times[0] - times[-1] > timedelta(days=30)


def test_it_dates_updates_after_publication_and_never_in_the_future(demo_site: str) -> None:
    for published_at, updated_at in ArticlePage.objects.values_list("published_at", "updated_at"):
        assert updated_at is None or published_at < updated_at < timezone.now()


class Ids(dict[str, int]):
    """Tag ids as the builder asks for them: a new name gets the next number."""

    def __missing__(self, name: str) -> int:
        self[name] = len(self) + 1
        return self[name]


def paper_newsroom(topic_count: int) -> Newsroom:
    """A newsroom of unsaved pages, people and pictures, as many of each as the demo's
    (a random choice draws more or less from the stream depending on how many there are
    to choose from): what the article builder files stories under, without a database."""
    sections = {
        kind: SectionPage(
            path=f"00010001000{number}",
            depth=3,
            numchild=0,
            url_path=f"/home/{kind}/",
            locale_id=1,
        )
        for number, (kind, _weight) in enumerate(KIND_WEIGHTS, start=1)
    }
    scenes = list(images.SCENES)
    pictures: dict[str, list[images.Picture]] = {scene: [] for scene in scenes}
    for number in range(PICTURE_COUNT):
        scene = scenes[number % len(scenes)]
        pictures[scene].append(images.Picture(image=Image(pk=number + 1), alt=scene))
    people = [
        Person(pk=n + 1, role=AUTHOR_ROLES[n % len(AUTHOR_ROLES)]) for n in range(AUTHOR_COUNT)
    ]
    return Newsroom(
        home=HomePage(),
        sections=sections,
        topics=[TopicPage(pk=n) for n in range(1, topic_count + 1)],
        pictures=pictures,
        reporters=[p for p in people if p.role not in OPINION_ROLES],
        columnists=[p for p in people if p.role in OPINION_ROLES],
        tag_ids=Ids(),
    )


class Drafts:
    """An article builder that keeps its drafts instead of writing them."""

    drafts: list[Draft]

    def _insert(self, drafts: list[Draft]) -> None:
        self.drafts.extend(drafts)

    def _update_sections(self) -> None:
        pass


class EnglishDrafts(Drafts, ArticleBuilder):
    pass


class LocalDrafts(Drafts, LocalArticleBuilder):
    pass


NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


def drafted(language: str, seed: int) -> list[tuple[object, ...]]:
    """Every column of what the article builder drafts in `language` from a stream named
    as the demo names it (for Arabic and Persian the demo first draws that language's
    newsroom from the same stream, so only the English drafts are the built site's)."""
    rng = random.Random(f"{seed}:{'articles' if language == 'en' else language}")
    builder: EnglishDrafts | LocalDrafts
    if language == "en":
        builder = EnglishDrafts(paper_newsroom(len(TOPICS)), rng, NOW)
    else:
        tongue = next(t for t in TONGUES if t.code == language)
        builder = LocalDrafts(paper_newsroom(len(tongue.topics)), rng, NOW, tongue)
    builder.drafts = []
    builder.build(ARTICLES, log=lambda line: None)
    return [
        (
            d.page.title,
            d.page.slug,
            d.page.path,
            d.page.translation_key,
            d.fields,
            d.author_ids,
            d.tag_ids,
            d.topic_ids,
        )
        for d in builder.drafts
    ]


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_it_drafts_the_same_articles_for_the_same_seed(db, language: str) -> None:  # type: ignore[no-untyped-def]
    # The articles' builder and writers draw only from the seed's stream (not the clock,
    # the database or another random source), so the same seed builds the same site; a
    # full build twice would cost minutes.
    first = drafted(language, seed=1)

    assert drafted(language, seed=1) == first
    assert len(first) == ARTICLES
    assert len({row[0] for row in first}) > ARTICLES / 2  # the titles are not all alike
    assert [row[0] for row in drafted(language, seed=2)] != [row[0] for row in first]


def test_it_built_the_titles_its_seed_drafts(demo_site: str) -> None:
    # What the demo command built is the article stream of its default seed, in the order
    # of writing (newest first).
    built = (
        ArticlePage.objects.exact_type(ArticlePage)  # not the live page, written apart
        .filter(locale__language_code="en")
        .order_by("-published_at")
    )

    assert [a.title for a in built] == [row[0] for row in drafted("en", seed=1)]


def test_it_keeps_the_content_when_run_again(demo_site: str) -> None:
    pages = Page.objects.count()

    output = run_demo(articles=ARTICLES * 2)

    assert "Kept the existing content" in output
    assert Page.objects.count() == pages


def test_it_leaves_a_consistent_page_tree(demo_site: str) -> None:
    assert Page.find_problems() == ([], [], [], [], [])


def test_it_serves_a_bulk_built_article_at_its_url(demo_site: str, client: Client) -> None:
    article = newest_article()

    response = client.get(article.url)

    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_it_lets_wagtail_edit_and_publish_a_bulk_built_article(demo_site: str) -> None:
    article = newest_article()

    article.title = "A corrected headline"
    article.save_revision().publish()

    article.refresh_from_db()
    assert article.title == "A corrected headline"
    assert article.live_revision is not None
    assert Page.find_problems() == ([], [], [], [], [])


def test_it_opens_a_bulk_built_article_in_the_editor(demo_site: str, client: Client) -> None:
    client.login(username="editor", password="editor-demo")

    response = client.get(f"/admin/pages/{newest_article().pk}/edit/")

    assert response.status_code == 200


def test_it_creates_one_account_per_newsroom_role(demo_site: str) -> None:
    users = {u.username: u for u in get_user_model().objects.prefetch_related("groups")}

    assert [g.name for g in users["writer"].groups.all()] == [WRITER]
    assert [g.name for g in users["editor"].groups.all()] == [EDITOR]
    assert [g.name for g in users["admin"].groups.all()] == [ADMINISTRATOR]
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert not users["writer"].is_superuser and not users["editor"].is_superuser


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
def test_it_lets_each_demo_account_log_in(demo_site: str, client: Client, account) -> None:  # type: ignore[no-untyped-def]
    assert client.login(username=account.username, password=account.password)


def test_it_makes_the_writing_logins_reporters_of_the_english_newsroom(demo_site: str) -> None:
    """(tests/test_demo_accounts.py tests the links without building a site.)"""
    english_reporter = [
        re.escape(role).replace(re.escape("{region}"), ".+")
        for role in AUTHOR_ROLES
        if role not in OPINION_ROLES
    ]
    for username in ("writer", "editor"):
        person = Person.objects.filter(user__username=username).first()
        assert person is not None, username
        assert any(re.fullmatch(role, person.role) for role in english_reporter), person.role


def test_it_prints_the_logins_and_a_warning(demo_site: str) -> None:
    assert "http://testserver/admin/" in demo_site
    assert all(a.password in demo_site for a in DEMO_ACCOUNTS)
    assert "demo passwords" in demo_site


def test_it_makes_the_articles_searchable_in_the_admin(demo_site: str) -> None:
    article = newest_article()
    word = max(article.title.split(), key=len).strip(":,.'")
    found = ArticlePage.objects.search(word)
    assert article.pk in [page.pk for page in found]


def test_it_gives_the_newest_articles_readers_for_most_viewed(
    demo_site: str, client: Client
) -> None:
    # Seeded again here: the build's counts may live in Redis, which each test empties.
    total = seed_views(random.Random(1), timezone.now(), log=lambda line: None)

    html = client.get("/").content.decode()

    assert total > 1000
    day = html[html.index('id="most-viewed-day"') :]
    assert day[: day.index("</section>")].count("<li>") == 5


def test_it_builds_photo_galleries_with_credited_pictures_and_external_films(
    demo_site: str, client: Client
) -> None:
    galleries = PhotoGalleryPage.objects.live()
    assert galleries.count() >= 3
    assert not GalleryItem.objects.filter(credit="").exists()
    assert not GalleryItem.objects.filter(alt_text="").exists()
    films = FilmPage.objects.live().exclude(external_url="")
    assert films.count() >= 2 and all(film.external for film in films)
    assert client.get(galleries.first().url).status_code == 200  # type: ignore[union-attr]
    assert "data-film-provider" in client.get(films.first().url).content.decode()  # type: ignore[union-attr]


def test_it_builds_a_film_we_host_as_a_playable_webm_with_poster_and_captions(
    demo_site: str, client: Client
) -> None:
    film = FilmPage.objects.live().get(external_url="")
    with film.video_file.open("rb") as f, av.open(f) as container:
        assert "webm" in container.format.name.split(",")
        stream = container.streams.video[0]
        assert stream.codec_context.name == "vp9"
        frames = sum(1 for _ in container.decode(stream))
        seconds = float(container.duration / av.time_base)
    assert frames >= 24 and round(seconds) == film.duration_seconds > 0
    with film.captions_file.open("rb") as f:
        assert f.read().startswith(b"WEBVTT\n\n00:00.000 --> ")
    assert film.cover is not None and film.cover_alt
    html = client.get(film.url).content.decode()
    assert 'type="video/webm"' in html and "<track" in html and "poster=" in html


def test_it_suggests_the_word_meant_when_a_reader_misspells_one(
    demo_site: str, client: Client
) -> None:
    word = max(newest_article().title.lower().split(), key=len).strip(":,.'")
    misspelled = word[:2] + word[3] + word[2] + word[4:]  # two letters swapped

    html = client.get("/search/", {"q": misspelled}).content.decode()

    assert "Did you mean" in html
    assert f'href="?q={word}"' in html


LOCAL = {"ar": ("مكتب الأخبار", "أخبار"), "fa": ("میز خبر", "خبر")}


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_it_builds_a_site_in_each_language(demo_site: str, client: Client, language: str) -> None:
    home = HomePage.objects.get(locale__language_code=language)
    sections = SectionPage.objects.live().filter(locale=home.locale).order_by("path")

    assert home.site_name == LOCAL[language][0]
    assert sections.first().title == LOCAL[language][1]  # type: ignore[union-attr]
    assert home.translation_key == HomePage.objects.get(locale__language_code="en").translation_key
    assert TopicPage.objects.live().filter(locale=home.locale).count() == 6
    assert PhotoGalleryPage.objects.live().filter(locale=home.locale).count() == 2
    page = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}" dir="rtl">' in page
    assert LOCAL[language][0] in page


@pytest.mark.parametrize(("language", "slug"), [("ar", "الجفاف"), ("fa", "خشکسالی")])
def test_it_links_its_english_tags_to_the_languages_tags(
    demo_site: str, client: Client, language: str, slug: str
) -> None:
    page = client.get("/tags/drought/").content.decode()

    assert f'<a href="{quote(f"/{language}/tags/{slug}/")}" lang="{language}"' in page


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_it_writes_the_articles_of_each_language_in_its_script(
    demo_site: str, language: str
) -> None:
    articles = ArticlePage.objects.exact_type(ArticlePage).filter(locale__language_code=language)

    assert articles.count() == ARTICLES  # at least 30 a language
    for article in articles:
        text = article.title + article.lead + str(article.body)
        assert not any("a" <= letter.lower() <= "z" for letter in article.title + article.lead)
        assert any("\u0600" <= letter <= "\u06ff" for letter in text)


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_it_links_a_share_of_each_language_to_english_stories(
    demo_site: str, language: str
) -> None:
    english = set(
        ArticlePage.objects.filter(locale__language_code="en").values_list(
            "translation_key", flat=True
        )
    )
    keys = ArticlePage.objects.filter(locale__language_code=language).values_list(
        "translation_key", flat=True
    )

    assert 0 < sum(key in english for key in keys) < len(keys)


def _in_arabic_script(text: str) -> bool:
    return any("\u0600" <= letter <= "\u06ff" for letter in text)


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_it_writes_readers_comments_in_each_language(demo_site: str, language: str) -> None:
    comments = Comment.objects.filter(article__locale__language_code=language)
    approved = comments.filter(status=Status.APPROVED)

    assert approved.count() >= ARTICLES // 2
    assert all(_in_arabic_script(text) for text in comments.values_list("text", flat=True))
    assert approved.filter(parent__isnull=False).exists()  # replies too
    assert len(set(comments.values_list("text", flat=True))) > comments.count() // 2
    commented = ArticlePage.objects.filter(locale__language_code=language, comment_count__gt=0)
    article = commented.first()
    assert article is not None
    assert article.comment_count == approved.filter(article=article).count()


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_it_shows_the_comments_on_the_languages_article(
    demo_site: str, client: Client, language: str
) -> None:
    comment = Comment.objects.filter(
        article__locale__language_code=language, status=Status.APPROVED, parent__isnull=True
    ).first()
    assert comment is not None

    html = client.get(comment.article.url).content.decode()

    assert escape(comment.text) in html


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_it_gives_translated_pages_slugs_in_their_own_language(
    demo_site: str, language: str
) -> None:
    structure = [
        *SectionPage.objects.filter(locale__language_code=language),
        *TopicPage.objects.filter(locale__language_code=language),
        *TopicIndexPage.objects.filter(locale__language_code=language),
        *MapPage.objects.filter(locale__language_code=language),
        *PhotoGalleryPage.objects.filter(locale__language_code=language),
    ]

    assert len(structure) > 10
    assert all(_in_arabic_script(page.slug) for page in structure), [p.slug for p in structure]


def test_it_shows_a_corrected_article_on_the_corrections_page(demo_site: str) -> None:
    note = ArticleNote.objects.select_related("article").get(kind="correction")
    html = Client().get("/corrections/").content.decode()

    assert note.text in html
    assert note.text in Client().get(note.article.url).content.decode()


def test_it_runs_a_breaking_news_ticker_on_every_english_page(demo_site: str) -> None:
    assert DEMO_TICKER in Client().get("/").content.decode()
    assert DEMO_TICKER in Client().get(newest_article().url).content.decode()


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_it_covers_an_event_live_in_each_language(demo_site: str, language: str) -> None:
    live = LivePage.objects.get(locale__language_code=language)
    entries = list(live.entries.all())
    html = Client().get(live.url).content.decode()

    assert len({entry.author_id for entry in entries}) > 1
    assert [entry.pinned for entry in entries].count(True) == 1
    assert any(entry.corrected_at for entry in entries) and any(entry.image_id for entry in entries)
    assert html.count('class="live-entry') >= len(entries)
    assert live.title in Client().get("/" if language == "en" else f"/{language}/").content.decode()
