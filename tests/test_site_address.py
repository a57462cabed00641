"""The site's own address: the default site takes BASE_URL's host and port, so every
absolute address the site writes is the one readers use (newsdesk.core.sites)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site

from newsdesk.core.sites import address_of, point_default_site_at
from tests.factories import make_article

BASE_URL = "http://news.example:8123"


@pytest.mark.parametrize(
    ("base_url", "address"),
    [
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("https://news.example", ("news.example", 443)),
        ("http://news.example/", ("news.example", 80)),
        ("https://News.Example:8443", ("news.example", 8443)),
    ],
)
def test_it_reads_host_and_port_from_the_base_url(base_url: str, address: tuple[str, int]) -> None:
    assert address_of(base_url) == address


@pytest.fixture
def story(news):  # type: ignore[no-untyped-def]
    return make_article(news, "Harbour talks resume")


def _canonical(html: str) -> str:
    match = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    assert match, "no canonical link"
    return match.group(1)


def test_it_names_the_site_by_base_url_in_canonical_and_open_graph(client: Client, story) -> None:  # type: ignore[no-untyped-def]
    point_default_site_at(BASE_URL)
    html = client.get(story.url).content.decode()
    assert _canonical(html) == f"{BASE_URL}/news/{story.slug}/"
    assert f'<meta property="og:url" content="{BASE_URL}/news/{story.slug}/">' in html


def test_it_changes_addresses_on_pages_already_kept(client: Client, story) -> None:  # type: ignore[no-untyped-def]
    before = _canonical(client.get(story.url).content.decode())
    point_default_site_at(BASE_URL)
    after = _canonical(client.get(story.url).content.decode())
    assert (before, after) == (
        f"http://localhost/news/{story.slug}/",
        f"{BASE_URL}/news/{story.slug}/",
    )


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("/sitemap.xml", f"<loc>{BASE_URL}/sitemaps/"),
        ("/sitemaps/pages.xml", f"<loc>{BASE_URL}/news/</loc>"),
        ("/feeds/rss.xml", f"<link>{BASE_URL}/news/harbour-talks-resume"),
        ("/robots.txt", f"Sitemap: {BASE_URL}/sitemap.xml"),
    ],
)
def test_it_names_the_site_by_base_url_in_sitemaps_feeds_and_robots(
    client: Client, story, address: str, expected: str
) -> None:  # type: ignore[no-untyped-def]
    point_default_site_at(BASE_URL)
    body = client.get(address).content.decode()
    assert expected in body
    assert "http://localhost/" not in body


def test_it_saves_nothing_when_the_site_already_has_that_address(home) -> None:  # type: ignore[no-untyped-def]
    point_default_site_at(BASE_URL)
    site = Site.objects.get(is_default_site=True)
    assert point_default_site_at(BASE_URL) == site
    assert (site.hostname, site.port) == ("news.example", 8123)


def test_it_leaves_the_default_site_when_another_site_has_that_address(home) -> None:  # type: ignore[no-untyped-def]
    Site.objects.create(hostname="news.example", port=8123, root_page=home, site_name="other")
    site = point_default_site_at(BASE_URL)
    assert site is not None and (site.hostname, site.port) == ("localhost", 80)


def test_the_demo_names_the_site_by_base_url(settings, home) -> None:  # type: ignore[no-untyped-def]
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    call_command("demo", articles=0, stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("news.example", 8123)
