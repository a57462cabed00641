"""Lists of article cards, rendered once per page of the list and kept as HTML.

Every list of articles (a section, a topic, a tag, an author, a day in the archive)
changes when any article is published, withdrawn or edited, so each shows LATEST and is
rendered again by its next reader after such a change (see newsdesk.core.fragments).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

from newsdesk.core import fragments
from newsdesk.core.pagination import page_number, paginate

# Shown by every list of newest articles: publishing or withdrawing any article changes them.
LATEST = "articles:latest"
LIST_TEMPLATE = "components/article_list.html"


def article_list(
    request: HttpRequest,
    name: str,
    items: Callable[[], QuerySet],
    template: str = LIST_TEMPLATE,
    context: Callable[[], dict[str, Any]] | None = None,
) -> str:
    """The requested page of the list `items()`, as HTML.

    `name` identifies the list (e.g. "tag:12"); `items` and `context` are called only when
    the page has to be rendered. A page past the end is a 404, as with paginate()."""
    key = f"list:{name}:{translation.get_language()}:{page_number(request)}"

    def render() -> str:
        fragments.shows(LATEST)
        extra = context() if context else {}
        articles = paginate(request, items())
        return render_to_string(template, {"articles": articles, **extra}, request)

    return fragments.cached(request, key, render)
