"""Every change that makes kept copies wrong, turned into cache tags in one place.

Kept page parts, whole pages and copies in caches in front are dropped by tag (see
fragments.py, pagecache.py, purging.py). What to drop is declared by the models, not by
receivers spread over the apps:
- `cache_tags()` on an instance: its own tags (`person:7`, `map:events`), invalidated
  whenever it is saved or deleted, and for a page also when it is published, withdrawn
  or moved;
- `list_cache_tags(change)` on an instance, where needed: the lists a change touches
  (a published article: the lists it is in now and those it was in before);
- `declare(Model, tags)`: for tags that another module shows. Core declares the page
  tree's own rules here (every page's `page:<id>`, its parent's children list, the
  navigation, the sites); articles declare that a person's change touches
  `articles:latest` (feeds and search show bylines); maps that publishing a linked
  article touches the map's events.

The receivers below are connected once (core's ready()) for every sender: core imports
no content app.

Each change invalidates twice: at once, so that the editor's next request and the
process that made the change see it; and again once the transaction commits. A request
that renders between the two reads the rows as they were before the commit (other
connections do not see uncommitted rows) with the tags' new versions already, and would
keep the old content as current. The second invalidation, after the commit, drops what
such a render kept. Caches in front are purged once, after the commit (purging.py),
after the second invalidation, so that they cannot fetch the race's copy again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import fragments, navigation, pagecache, relocation, routing, sites, translations


class Change(StrEnum):
    CREATED = "created"
    SAVED = "saved"
    DELETED = "deleted"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    MOVED = "moved"


# What a page's appearance or disappearance changes beyond the page itself.
SHOWN_OR_HIDDEN = frozenset({Change.PUBLISHED, Change.UNPUBLISHED, Change.DELETED})

TagsOf = Callable[[Any, Change], Iterable[str]]
_declared: list[tuple[type, TagsOf, bool]] = []


def declare(model: type, tags_of: TagsOf, *, outside: bool = True) -> None:
    """A change to an instance of `model` (or a subclass) also invalidates
    `tags_of(instance, change)`: for a module that shows another module's data.

    `outside=False`: tags that only values kept in the app show (search rankings), on
    pages that carry other tags of the same change; caches in front are not asked."""
    if (model, tags_of, outside) not in _declared:
        _declared.append((model, tags_of, outside))


def tags_for(instance: object, change: Change, *, outside: bool = True) -> set[str]:
    """Every tag that `change` of `instance` makes stale, as its model declares them
    (with `outside=False`, only those that no cache in front needs to hear of)."""
    tags: set[str] = set()
    if outside:
        own = getattr(instance, "cache_tags", None)
        if callable(own):
            tags.update(own())
        lists = getattr(instance, "list_cache_tags", None)
        if callable(lists):
            tags.update(lists(change))
    for model, tags_of, purged_outside in _declared:
        if purged_outside == outside and isinstance(instance, model):
            tags.update(tags_of(instance, change))
    return tags


def invalidate(*tags: str, outside: bool = True) -> None:
    """Now, and again once the transaction commits (see the module's docstring)."""
    if not tags:
        return
    # Registered before the first invalidation asks for the purge in front (also run on
    # commit): the app drops the race's copy before a cache in front can fetch it again.
    transaction.on_commit(partial(fragments.invalidate, *tags, outside=False), robust=True)
    fragments.invalidate(*tags, outside=outside)


def forget(instance: object, change: Change, *also: str) -> None:
    outside = tags_for(instance, change) | set(also)
    invalidate(*sorted(outside))
    invalidate(*sorted(tags_for(instance, change, outside=False) - outside), outside=False)


# Receivers, for every sender --------------------------------------------------------------


def _saved(sender: type, instance: Model, created: bool = False, **kwargs: Any) -> None:
    forget(instance, Change.CREATED if created else Change.SAVED)


def _deleted(sender: type, instance: Model, **kwargs: Any) -> None:
    forget(instance, Change.DELETED)


def _related(sender: type, instance: Model, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        forget(instance, Change.SAVED)


def _published(sender: type, instance: Page, **kwargs: Any) -> None:
    # Some signals send the generic page; the specific one declares its lists.
    forget(instance.specific, Change.PUBLISHED)


def _unpublished(sender: type, instance: Page, **kwargs: Any) -> None:
    forget(instance.specific, Change.UNPUBLISHED)


def _moved(
    sender: type,
    instance: Page,
    parent_page_before: Page,
    parent_page_after: Page,
    url_path_before: str,
    url_path_after: str,
    **kwargs: Any,
) -> None:
    """post_page_move: also sent when a page is only reordered among its siblings."""
    parents = {parent.pk: parent for parent in (parent_page_before, parent_page_after)}
    tags = relocation.tags_for_new_address(
        instance, parents.values(), address_changed=url_path_before != url_path_after
    )
    forget(instance.specific, Change.MOVED, *tags)


def _slug_changed(sender: type, instance: Page, **kwargs: Any) -> None:
    """page_slug_changed (sent once the new slug is committed)."""
    parent = instance.get_parent()
    parents = [parent] if parent is not None else []
    tags = relocation.tags_for_new_address(instance, parents, address_changed=True)
    invalidate(*sorted({*tags, translations_tag(instance)}))


def connect() -> None:
    """Connect the receivers (once, from core's ready())."""
    post_save.connect(_saved, weak=False, dispatch_uid="invalidation-saved")
    post_delete.connect(_deleted, weak=False, dispatch_uid="invalidation-deleted")
    m2m_changed.connect(_related, weak=False, dispatch_uid="invalidation-related")
    page_published.connect(_published, weak=False, dispatch_uid="invalidation-published")
    page_unpublished.connect(_unpublished, weak=False, dispatch_uid="invalidation-unpublished")
    post_page_move.connect(_moved, weak=False, dispatch_uid="invalidation-moved")
    page_slug_changed.connect(_slug_changed, weak=False, dispatch_uid="invalidation-slug")


# The page tree and the sites: rules of core, for models core does not define --------------


def translations_tag(page: Page) -> str:
    """Shown by what lists a page's language versions (hreflang alternates, the switcher)."""
    return translations.tag_for(page.translation_key)


def _page_tags(page: Page, change: Change) -> set[str]:
    # The language switchers of its translations (core/translations.py).
    tags = {f"page:{page.pk}", translations.tag_for(page.translation_key)}
    if change in SHOWN_OR_HIDDEN:
        # A page appeared or went: a kept 404 or redirect may now be wrong, and so may a
        # page listing its parent's children, or the menu.
        tags |= {pagecache.ADDRESSES, *relocation.parent_list_tags(page)}
        if page.depth == navigation.MENU_DEPTH:
            tags.add(navigation.TAG)
    if change in (Change.CREATED, Change.SAVED, Change.DELETED) and page.is_site_root():
        # A site's root page (or a translation of it): its URL path may differ, as may
        # every page URL under it. Wagtail clears its own copy on the same condition.
        tags.add(sites.SITES_TAG)
    return tags


def _site_tags(site: Site, change: Change) -> set[str]:
    # A site's root page, host or port changed: every page and address may differ.
    return {fragments.STRUCTURE, pagecache.ADDRESSES, sites.SITES_TAG}


def _settings_tags(setting: BaseSiteSetting, change: Change) -> set[str]:
    # Site settings (comment rules, feed options) show on every page; rare. A new row
    # holds the defaults pages were already rendered with.
    return {fragments.STRUCTURE} if change == Change.SAVED else set()


def _restriction_tags(restriction: PageViewRestriction, change: Change) -> set[str]:
    # A page (and everything below it) became private or public: no kept copy may stay.
    return {routing.RESTRICTIONS_TAG, fragments.STRUCTURE}


declare(Page, _page_tags)
declare(Site, _site_tags)
declare(BaseSiteSetting, _settings_tags)
declare(PageViewRestriction, _restriction_tags)
declare(Locale, lambda locale, change: {sites.LOCALES_TAG})
declare(Redirect, lambda redirect, change: {pagecache.ADDRESSES})
