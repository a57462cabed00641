"""What page metadata reads from the content apps beyond what a page view already has."""

from __future__ import annotations

from wagtail.models import Page


def breadcrumb_pages(page: Page) -> list[Page]:
    """The page's ancestors below the tree root (the home page first), in one query."""
    return list(page.get_ancestors().filter(depth__gt=1).only("id", "title", "url_path", "depth"))
