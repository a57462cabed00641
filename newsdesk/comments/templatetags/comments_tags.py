from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import Urlizer
from django.utils.safestring import SafeString, mark_safe

from newsdesk.articles.models import ArticlePage
from newsdesk.core import fragments
from newsdesk.core.pagination import MAX_PAGE

from .. import selectors
from ..forms import CommentForm

register = template.Library()


class _WebLinks(Urlizer):
    """Django's urlize, for http(s) and www. addresses only: no mailto links from text."""

    @staticmethod
    def is_email_simple(value: str) -> bool:
        return False


_urlize = _WebLinks()


@register.filter(is_safe=True, needs_autoescape=True)
def comment_text(value: str, autoescape: bool = True) -> SafeString:
    """Escaped text with web addresses as links (rel="nofollow ugc") and line breaks kept."""
    html = _urlize(value, nofollow=True, autoescape=True)
    # User text is escaped above, so this attribute can only come from the link template.
    html = html.replace(' rel="nofollow"', ' rel="nofollow ugc"')
    return mark_safe(html.replace("\r\n", "\n").replace("\n", "<br>"))


def _page_number(raw: str) -> int:
    # A bad ?comments= shows the first page: the article itself must never fail.
    number = int(raw) if raw.isdigit() and len(raw) < 7 else 1
    return min(max(number, 1), MAX_PAGE)


@register.simple_tag(takes_context=True)
def comments_section(context: template.Context, article: ArticlePage) -> SafeString:
    request = context.get("request")
    number = _page_number(request.GET.get("comments", "") if request else "")
    reply = request.GET.get("reply", "") if request else ""
    state = request.GET.get("comment") if request else None
    if reply or state:
        return _section(request, article, number, reply=reply, state=state)
    # Kept whole, and the same for every reader: the form carries no token. The page's
    # script asks for one when the reader starts writing (decision 0013).
    return mark_safe(
        fragments.cached(
            request,
            f"comments-section:v2:{article.pk}:{translation.get_language()}:{number}",
            lambda: _section(request, article, number),
        )
    )


def _section(
    request: Any,
    article: ArticlePage,
    number: int,
    *,
    reply: str = "",
    state: Any = None,
) -> SafeString:
    site_settings = selectors.rules_for(request)
    key = f"comments:{article.pk}:{translation.get_language()}:{number}"
    threads = fragments.cached(
        request,
        key,
        lambda: render_to_string(
            "comments/threads.html",
            {"thread_page": selectors.thread_page(article, number), "article": article},
        ),
    )
    reply_to = selectors.replyable(article, int(reply)) if reply.isdigit() else None
    form_context: dict[str, Any] = {
        "article": article,
        "threads": threads,
        "open": selectors.is_open(article, site_settings),
        "token": "",
        "reply_to": reply_to,
        "state": state,
    }
    if reply_to is None and form_context["open"]:
        form_context["blank_form"] = _blank_form(request, article)
    else:
        # Built only when shown: a form copies all its fields when made.
        form_context["form"] = CommentForm()
    return mark_safe(render_to_string("comments/section.html", form_context, request=request))


def _blank_form(request: Any, article: ArticlePage) -> SafeString:
    """The empty form, kept like any page part."""
    return fragments.cached(
        request,
        f"comment-form:v2:{article.pk}:{translation.get_language()}",
        lambda: render_to_string(
            "comments/form.html",
            {"article": article, "form": CommentForm(), "token": "", "reply_to": None},
            request=request,
        ),
    )
