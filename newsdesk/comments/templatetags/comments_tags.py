from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import Urlizer
from django.utils.safestring import SafeString, mark_safe

from newsdesk.articles.models import ArticlePage
from newsdesk.core import fragments, params

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


@register.simple_tag(takes_context=True)
def comments_section(context: template.Context, article: ArticlePage) -> SafeString:
    request = context.get("request")
    # Parsed before the page was served (ArticlePage.query_spec; a bad value is a 400).
    query = params.of(request, article.query_spec) if request else params.of_nothing()
    number: int = query.values.get("comments", 1)
    reply: int | None = query.values.get("reply")
    state: str | None = query.values.get("comment")
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
    reply: int | None = None,
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
    reply_to = selectors.replyable(article, reply)
    if reply and reply_to is None:
        # No comment to reply to: the page is the plain one, and is not kept under this
        # address (otherwise every made-up number would fill the page cache).
        fragments.expires(timezone.now())
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
