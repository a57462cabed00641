"""What a change invalidates is declared by its model, and sent now and after the commit
(newsdesk.core.invalidation)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group
from taggit.models import Tag
from wagtail.models import Site

from newsdesk.articles.listings import LATEST
from newsdesk.comments.models import CommentSettings
from newsdesk.core import fragments
from newsdesk.core.invalidation import Change, tags_for
from newsdesk.maps.models import EVENTS_TAG
from newsdesk.people.models import Person

from . import factories
from .maps.factories import make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_outside() -> Iterator[list[frozenset[str]]]:
    """Each set of tags that caches in front are asked to purge."""
    sent: list[frozenset[str]] = []

    def record(tags: frozenset[str], **kwargs: object) -> None:
        sent.append(tags)

    fragments.invalidated.connect(record, weak=False, dispatch_uid="test-sent-outside")
    yield sent
    fragments.invalidated.disconnect(dispatch_uid="test-sent-outside")


def _version(tag: str) -> str:
    return fragments.current_versions([tag])[tag]


def test_a_change_invalidates_now_and_again_when_the_transaction_commits(
    reporter: Person, django_capture_on_commit_callbacks
) -> None:
    tag = f"person:{reporter.pk}"
    before = _version(tag)
    with django_capture_on_commit_callbacks(execute=True):
        reporter.name = "Leila Haddad-Sayegh"
        reporter.save()
        at_the_save = _version(tag)
    after_the_commit = _version(tag)
    assert len({before, at_the_save, after_the_commit}) == 3


def test_caches_in_front_are_asked_to_purge_once(
    reporter: Person, django_capture_on_commit_callbacks, sent_outside: list[frozenset[str]]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        reporter.save()
    assert sent_outside == [frozenset({f"person:{reporter.pk}", LATEST})]


def test_what_models_declare(home) -> None:  # type: ignore[no-untyped-def]
    person = factories.PersonFactory()
    tag = Tag.objects.create(name="water", slug="water")
    category = make_category()
    site = Site.objects.get(is_default_site=True)
    rules = CommentSettings.objects.create(site=site)
    cases = [
        (person, Change.SAVED, {f"person:{person.pk}", LATEST}),
        (tag, Change.DELETED, {f"tag:{tag.pk}"}),
        (category, Change.SAVED, {EVENTS_TAG}),
        # A new settings row holds the defaults pages were rendered with; an edit shows
        # on every page.
        (rules, Change.CREATED, {f"comment-rules:{site.pk}"}),
        (rules, Change.SAVED, {f"comment-rules:{site.pk}", fragments.STRUCTURE}),
        # Declares nothing: shown by no page.
        (Group.objects.create(name="Desk"), Change.SAVED, set()),
    ]
    for instance, change, expected in cases:
        assert tags_for(instance, change) == expected, instance


@pytest.mark.parametrize(
    ("change", "lists"),
    [
        (Change.SAVED, False),  # a draft: the page's own tag only
        (Change.PUBLISHED, True),
        (Change.UNPUBLISHED, True),
        (Change.MOVED, True),
        (Change.DELETED, True),
    ],
)
def test_an_article_names_its_lists_when_it_joins_or_leaves_them(
    news, change: Change, lists: bool
) -> None:
    article = factories.make_article(news, "Talks resume")
    tags = tags_for(article, change)
    assert f"page:{article.pk}" in tags
    assert (f"list:section:{news.pk}" in tags) is lists
    assert (LATEST in tags) is lists
