"""What readers see, surface by surface, in every state an article can be in.

One table of states (how an article stops being visible, and how it comes back) and one
of surfaces (every place that lists, links, counts or indexes an article). For each state
the test reads every surface while the article is visible (which also fills the page
cache), puts the article in the state, reads every surface twice (a first render, then
the copy the caches keep) and, where the state can be undone, undoes it and reads again.
A new surface or state is one line in its table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from newsdesk.analytics import pipeline, stores
from newsdesk.analytics.stores import View
from newsdesk.analytics.windows import Window
from newsdesk.articles.models import ArticlePage, ArticleRelatedLink, SectionPage
from newsdesk.core import timed
from newsdesk.maps.models import EventArticle, MapPage
from newsdesk.sitemaps.selectors import ID_SPAN

from . import factories
from .analytics.conftest import send_beacon
from .comment_helpers import post
from .maps.factories import make_event

pytestmark = pytest.mark.django_db

TITLE = "Quillfeather accord signed at dawn"
# What every surface shows of the article: its title, or its address (sitemaps).
MARKS = ("quillfeather accord", "quillfeather-accord")


@dataclass
class Site:
    home: Page
    news: SectionPage
    members: SectionPage
    subject: ArticlePage
    neighbour: ArticlePage
    topic: Page


# Surfaces --------------------------------------------------------------------------------


def block(html: str, block_id: str) -> str:
    """One home-page block: from its heading to the next block's heading (a block with
    nothing to show is left out of the page)."""
    start = html.find(f'id="{block_id}"')
    if start == -1:
        return ""
    end = html.find('class="block-title"', start + 1)
    return html[start : end if end != -1 else len(html)]


def article_sitemap(site: Site) -> str:
    return f"/sitemaps/articles-{site.subject.pk // ID_SPAN}.xml"


def archive_month(site: Site) -> str:
    published = site.subject.published_at
    return f"/archive/{published.year}/{published.month:02d}/"


Reader = Callable[[Client, Site], str]


def page(url: Callable[[Site], str], part: Callable[[str], str] = lambda html: html) -> Reader:
    def read(client: Client, site: Site) -> str:
        response = client.get(url(site))
        if response.status_code in (302, 401, 403, 404):  # the surface itself is closed
            return ""
        assert response.status_code == 200, (url(site), response.status_code)
        return part(response.content.decode())

    return read


SURFACES: dict[str, Reader] = {
    "home: Editor's Choice": page(lambda s: "/", lambda h: block(h, "block-editors-choice")),
    # Latest News leaves out what Editor's Choice shows: the whole page covers it.
    "home: the whole page": page(lambda s: "/"),
    "home: Most Viewed": page(lambda s: "/", lambda h: block(h, "block-most-viewed")),
    "section": page(lambda s: s.news.url),
    "tag": page(lambda s: "/tags/quillfeather-treaty/"),
    "author": page(lambda s: "/authors/leila-haddad/"),
    "archive": page(archive_month),
    "topic": page(lambda s: s.topic.url),
    "related on another article": page(lambda s: s.neighbour.url),
    "search": page(lambda s: "/search/?q=quillfeather"),
    "feed: RSS": page(lambda s: "/feeds/rss.xml"),
    "feed: Atom": page(lambda s: "/feeds/atom.xml"),
    "feed: JSON": page(lambda s: "/feeds/feed.json"),
    "feed: section": page(lambda s: "/feeds/sections/news/rss.xml"),
    "feed: tag": page(lambda s: "/feeds/tags/quillfeather-treaty/atom.xml"),
    "feed: author": page(lambda s: "/feeds/authors/leila-haddad/feed.json"),
    "feed: topic": page(lambda s: f"/feeds/topics/{s.topic.slug}/rss.xml"),
    "sitemap: articles": page(article_sitemap),
    "sitemap: news": page(lambda s: "/sitemaps/news.xml"),
    "API: articles": page(lambda s: "/api/v1/articles/?page_size=50"),
    "API: article": page(lambda s: f"/api/v1/articles/{s.subject.pk}/"),
    "map: page": page(lambda s: "/map/"),
    "map: GeoJSON": page(lambda s: "/api/v1/map/events"),
    "map: CSV": page(lambda s: "/api/v1/map/events.csv"),
}


def shows_subject(text: str) -> bool:
    lowered = text.lower()
    return any(mark in lowered for mark in MARKS)


# States ----------------------------------------------------------------------------------


def current(site: Site) -> ArticlePage:
    return ArticlePage.objects.get(pk=site.subject.pk)


def publish(site: Site) -> None:
    article = current(site)
    article.go_live_at = None
    article.expire_at = None
    article.save_revision().publish()


def unpublish(site: Site) -> None:
    current(site).unpublish()


def keep_draft(site: Site) -> None:
    article = current(site)
    article.unpublish()
    article.lead = "A draft lead that no reader has seen."
    article.save_revision()


def restrict(kind: str, on: Callable[[Site], Page]) -> Callable[[Site], None]:
    def apply(site: Site) -> None:
        restriction = PageViewRestriction.objects.create(
            page=on(site), restriction_type=kind, password="secret"
        )
        if kind == PageViewRestriction.GROUPS:
            restriction.groups.set([Group.objects.create(name="Board members")])

    return apply


def lift_restrictions(site: Site) -> None:
    for restriction in PageViewRestriction.objects.all():
        restriction.delete()


def schedule(site: Site) -> None:
    article = current(site)
    article.unpublish()
    article.go_live_at = timezone.now() + timedelta(hours=1)
    article.save_revision().publish()


def expire(site: Site) -> None:
    """The expiry time passes and the worker's tick runs."""
    article = current(site)
    article.expire_at = timezone.now() + timedelta(minutes=1)
    article.save_revision().publish()
    traveller = time_machine.travel(timezone.now() + timedelta(minutes=3), tick=True)
    traveller.start()
    site_travellers.append(traveller)
    timed.run_due_changes()


site_travellers: list[time_machine.travel] = []


def embargo(site: Site) -> None:
    """Withdrawn, then published again under an embargo that ends in an hour."""
    article = current(site)
    article.unpublish()
    article.embargo_until = timezone.now() + timedelta(hours=1)
    article.full_clean()
    article.save_revision().publish()


def lift_embargo(site: Site) -> None:
    article = current(site)
    article.embargo_until = None
    article.save()
    publish(site)


def delete(site: Site) -> None:
    current(site).delete()


def move_to(section: Callable[[Site], Page]) -> Callable[[Site], None]:
    def apply(site: Site) -> None:
        current(site).move(section(site), pos="last-child")

    return apply


@dataclass
class State:
    apply: Callable[[Site], None]
    undo: Callable[[Site], None] | None


STATES: dict[str, State] = {
    "draft": State(keep_draft, publish),
    "unpublished": State(unpublish, publish),
    "private to logged-in readers": State(
        restrict(PageViewRestriction.LOGIN, lambda s: s.subject), lift_restrictions
    ),
    "password-protected": State(
        restrict(PageViewRestriction.PASSWORD, lambda s: s.subject), lift_restrictions
    ),
    "restricted to a group": State(
        restrict(PageViewRestriction.GROUPS, lambda s: s.subject), lift_restrictions
    ),
    "restriction inherited from its section": State(
        restrict(PageViewRestriction.LOGIN, lambda s: s.news), lift_restrictions
    ),
    "scheduled in the future": State(schedule, publish),
    "expired": State(expire, publish),
    "embargoed": State(embargo, lift_embargo),
    "deleted": State(delete, None),
    "moved under a private section": State(move_to(lambda s: s.members), move_to(lambda s: s.news)),
}


# The site --------------------------------------------------------------------------------


@pytest.fixture
def site(home, news, topic_index, reporter) -> Site:  # type: ignore[no-untyped-def]
    members = factories.make_section(home, "Members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    topic = factories.make_topic(topic_index, "Border treaties")
    topic.save_revision().publish()
    subject = factories.make_article(
        news,
        TITLE,
        slug="quillfeather-accord",
        authors=[reporter],
        topics=[topic],
        tags=["quillfeather treaty"],
        published_at=timezone.now() - timedelta(hours=2),
    )
    neighbour = factories.make_article(news, "Harbour talks continue")
    ArticleRelatedLink.objects.create(article=neighbour, page=subject, sort_order=0)
    neighbour.save_revision().publish()
    factories.pick_for_home(home, [subject])
    map_page = home.add_child(instance=MapPage(title="Map", slug="map", intro="Where."))
    map_page.save_revision().publish()
    EventArticle.objects.create(event=make_event(), article=subject, sort_order=0)
    store = stores.get_store()
    store.add_view(View(subject.pk, subject.locale_id, news.pk, timezone.now(), 5))
    store.flush()
    return Site(home, news, members, subject, neighbour, topic)


@pytest.fixture(autouse=True)
def _back_to_now():  # type: ignore[no-untyped-def]
    yield
    while site_travellers:
        site_travellers.pop().stop()
    pipeline.forget_pages()


def read_all(client: Client, site: Site) -> dict[str, bool]:
    return {name: shows_subject(read(client, site)) for name, read in SURFACES.items()}


EVERYWHERE = dict.fromkeys(SURFACES, True)
NOWHERE = dict.fromkeys(SURFACES, False)


@pytest.mark.parametrize("state", STATES)
def test_every_surface_follows_the_state(client: Client, site: Site, state: str) -> None:
    assert read_all(client, site) == EVERYWHERE  # first renders, now cached

    STATES[state].apply(site)

    assert read_all(client, site) == NOWHERE, "first read after the change"
    assert read_all(client, site) == NOWHERE, "cached read"


@pytest.mark.parametrize("state", [name for name, state in STATES.items() if state.undo])
def test_every_surface_shows_it_again_when_the_state_is_undone(
    client: Client, site: Site, state: str
) -> None:
    read_all(client, site)
    STATES[state].apply(site)
    read_all(client, site)
    undo = STATES[state].undo
    assert undo is not None

    undo(site)

    assert read_all(client, site) == EVERYWHERE


def views_counted(site: Site) -> int:
    store = stores.get_store()
    store.flush()
    return dict(store.top(Window.DAY, site.subject.locale_id, timezone.now(), limit=10)).get(
        site.subject.pk, 0
    )


@pytest.mark.parametrize("state", STATES)
def test_a_view_counts_only_while_readers_may_see_the_article(
    client: Client, site: Site, state: str
) -> None:
    before = views_counted(site)
    assert send_beacon(client, site.subject.pk).status_code == 204
    assert views_counted(site) == before + 1

    STATES[state].apply(site)
    pipeline.forget_pages()  # each process remembers an article's state for a minute
    send_beacon(client, site.subject.pk, REMOTE_ADDR="203.0.113.8")

    assert views_counted(site) == before + 1


@pytest.mark.parametrize("state", STATES)
def test_comments_are_refused_while_readers_may_not_see_the_article(
    client: Client, site: Site, state: str
) -> None:
    assert post(client, site.subject, json=True).status_code in (201, 202)

    STATES[state].apply(site)

    assert post(client, site.subject, json=True, text="Another thought.").status_code == 404


# Photo galleries: the same rule on the surfaces that list them ----------------------------

GALLERY_TITLE = "Saltmarsh herons at first light"
GALLERY_MARKS = ("saltmarsh herons", "saltmarsh-herons")


@dataclass
class GallerySite:
    index: Page
    gallery: Page
    topic: Page


GALLERY_SURFACES: dict[str, Callable[[Client, GallerySite], str]] = {
    "gallery index": lambda c, s: c.get(s.index.url).content.decode(),
    "home: Gallery block": lambda c, s: block(c.get("/").content.decode(), "block-gallery"),
    "topic": lambda c, s: c.get(s.topic.url).content.decode(),
    "feed: Gallery": lambda c, s: c.get("/feeds/gallery/rss.xml").content.decode(),
    "search": lambda c, s: c.get("/search/?q=saltmarsh").content.decode(),
    "API: galleries": lambda c, s: c.get("/api/v1/galleries/").content.decode(),
    "sitemap: pages": lambda c, s: c.get("/sitemaps/pages.xml").content.decode(),
}

GALLERY_STATES: dict[str, Callable[[GallerySite], None]] = {
    "unpublished": lambda s: Page.objects.get(pk=s.gallery.pk).specific.unpublish(),
    "private to logged-in readers": lambda s: PageViewRestriction.objects.create(
        page=s.gallery, restriction_type=PageViewRestriction.LOGIN
    ),
    "restriction inherited from the gallery index": lambda s: PageViewRestriction.objects.create(
        page=s.index, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    ),
}


@pytest.fixture
def gallery_site(home, topic_index) -> GallerySite:  # type: ignore[no-untyped-def]
    topic = factories.make_topic(topic_index, "Wetlands")
    topic.save_revision().publish()
    index = factories.make_gallery_index(home)
    index.save_revision().publish()
    gallery = factories.make_photo_gallery(index, GALLERY_TITLE, topics=[topic])
    return GallerySite(index, gallery, topic)


def gallery_shown(client: Client, site: GallerySite) -> dict[str, bool]:
    return {
        name: any(mark in read(client, site).lower() for mark in GALLERY_MARKS)
        for name, read in GALLERY_SURFACES.items()
    }


@pytest.mark.parametrize("state", GALLERY_STATES)
def test_every_gallery_surface_follows_the_state(
    client: Client, gallery_site: GallerySite, state: str
) -> None:
    assert gallery_shown(client, gallery_site) == dict.fromkeys(GALLERY_SURFACES, True)

    GALLERY_STATES[state](gallery_site)

    assert gallery_shown(client, gallery_site) == dict.fromkeys(GALLERY_SURFACES, False)
    assert gallery_shown(client, gallery_site) == dict.fromkeys(GALLERY_SURFACES, False)
