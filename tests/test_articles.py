from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import ArticleKind, ArticlePage
from newsdesk.home.models import HomePage
from newsdesk.newsroom.roles import WRITER

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news, topic_index, reporter) -> ArticlePage:
    topic = factories.make_topic(topic_index, "Border Crossings")
    return factories.make_article(
        news,
        "Aid convoy reaches the valley",
        kicker="Exclusive",
        dateline="Beirut",
        authors=[reporter],
        topics=[topic],
        tags=["Aid", "Lebanon"],
    )


def test_it_shows_the_headline_kicker_and_lead(client: Client, article) -> None:
    html = client.get(article.url).content.decode()
    headline = "Aid convoy reaches the valley</h1>"
    assert f'<h1 id="article-title" class="article__title" dir="auto">{headline}' in html
    assert "Exclusive" in html
    assert article.lead in html


def test_it_shows_the_dateline_with_a_machine_readable_time(client: Client, article) -> None:
    html = client.get(article.url).content.decode()
    assert "Beirut" in html
    assert f'<time datetime="{article.published_at.isoformat(timespec="seconds")}"' in html


def test_it_gives_machine_readable_times_to_the_second(client: Client, article) -> None:
    # HTML allows at most three digits of a second's fraction; the stored times have six.
    assert article.published_at.microsecond
    html = client.get(article.url).content.decode()
    times = re.findall(r'<time datetime="([^"]+)"', html)
    assert times
    assert [
        t for t in times if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", t)
    ] == []


def test_it_links_the_byline_to_the_author_page(client: Client, article, reporter) -> None:
    html = client.get(article.url).content.decode()
    assert f'<a rel="author" href="/authors/{reporter.slug}/">Leila Haddad</a>' in html


def test_it_links_the_tags(client: Client, article) -> None:
    html = client.get(article.url).content.decode()
    assert 'href="/tags/aid/"' in html
    assert 'href="/tags/lebanon/"' in html


def test_it_renders_sub_headings_in_the_body(client: Client, article) -> None:
    html = client.get(article.url).content.decode()
    assert '<h2 class="prose__heading">What happened next</h2>' in html


def test_it_shows_the_update_time_when_the_story_changed(client: Client, news) -> None:
    published = timezone.now() - timedelta(hours=3)
    story = factories.make_article(
        news, published_at=published, updated_at=published + timedelta(hours=1)
    )
    html = client.get(story.url).content.decode()
    assert "Updated" in html


def test_it_requires_alt_text_with_a_hero_image(news) -> None:
    image = factories.ImageFactory()
    article = ArticlePage(title="Untitled", slug="untitled", lead="Lead.", hero_image=image)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "hero_alt" in error.value.message_dict


def test_it_refuses_a_publication_time_after_the_last_update(news) -> None:
    now = timezone.now()
    article = ArticlePage(
        title="Untitled",
        slug="untitled",
        lead="Lead.",
        published_at=now,
        updated_at=now - timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "published_at" in error.value.message_dict  # updated_at is not in the form


class TestRelatedContent:
    def test_it_puts_hand_picked_items_first(self, client: Client, news, article) -> None:
        other = factories.make_article(news, "Unrelated market report")
        article.related_links.create(page=other, sort_order=0)
        article.save_revision().publish()

        related = article.specific_class.objects.get(pk=article.pk).related_articles()

        assert related[0] == other

    def test_it_ranks_articles_sharing_topics_above_others(
        self, news, topic_index, article
    ) -> None:
        topic = article.topic_links.get().topic
        sharing = factories.make_article(news, "Second convoy waits", topics=[topic])
        factories.make_article(news, "Football results of the weekend")

        related = article.related_articles()

        assert related[0] == sharing

    def test_it_never_lists_the_article_itself(self, news, article) -> None:
        another = factories.make_article(news, "Another story", tags=["Aid"])
        related = article.related_articles()
        assert another in related
        assert article not in related

    def test_it_leaves_out_unpublished_articles(self, news, article) -> None:
        draft = factories.make_article(news, "Draft on aid", tags=["Aid"])
        draft.unpublish()
        live = factories.make_article(news, "Live on aid", tags=["Aid"])
        related = [a.pk for a in article.related_articles()]
        assert live.pk in related
        assert draft.pk not in related

    def test_it_shows_related_content_on_the_article_page(
        self, client: Client, news, article
    ) -> None:
        factories.make_article(news, "Convoy drivers describe the road", tags=["Aid"])
        html = client.get(article.url).content.decode()
        assert "Related Content" in html
        assert "Convoy drivers describe the road" in html

    def test_it_does_not_recompute_related_content_per_view(
        self, client: Client, news, article, django_assert_max_num_queries
    ) -> None:
        factories.make_article(news, "Convoy drivers describe the road", tags=["Aid"])
        client.get(article.url)
        article.refresh_from_db()
        with django_assert_max_num_queries(0):
            article.related_article_ids()


def test_it_lists_only_articles_of_the_section(client: Client, news, analysis) -> None:
    factories.make_article(news, "In the news section")
    factories.make_article(analysis, "In the analysis section", kind=ArticleKind.ANALYSIS)
    html = client.get(news.url).content.decode()
    assert "In the news section" in html
    assert "In the analysis section" not in html


@pytest.mark.parametrize(("usual", "expected"), [("analysis", "analysis"), ("", "news")])
def test_a_new_article_starts_as_its_sections_usual_kind(
    client: Client, home: HomePage, usual: str, expected: str
) -> None:
    section = factories.make_section(home, "Analysis")
    section.default_kind = usual
    section.save()
    client.force_login(factories.member_of(WRITER))

    html = client.get(f"/admin/pages/add/articles/articlepage/{section.pk}/").content.decode()

    assert re.search(rf'<option value="{expected}"\s+selected>', html)
