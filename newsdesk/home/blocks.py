"""The blocks of the home page, in the order they appear.

Adding a block to the home page is adding a class here and a template under
templates/home/blocks/: each block fetches its own data in a fixed number of queries
and returns None to stay hidden when it has nothing to show. Apps that depend on home
(such as analytics) add their blocks with `register()` from their AppConfig.ready(),
so that home never imports them.

Each block is rendered once and kept until something it shows changes (see
newsdesk.core.fragments): its context says what it shows with `fragments.shows()`.
A block that changes by itself (counts) sets `kept_as_html = False`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.listings import kind_list, shows_cards
from newsdesk.articles.models import ArticleKind, ArticlePage
from newsdesk.core import fragments

if TYPE_CHECKING:
    from .models import HomePage


class HomeBlock:
    name: str
    template: str
    # False for a block that changes by itself (e.g. counts) and keeps its own data.
    kept_as_html = True

    def context(self, page: HomePage) -> dict[str, Any] | None:
        raise NotImplementedError

    def render(self, page: HomePage, request: HttpRequest) -> str:
        """The block's HTML, or "" when it has nothing to show."""
        if not self.kept_as_html:
            return self._render(page, request)
        key = fragments.key_for(page, f"home-{self.name}")
        return fragments.cached(request, key, lambda: self._render(page, request))

    def _render(self, page: HomePage, request: HttpRequest) -> str:
        context = self.context(page)
        if context is None:
            return ""
        return render_to_string(
            "home/block.html",
            {"name": self.name, "template": self.template, "block": context},
            request,
        )


class EditorsChoiceBlock(HomeBlock):
    name = "editors-choice"
    template = "home/blocks/editors_choice.html"

    def context(self, page: HomePage) -> dict[str, Any] | None:
        articles = page.editors_choice_articles()
        return {"title": _("Editor's Choice"), "articles": articles} if articles else None


class LatestOfKindBlock(HomeBlock):
    template = "home/blocks/latest.html"

    def __init__(
        self, kind: str, title: Promise, count: int, featured: int = 1, rest_size: str = "compact"
    ) -> None:
        self.kind = kind
        self.name = f"latest-{kind}"
        self.title = title
        self.count = count
        # The first `featured` cards show a picture; the rest are cards of `rest_size`
        # (see components/card.html).
        self.featured = featured
        self.rest_size = rest_size

    def context(self, page: HomePage) -> dict[str, Any] | None:
        # Stories already in Editor's Choice above are not repeated.
        fragments.shows(kind_list(self.kind, page.locale_id))
        articles = list(
            ArticlePage.objects.visible()
            .in_locale_of(page)
            .filter(kind=self.kind)
            .exclude(pk__in=page.editors_choice_ids)
            .cards()[: self.count]
        )
        shows_cards(articles)
        if not articles:
            return None
        return {
            "title": self.title,
            "articles": articles,
            "kind": self.kind,
            "featured": self.featured,
            "rest_size": self.rest_size,
        }


class InFocusBlock(HomeBlock):
    name = "in-focus"
    template = "home/blocks/in_focus.html"

    def context(self, page: HomePage) -> dict[str, Any] | None:
        topics = page.in_focus_topics()
        return {"title": _("In Focus"), "topics": topics} if topics else None


HOME_BLOCKS: list[HomeBlock] = [
    EditorsChoiceBlock(),
    LatestOfKindBlock(ArticleKind.NEWS, _("News"), count=8, featured=2, rest_size="compact"),
    LatestOfKindBlock(ArticleKind.ANALYSIS, _("Analysis"), count=4, featured=1, rest_size="text"),
    InFocusBlock(),
]


def register(block: HomeBlock, *, after: str | None = None) -> None:
    """Add a block once, after the block named `after` (at the end if that is absent)."""
    if any(existing.name == block.name for existing in HOME_BLOCKS):
        return
    names = [existing.name for existing in HOME_BLOCKS]
    position = names.index(after) + 1 if after in names else len(HOME_BLOCKS)
    HOME_BLOCKS.insert(position, block)
