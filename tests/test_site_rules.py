"""Rules every public page keeps: language and direction, no third-party hosts, error pages."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group, User
from django.template.loader import render_to_string
from django.test import Client
from wagtail.models import Page, Site

from newsdesk.newsroom import roles

from . import factories

pytestmark = pytest.mark.django_db

# Anything the browser fetches by itself: scripts, styles, images, frames, media, fonts.
# A canonical or alternate <link> only names an address (absolute, for crawlers): no fetch.
_LOADED = re.compile(
    r'<(?:script|img|iframe|source|video|audio|link(?!\s+rel="(?:canonical|alternate)"))\b'
    r'[^>]*?(?:src|href|srcset)="([^"]+)"'
)


def _loaded_from_elsewhere(html: str) -> list[str]:
    return [url for url in _LOADED.findall(html) if re.match(r"^(https?:)?//", url)]


@pytest.mark.parametrize(
    ("prefix", "lang", "direction"), [("", "en", "ltr"), ("/ar", "ar", "rtl"), ("/fa", "fa", "rtl")]
)
def test_it_sets_the_language_and_direction_of_the_page(
    client: Client, home, prefix, lang, direction
) -> None:
    html = client.get(f"{prefix}/").content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html


def test_it_loads_nothing_from_another_host_on_public_pages(
    client: Client, home, news, topic_index, reporter
) -> None:
    topic = factories.make_topic(topic_index, hero_image=factories.ImageFactory())
    article = factories.make_article(
        news,
        authors=[reporter],
        topics=[topic],
        tags=["Trade"],
        hero_image=factories.ImageFactory(),
        hero_alt="A port",
        body=[
            {"type": "paragraph", "value": '<p>See <a href="https://example.org/">this</a>.</p>'},
            {"type": "embed", "value": {"url": "https://video.example.org/v/1", "title": "Clip"}},
        ],
    )
    factories.pick_for_home(home, [article])
    factories.put_in_focus(home, [topic])
    for url in ["/", article.url, news.url, topic.url, "/tags/trade/", reporter.get_absolute_url()]:
        response = client.get(url)
        html = response.content.decode()
        # The page loads its styles, scripts and pictures, all from this site.
        assert response.status_code == 200, url
        assert _LOADED.findall(html), url
        assert _loaded_from_elsewhere(html) == [], url


def test_it_makes_no_outbound_requests_from_the_admin(client: Client, home) -> None:
    editor = User.objects.create_user("editor", email="editor@example.org", password="pw-tests")
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    client.force_login(editor)
    response = client.get("/admin/")
    html = response.content.decode()
    # The dashboard loads its styles and scripts, all from this site.
    assert response.status_code == 200
    assert _LOADED.findall(html)
    assert "gravatar" not in html.lower()
    assert _loaded_from_elsewhere(html) == []


def test_it_has_a_self_contained_server_error_page() -> None:
    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert _loaded_from_elsewhere(html) == []


def test_it_serves_a_renamed_section_under_its_new_address(client: Client, home, news) -> None:
    article = factories.make_article(news, "Moving story")
    client.get(article.url)  # remember the site and navigation
    news.slug = "latest"
    news.save_revision().publish()
    assert client.get(f"/latest/{article.slug}/").status_code == 200
    assert 'href="/latest/"' in client.get("/").content.decode()


def test_it_follows_the_default_site_to_a_new_home_page(client: Client, home) -> None:
    client.get("/")
    other = Page.get_first_root_node().add_child(
        instance=type(home)(title="Second", slug="second", tagline="The second edition")
    )
    Site.objects.filter(is_default_site=True).update(root_page=other)
    Site.objects.get(is_default_site=True).save()  # as the admin's site editor does
    assert "The second edition" in client.get("/").content.decode()


def test_it_speaks_persian_on_persian_pages(client: Client, home, news) -> None:
    factories.make_article(news, tags=["Trade"])
    html = client.get("/fa/tags/trade/").content.decode()
    assert "رفتن به محتوا" in html  # "Skip to content"


def test_it_lets_headlines_take_their_own_direction(client: Client, home, news) -> None:
    article = factories.make_article(news, "English headline on a Persian page")
    factories.pick_for_home(home, [article])
    html = client.get("/fa/").content.decode()
    assert 'class="card__title" dir="auto"' in html
