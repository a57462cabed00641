"""What a page's new address invalidates: a move to another parent, or a new slug.

Every place that links to a page shows its `page:<id>` tag (cards, the menu, related
links, map events, links in article text; see fragments.py), and the pages below it get
new addresses too. So a page that changes address invalidates exactly:
- `page:<id>` of the page and of every page below it: their kept copies at the old
  addresses, and everything that links to them;
- `list:children:<id>` of its old and new parent: pages that list their children (the
  In Focus index lists its topics);
- ADDRESSES: a kept 404 or redirect at one of the new addresses may now be a page, and
  sitemaps list addresses;
- the navigation, when the page is in the menu under its old or new parent.
Articles also leave and join lists (ArticlePage.list_cache_tags). invalidation.py sends
these tags when post_page_move or page_slug_changed is sent.

A subtree too large to name tag by tag (a section of thousands of articles) invalidates
STRUCTURE instead: one tag in the shared cache and one purge in each cache in front,
rather than thousands. Such moves are rare and a cold cache refills as readers come.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page

from . import fragments, navigation, pagecache

# Beyond this many pages below a moved page, STRUCTURE is invalidated instead of each one.
DESCENDANT_TAG_LIMIT = 500


def children_tag(parent_id: int) -> str:
    """Shown by a page that lists its children; invalidated when one comes, goes or moves."""
    return f"list:children:{parent_id}"


def parent_list_tags(page: Page) -> list[str]:
    """The children list of the page's parent (found by path: the parent may be gone)."""
    parents = Page.objects.filter(path=page.path[: -Page.steplen]).values_list("pk", flat=True)
    return [children_tag(pk) for pk in parents]


def tags_for_new_address(page: Page, parents: Iterable[Page], *, address_changed: bool) -> set[str]:
    parents = list(parents)
    tags = {f"page:{page.pk}", *(children_tag(parent.pk) for parent in parents)}
    if page.show_in_menus and any(_holds_menu(parent) for parent in parents):
        tags.add(navigation.TAG)
    if address_changed:
        tags.add(pagecache.ADDRESSES)
        tags |= _descendant_tags(page)
    return tags


def _holds_menu(parent: Page) -> bool:
    return parent.depth == navigation.MENU_DEPTH - 1


def _descendant_tags(page: Page) -> set[str]:
    below = Page.objects.descendant_of(page).order_by().values_list("pk", flat=True)
    ids = list(below[: DESCENDANT_TAG_LIMIT + 1])
    if len(ids) > DESCENDANT_TAG_LIMIT:
        return {fragments.STRUCTURE}
    return {f"page:{pk}" for pk in ids}
