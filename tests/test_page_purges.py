"""Each editorial action drops exactly the cached pages that show what changed.

The pages below are cached first; after the action, a page is "purged" when its next
anonymous view is no longer a cache hit.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from newsdesk.articles.models import ArticleKind, ArticlePage
from newsdesk.comments import services
from newsdesk.comments.models import Status
from newsdesk.home.models import EditorsChoiceItem, HomePage

from . import factories

pytestmark = pytest.mark.django_db


class Site:
    def __init__(self, home, news, analysis, topic_index) -> None:  # type: ignore[no-untyped-def]
        self.home, self.news, self.analysis = home, news, analysis
        self.drought = factories.make_topic(topic_index, "Drought")
        self.vote = factories.make_topic(topic_index, "Vote")
        self.sara = factories.PersonFactory(name="Sara", slug="sara")
        self.omar = factories.PersonFactory(name="Omar", slug="omar")
        self.wells = factories.make_article(
            news, "Wells run dry", topics=[self.drought], tags=["Water"], authors=[self.sara]
        )
        self.ballot = factories.make_article(
            analysis,
            "What the ballot means",
            kind=ArticleKind.ANALYSIS,
            topics=[self.vote],
            tags=["Elections"],
            authors=[self.omar],
        )
        factories.pick_for_home(home, [self.wells, self.ballot])
        self.pages = {
            "home": "/",
            "news": news.url,
            "analysis": analysis.url,
            "topic drought": self.drought.url,
            "topic vote": self.vote.url,
            "wells": self.wells.url,
            "ballot": self.ballot.url,
            "tag water": reverse("tag", args=["water"]),
            "tag elections": reverse("tag", args=["elections"]),
            "author sara": reverse("author", args=["sara"]),
            "author omar": reverse("author", args=["omar"]),
        }
        self.reader = Client()
        for url in self.pages.values():
            self.reader.get(url)

    def purged(self) -> set[str]:
        return {
            name for name, url in self.pages.items() if self.reader.get(url)["X-Cache"] != "HIT"
        }


# What showing the Wells story means: its page and every list with its card.
SHOWING_WELLS = {"wells", "home", "news", "topic drought", "tag water", "author sara"}


@pytest.fixture
def site(home, news, analysis, topic_index) -> Site:  # type: ignore[no-untyped-def]
    return Site(home, news, analysis, topic_index)


def test_it_caches_every_page_of_the_example(site: Site) -> None:
    assert site.purged() == set()


def test_it_purges_the_lists_a_new_article_joins_and_no_others(site: Site) -> None:
    factories.make_article(
        site.news, "New well dug", topics=[site.drought], tags=["Water"], authors=[site.sara]
    )
    assert site.purged() == {"home", "news", "topic drought", "tag water", "author sara"}


def test_it_purges_the_edited_article_and_the_lists_showing_it(site: Site) -> None:
    wells = ArticlePage.objects.get(pk=site.wells.pk)
    wells.title = "Wells run dry in the north"
    wells.save_revision().publish()
    assert site.purged() == SHOWING_WELLS


def test_it_purges_the_lists_an_unpublished_article_leaves(site: Site) -> None:
    ArticlePage.objects.get(pk=site.wells.pk).unpublish()
    assert site.purged() == SHOWING_WELLS


def test_it_purges_the_pages_showing_an_article_whose_comment_is_approved(site: Site) -> None:
    comment = factories.make_comment(site.wells, status=Status.PENDING)
    services.moderate(comment, Status.APPROVED)
    # Cards show the number of comments.
    assert site.purged() == SHOWING_WELLS


def test_it_purges_the_home_page_when_editors_choice_is_reordered(site: Site) -> None:
    home = HomePage.objects.get(pk=site.home.pk)
    EditorsChoiceItem.objects.filter(article=site.wells).update(sort_order=5)
    home.save_revision().publish()
    # Listings and articles show the home page's In Focus topics beside them
    # (home_tags.in_focus_aside), so any publication of the home page renews them too.
    assert {"home", "news", "wells"} <= site.purged()


def test_it_purges_the_pages_showing_an_author_when_they_are_renamed(site: Site) -> None:
    site.sara.name = "Sara K."
    site.sara.save()
    assert site.purged() == SHOWING_WELLS


def test_it_purges_the_stories_and_the_page_of_a_renamed_tag(site: Site) -> None:
    water = Tag.objects.get(name="Water")
    water.name = "Fresh water"
    water.save()
    # Cards do not show tags; the story's own page and the tag's page do.
    assert site.purged() == {"wells", "tag water"}


def test_it_purges_the_stories_and_the_page_of_a_deleted_tag(site: Site) -> None:
    Tag.objects.get(name="Water").delete()
    assert site.purged() == {"wells", "tag water"}


def test_it_purges_the_pages_showing_a_moved_article_and_no_others(site: Site) -> None:
    ArticlePage.objects.get(pk=site.wells.pk).move(site.analysis, pos="last-child")
    # Its old address, the lists it left and joined, and every list linking to it.
    assert site.purged() == SHOWING_WELLS | {"analysis"}


def test_it_purges_the_pages_linking_to_an_article_whose_slug_changed(
    site: Site, django_capture_on_commit_callbacks
) -> None:
    wells = ArticlePage.objects.get(pk=site.wells.pk)
    wells.slug = "wells-in-the-north"
    with django_capture_on_commit_callbacks(execute=True):
        wells.save_revision().publish()
    assert site.purged() == SHOWING_WELLS
