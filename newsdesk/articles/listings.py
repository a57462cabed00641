"""Lists of article cards, rendered once per page of the list and kept as HTML.

Each list shows two kinds of tags (see newsdesk.core.fragments):
- its own, `list:<name>` (e.g. `list:section:7`), given a new version when an article
  joins or leaves it: publishing, withdrawing, deleting or moving an article invalidates
  the lists it belongs to (`listed_in`) before and after the change, and no others;
- `page:<id>` and `person:<id>` of every card on the page, so that editing an article
  (or an author's name, or approving a comment, shown as a count) renders again exactly
  the pages of lists where its card appears.
LATEST is left for what every publication changes: search results, feeds, sitemaps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from newsdesk.core import fragments
from newsdesk.core.pagination import page_number, paginate

# Shown by every list of newest articles: publishing or withdrawing any article changes them.
LATEST = fragments.list_wide_tag("articles:latest")
LIST_TEMPLATE = "components/article_list.html"
# Which lists an article was in when it was last published: those it leaves when edited.
LISTED_KEY = "newsdesk:listed:v1:{}"
LISTED_SECONDS = 60 * 60 * 24 * 365


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
        fragments.shows(f"list:{name}")
        extra = context() if context else {}
        articles = paginate(request, items())
        shows_cards(articles.object_list)
        return render_to_string(template, {"articles": articles, **extra}, request)

    return fragments.cached(request, key, render)


def shows_cards(articles: Iterable[Any]) -> None:
    """Cards show their article (title, picture, comment count) and its authors' names."""
    fragments.shows(*(f"page:{article.pk}" for article in articles))
    fragments.shows(
        *{f"person:{link.person_id}" for article in articles for link in article.authors.all()}
    )


def archive_name(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"archive:{year:04d}"
    if day is None:
        return f"archive:{year:04d}-{month:02d}"
    return f"archive:{year:04d}-{month:02d}-{day:02d}"


def kind_list(kind: str, locale_id: int) -> str:
    """The home page's newest articles of one kind, in one language."""
    return f"list:kind:{kind}:{locale_id}"


def listed_in(article: Any) -> set[str]:
    """The tags of every list `article` belongs to as it is now (live or not)."""
    tags = {
        f"list:section:{article.get_parent().pk}",
        kind_list(article.kind, article.locale_id),
        *(f"list:topic:{pk}" for pk in article.topic_links.values_list("topic_id", flat=True)),
        *(f"list:tag:{pk}" for pk in article.tagged_items.values_list("tag_id", flat=True)),
        *(f"list:author:{pk}" for pk in article.authors.values_list("person_id", flat=True)),
    }
    when = timezone.localtime(article.published_at)
    tags |= {
        f"list:{archive_name(when.year)}",
        f"list:{archive_name(when.year, when.month)}",
        f"list:{archive_name(when.year, when.month, when.day)}",
    }
    return tags


def lists_touched(article: Any, *, still_exists: bool = True) -> set[str]:
    """The tags of every list `article` was in at its last publication or is in now, and
    LATEST; remembers the lists it is in now, for its next change."""
    key = LISTED_KEY.format(article.pk)
    before = set(cache.get(key) or ())
    now = listed_in(article) if still_exists else set()
    if still_exists:
        cache.set(key, sorted(now), LISTED_SECONDS)
    else:
        cache.delete(key)
    return {LATEST, *before, *now}
