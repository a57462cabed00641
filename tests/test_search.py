"""Site search: relevance, filters, pagination and bad input, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page

from newsdesk.articles.models import ArticlePage
from newsdesk.search.selectors import Results

from . import factories

pytestmark = pytest.mark.django_db


def titles(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [page.title for page in Results.cards(response.context["results"].object_list)]


def test_it_escapes_the_text_it_marks(client: Client, news) -> None:
    factories.make_article(news, "Tom & Jerry <b>peace</b> talks", lead="Peace & <i>quiet</i>")

    html = client.get("/search/?q=peace").content.decode()

    assert "<mark>Peace</mark> &amp; &lt;i&gt;quiet&lt;/i&gt;" in html


def test_it_filters_by_kind(client: Client, news) -> None:
    factories.make_article(news, "Drought analysis", kind="analysis")
    factories.make_article(news, "Drought news")

    assert titles(client, "/search/?q=drought&kind=analysis") == ["Drought analysis"]


def test_it_filters_by_section(client: Client, news, analysis) -> None:
    factories.make_article(news, "Drought in the news")
    factories.make_article(analysis, "Drought explained")

    assert titles(client, "/search/?q=drought&section=analysis") == ["Drought explained"]


def test_it_filters_by_topic(client: Client, news, topic_index) -> None:
    topic = factories.make_topic(topic_index, "Water")
    factories.make_article(news, "Drought on topic", topics=[topic])
    factories.make_article(news, "Drought off topic")

    assert titles(client, "/search/?q=drought&topic=water") == ["Drought on topic"]


def test_it_filters_by_date_range(client: Client, news) -> None:
    now = timezone.now()
    factories.make_article(news, "Drought last year", published_at=now - timedelta(days=400))
    factories.make_article(news, "Drought this week", published_at=now - timedelta(days=2))
    since = (now - timedelta(days=30)).date().isoformat()

    assert titles(client, f"/search/?q=drought&since={since}") == ["Drought this week"]


def test_it_sorts_by_date_when_asked(client: Client, news) -> None:
    now = timezone.now()
    factories.make_article(news, "Drought drought drought", published_at=now - timedelta(days=9))
    factories.make_article(news, "A note on drought", published_at=now - timedelta(days=1))

    assert titles(client, "/search/?q=drought&sort=date") == [
        "A note on drought",
        "Drought drought drought",
    ]


def test_it_pages_through_many_results(client: Client, news) -> None:
    for n in range(23):
        factories.make_article(news, f"Drought report {n}")

    first = titles(client, "/search/?q=drought")
    second_page = client.get("/search/?q=drought&page=2")

    assert len(first) == 20
    assert len(second_page.context["results"].object_list) == 3
    assert "q=drought&amp;page=1" in second_page.content.decode()


def test_it_leaves_unpublished_articles_out(client: Client, news) -> None:
    article = factories.make_article(news, "Drought secret")
    article.unpublish()
    factories.make_article(news, "Drought relief")

    assert titles(client, "/search/?q=drought") == ["Drought relief"]


def test_it_finds_an_article_as_soon_as_it_is_published(client: Client, news) -> None:
    assert titles(client, "/search/?q=locusts") == []

    factories.make_article(news, "Locusts swarm the delta")

    assert titles(client, "/search/?q=locusts") == ["Locusts swarm the delta"]


def test_it_speaks_the_readers_language(client: Client, home) -> None:
    html = client.get("/fa/search/?q=").content.decode()

    assert "یک یا دو کلمه بنویسید" in html


@pytest.fixture
def gallery_index(home):  # type: ignore[no-untyped-def]
    return factories.make_gallery_index(home)


def test_it_finds_photo_galleries_and_films_too(client: Client, news, gallery_index) -> None:
    factories.make_article(news, "Marsh villages wait for the water", lead="The marshes dry out.")
    factories.make_photo_gallery(gallery_index, "Life in the marshes", pictures=1)
    factories.make_film(gallery_index, "A boat through the marshes")

    html = client.get("/search/", {"q": "marshes"}).content.decode()

    media = html[html.index('id="search-media-title"') : html.index("search-results")]
    assert "Life in the marshes" in media
    assert "A boat through the marshes" in media


def test_it_leaves_galleries_out_when_filtering_by_article_kind(
    client: Client, news, gallery_index
) -> None:
    factories.make_photo_gallery(gallery_index, "Life in the marshes", pictures=1)
    analysis = factories.make_article(news, "Who drained the marshes", kind="analysis")

    html = client.get("/search/", {"q": "marshes", "kind": "analysis"}).content.decode()

    assert f'href="{analysis.url}"' in html
    assert "Life in the marshes" not in html


def test_it_finds_persian_galleries_and_films_on_the_persian_search_page(
    client: Client, home, gallery_index
) -> None:  # type: ignore[no-untyped-def]
    persian = factories.translate_gallery_index(home, gallery_index, "fa")
    factories.make_photo_gallery(persian, "زندگی در تالاب", pictures=1)
    factories.make_film(persian, "قایقی در تالاب")
    factories.make_photo_gallery(gallery_index, "Life in the marshes تالاب", pictures=1)

    html = client.get("/fa/search/", {"q": "تالاب"}).content.decode()

    media = html[html.index('id="search-media-title"') : html.index("search-results")]
    assert "زندگی در تالاب" in media and "قایقی در تالاب" in media
    assert "Life in the marshes" not in html


def test_it_finds_arabic_galleries_on_the_arabic_search_page(
    client: Client, home, gallery_index
) -> None:  # type: ignore[no-untyped-def]
    arabic = factories.translate_gallery_index(home, gallery_index, "ar")
    factories.make_photo_gallery(arabic, "الحياة في الأهوار", pictures=1)

    html = client.get("/ar/search/", {"q": "الأهوار"}).content.decode()

    media = html[html.index('id="search-media-title"') : html.index("search-results")]
    assert "الحياة في الأهوار" in media


# Arabic and Persian: our own demo-like stories; for each query, the story that must rank
# among the first three. Queries are spelled as readers type them, which is not always as
# the story was written: without short vowels or hamza, with Arabic or Persian yeh and kaf,
# with a space for the zero-width non-joiner.
ARABIC = {
    "الجفاف يضرب القرى في الوادي": "حفر القرويون آبارًا أعمق مع دخول الجفاف عامه الثالث.",
    "البنك المركزي يرفع أسعار الفائدة": "رفع البنك المركزي أسعار الفائدة للحد من التضخم.",
    "وقف إطلاق النار صامد على الحدود الشمالية": "يقول المراقبون إن الهدنة صامدة منذ أسبوع.",
    "افتتاح المتحف بعد الترميم": "الزوار يصطفون لرؤية المجموعة القديمة.",
    "موسم قمح وفير رغم قلة الأمطار": "المزارعون يتحدثون عن عام جيد.",
}
ARABIC_RELEVANCE = {
    "الجفاف": "الجفاف يضرب القرى في الوادي",
    "الجَفَاف": "الجفاف يضرب القرى في الوادي",
    "اسعار الفائدة": "البنك المركزي يرفع أسعار الفائدة",
    "وقف اطلاق النار": "وقف إطلاق النار صامد على الحدود الشمالية",
    "المتحف": "افتتاح المتحف بعد الترميم",
}
PERSIAN = {
    "خشکسالی روستاهای دره را فرا گرفت": "روستاییان با ادامه‌ی خشکسالی چاه‌های عمیق‌تری می‌کنند.",
    "بانک مرکزی نرخ بهره را افزایش داد": "بانک مرکزی برای مهار تورم نرخ بهره را بالا برد.",
    "آتش‌بس در مرز شمالی برقرار است": "ناظران می‌گویند آتش‌بس هفته گذشته پابرجاست.",
    "موزه پس از بازسازی بازگشایی شد": "بازدیدکنندگان برای دیدن مجموعه صف کشیدند.",
    "برداشت گندم از پیش‌بینی‌ها فراتر رفت": "کشاورزان از سالی خوب خبر می‌دهند.",  # noqa: RUF001
}
PERSIAN_RELEVANCE = {
    "خشکسالی": "خشکسالی روستاهای دره را فرا گرفت",
    "خشكسالي": "خشکسالی روستاهای دره را فرا گرفت",
    "نرخ بهره": "بانک مرکزی نرخ بهره را افزایش داد",
    "آتش بس": "آتش‌بس در مرز شمالی برقرار است",
    "آتش‌بس": "آتش‌بس در مرز شمالی برقرار است",
    "چاه‌های عمیق": "خشکسالی روستاهای دره را فرا گرفت",
}


def translated_section(home, language: str):  # type: ignore[no-untyped-def]
    locale, _created = Locale.objects.get_or_create(language_code=language)
    translated_home = home.copy_for_translation(locale)
    translated_home.save_revision().publish()
    return factories.make_section(translated_home, f"News{language}")


@pytest.fixture
def arabic_archive(home):  # type: ignore[no-untyped-def]
    section = translated_section(home, "ar")
    for n, (title, lead) in enumerate(ARABIC.items()):
        factories.make_article(section, title, lead=lead, slug=f"ar-{n}")
    return section


@pytest.fixture
def persian_archive(home):  # type: ignore[no-untyped-def]
    section = translated_section(home, "fa")
    for n, (title, lead) in enumerate(PERSIAN.items()):
        factories.make_article(section, title, lead=lead, slug=f"fa-{n}")
    return section


@pytest.mark.parametrize("query", ARABIC_RELEVANCE)
def test_it_ranks_the_right_arabic_article_in_the_top_three(
    client: Client, arabic_archive, query: str
) -> None:
    assert ARABIC_RELEVANCE[query] in titles(client, f"/ar/search/?q={query}")[:3]


@pytest.mark.parametrize("query", PERSIAN_RELEVANCE)
def test_it_ranks_the_right_persian_article_in_the_top_three(
    client: Client, persian_archive, query: str
) -> None:
    assert PERSIAN_RELEVANCE[query] in titles(client, f"/fa/search/?q={query}")[:3]


def test_it_searches_only_the_readers_language(client: Client, news, persian_archive) -> None:
    factories.make_article(news, "Drought: خشکسالی in English")

    assert titles(client, "/search/?q=خشکسالی") == ["Drought: خشکسالی in English"]


def test_it_marks_a_word_however_it_is_spelled_in_the_text(client: Client, arabic_archive) -> None:
    html = client.get("/ar/search/", {"q": "اسعار"}).content.decode()

    assert "<mark>أسعار</mark>" in html


def test_it_analyses_each_language_with_its_own_configuration(client: Client, home) -> None:
    """PostgreSQL stems English with `english` and Arabic with `arabic`; SQLite's FTS5
    matches whole words, Arabic ones without their joined article (search.text)."""
    factories.make_article(factories.make_section(home), "Voters queue at the polls")
    factories.make_article(translated_section(home, "ar"), "المزارعون ينتظرون المطر")
    stems = connection.vendor == "postgresql"

    assert titles(client, "/search/?q=voter") == (["Voters queue at the polls"] if stems else [])
    assert titles(client, "/ar/search/?q=مزارعون") == ["المزارعون ينتظرون المطر"]


def test_it_suggests_nothing_that_the_filters_would_leave_out(client: Client, news) -> None:
    factories.make_article(news, "Drought news", kind="news")

    unfiltered = client.get("/search/", {"q": "drougth"}).content.decode()
    html = client.get("/search/", {"q": "drougth", "kind": "analysis"}).content.decode()

    assert "Did you mean" in unfiltered
    assert "Nothing matches" in html
    assert "Did you mean" not in html


def test_it_finds_an_article_by_its_new_words_once_edited_and_republished(
    client: Client, news
) -> None:
    article = factories.make_article(news, "Locusts swarm the delta")
    article.title = "Locusts leave the delta"
    article.save_revision().publish()

    assert titles(client, "/search/?q=leave") == ["Locusts leave the delta"]
    assert titles(client, "/search/?q=swarm") == []


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_it_costs_the_same_queries_for_few_and_many_results(
    client: Client, news, sort: str
) -> None:
    def queries() -> int:
        # A first view makes the new pictures' renditions and fills the site caches.
        client.get("/search/", {"q": "drought", "sort": sort})
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/search/", {"q": "drought", "sort": sort}).status_code == 200
        return len(captured)

    def grow_to(count: int) -> None:
        for n in range(Page.objects.type(ArticlePage).count(), count):
            factories.make_article(
                news, f"Drought report {n}", hero_image=factories.ImageFactory(), hero_alt="A well"
            )

    grow_to(2)
    few = queries()
    grow_to(25)

    assert queries() == few


# In Focus topics: ranked with the articles, found and dropped as they are published.


def test_it_finds_a_topic_with_a_marked_snippet_and_its_link(
    client: Client, news, topic_index
) -> None:
    topic = factories.make_topic(topic_index, "Water", description="Rivers, wells and drought.")

    response = client.get("/search/", {"q": "drought"})
    html = response.content.decode()

    assert response.context["results"].object_list == [topic.pk]
    assert f'<a href="{topic.url}">Water</a>' in html
    assert "Rivers, wells and <mark>drought</mark>." in html


def test_it_finds_a_topic_as_soon_as_it_is_published(client: Client, topic_index) -> None:
    topic = factories.make_topic(topic_index, "Locusts", live=False)
    assert titles(client, "/search/?q=locusts") == []

    topic.save_revision().publish()

    assert titles(client, "/search/?q=locusts") == ["Locusts"]


def test_it_drops_a_topic_once_it_is_unpublished(client: Client, topic_index) -> None:
    topic = factories.make_topic(topic_index, "Locusts")
    assert titles(client, "/search/?q=locusts") == ["Locusts"]

    topic.unpublish()

    assert titles(client, "/search/?q=locusts") == []


def test_it_finds_topics_only_in_the_readers_language(client: Client, home, topic_index) -> None:
    section = translated_section(home, "ar")
    arabic_topics = factories.make_topic_index(section.get_parent())
    factories.make_topic(arabic_topics, "أزمة المياه")
    factories.make_topic(topic_index, "Water crisis المياه")

    assert titles(client, "/ar/search/?q=المياه") == ["أزمة المياه"]
    assert titles(client, "/search/?q=المياه") == ["Water crisis المياه"]


def test_it_pages_through_articles_and_topics_showing_each_once(
    client: Client, news, topic_index
) -> None:
    factories.make_topic(topic_index, "Drought", description="The long drought.")
    for n in range(23):
        factories.make_article(news, f"Drought report {n}")

    first = titles(client, "/search/?q=drought")
    second = titles(client, "/search/?q=drought&page=2")

    assert len(first) == 20 and len(second) == 4
    assert sorted(first + second) == sorted(
        ["Drought", *(f"Drought report {n}" for n in range(23))]
    )


def test_it_sorts_a_word_rare_among_the_newest_articles_by_date_too(
    client: Client, news, settings
) -> None:
    """PostgreSQL walks the newest articles first (DATE_WALK of them), then, for a word
    too rare there, sorts all its matches."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "newsdesk.search.backends", "DATE_WALK": 2}
    }
    now = timezone.now()
    factories.make_article(news, "Locusts in spring", published_at=now - timedelta(days=30))
    factories.make_article(news, "Locusts in winter", published_at=now - timedelta(days=20))
    for n in range(3):
        factories.make_article(news, f"Harvest {n}", published_at=now - timedelta(days=n))

    assert titles(client, "/search/?q=locusts&sort=date") == [
        "Locusts in winter",
        "Locusts in spring",
    ]


def test_it_names_the_topic_kind_in_the_readers_language(client: Client, home) -> None:
    html = client.get("/fa/search/?q=").content.decode()

    assert '<option value="topic">موضوع‌های در کانون توجه</option>' in html


def test_it_searches_a_language_whose_locale_was_added_after_a_first_search(
    client: Client, home
) -> None:
    assert client.get("/fa/search/?q=خشکسالی").status_code == 200
    section = translated_section(home, "fa")
    factories.make_article(section, "خشکسالی در دره", slug="fa-drought")

    assert titles(client, "/fa/search/?q=خشکسالی") == ["خشکسالی در دره"]


def test_it_suggests_a_word_first_published_after_the_same_search(client: Client, news) -> None:
    assert "Did you mean" not in client.get("/search/?q=locustss").content.decode()

    factories.make_article(news, "Locusts swarm the delta")

    assert client.get("/search/?q=locustss").context["suggestion"] == "locusts"
