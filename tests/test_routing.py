"""Pages are found by their address cheaply, and never served where they no longer are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction, Site

from newsdesk.core import fragments, sites
from newsdesk.home.models import HomePage

from . import factories
from .cache_helpers import counting_cache_reads

pytestmark = pytest.mark.django_db


def test_it_redirects_the_old_address_of_a_moved_article(client: Client, news, analysis) -> None:
    article = factories.make_article(news, "Moving story")
    old_url = article.url
    client.get(old_url)
    article.move(analysis, pos="last-child")
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == f"/analysis/{article.slug}/"
    assert client.get(response["Location"]).status_code == 200


def test_it_does_not_serve_a_deleted_article(client: Client, news) -> None:
    article = factories.make_article(news, "Deleted story")
    url = article.url
    client.get(url)
    article.delete()
    assert client.get(url).status_code == 404


def test_it_does_not_serve_an_unpublished_article(client: Client, news) -> None:
    article = factories.make_article(news, "Withdrawn story")
    client.get(article.url)
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_it_serves_a_new_article_at_an_address_that_was_unknown(client: Client, news) -> None:
    assert client.get("/news/late-story/").status_code == 404
    factories.make_article(news, "Late story", slug="late-story")
    assert client.get("/news/late-story/").status_code == 200


def test_it_asks_for_the_password_once_a_section_is_restricted(client: Client, news) -> None:
    article = factories.make_article(news, "Members only")
    assert client.get(article.url).status_code == 200
    PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = client.get(article.url)
    assert response.status_code == 200
    assert "Members only</h1>" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_it_serves_the_section_again_once_the_restriction_is_removed(client: Client, news) -> None:
    article = factories.make_article(news, "Open again")
    restriction = PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    client.get(article.url)
    restriction.delete()
    assert "Open again</h1>" in client.get(article.url).content.decode()


def test_it_serves_a_viewed_article_without_queries(client: Client, news) -> None:
    article = factories.make_article(news, "Popular story")
    client.get(article.url)  # finds the page by its address, remembers which page it is
    client.get(article.url)  # loads it by key, keeps it
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.url).status_code == 200
    assert len(queries) == 0


def test_it_serves_a_republished_article_as_published(client: Client, news) -> None:
    article = factories.make_article(news, "First headline")
    client.get(article.url)
    article.title = "Second headline"
    article.save_revision().publish()
    assert "<title>Second headline" in client.get(article.url).content.decode()


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_it_serves_a_new_translation_of_the_home_page_at_once(
    client: Client, home, language
) -> None:
    client.get(f"/{language}/")  # the English home page answers while there is none
    translated_home = home.copy_for_translation(Locale.objects.get(language_code=language))
    translated_home.save_revision().publish()
    response = client.get(f"/{language}/")
    # A context: rendered anew, not a copy kept from before (which has none).
    assert response.context and response.context["page"].pk == translated_home.pk


def test_it_lets_the_english_home_page_stand_in_again_once_a_translation_is_withdrawn(
    client: Client, home
) -> None:
    persian_home = home.copy_for_translation(Locale.objects.get(language_code="fa"))
    persian_home.save_revision().publish()
    client.get("/fa/")
    persian_home.refresh_from_db()  # publishing went through a copy: this one is not live
    persian_home.unpublish()
    response = client.get("/fa/")
    assert response.context and response.context["page"].pk == home.pk


def test_it_serves_the_site_from_its_new_root_page(client: Client, home) -> None:
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Second front page", slug="second")
    )
    client.get("/")
    site = Site.objects.get(is_default_site=True)
    site.root_page = other_home
    site.save()
    response = client.get("/")
    assert response.context and response.context["page"].pk == other_home.pk


def test_it_serves_a_new_site_at_a_host_the_default_site_answered_before(
    client: Client, home, settings
) -> None:
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "mirror.localhost"]
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Mirror front page", slug="mirror")
    )
    client.get("/", HTTP_HOST="mirror.localhost")  # no site of its own: the default answers
    Site.objects.create(hostname="mirror.localhost", root_page=other_home)
    response = client.get("/", HTTP_HOST="mirror.localhost")
    assert response.context and response.context["page"].pk == other_home.pk


@pytest.mark.usefixtures("no_page_cache", "watching_changes")
@pytest.mark.parametrize("address", ["/", "article"])
def test_it_asks_the_shared_cache_only_whether_anything_changed_to_render_a_viewed_page(
    client: Client, home, news, address: str
) -> None:
    article = factories.make_article(news, "Talks resume")
    factories.pick_for_home(home, [article])
    url = article.url if address == "article" else address
    client.get(url)
    client.get(url)
    with counting_cache_reads() as reads:
        client.get(url)
    # One read of `changes` per request, not heard on the channel (decision 0019).
    assert reads.keys == [fragments.TAG_KEY.format(fragments.CHANGES)]


def test_it_makes_addresses_under_a_translation_of_the_home_page_made_after_a_view(
    client: Client, home
) -> None:
    client.get("/")  # the sites' root paths are remembered
    arabic_home = home.copy_for_translation(Locale.objects.get(language_code="ar"))
    assert (arabic_home.url_path, "ar") in {
        (path.root_path, path.language_code) for path in sites.root_paths()
    }


def test_it_makes_addresses_under_a_home_page_whose_slug_changed(client: Client, home) -> None:
    client.get("/")
    home.slug = "front-page"
    home.save_revision().publish()
    home.refresh_from_db()
    assert home.url_path in {path.root_path for path in sites.root_paths()}
