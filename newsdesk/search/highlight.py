"""Marks the words of a query in a result's text, safely: the text is escaped first, and
the marks never land inside an escaped character such as &amp;."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

SNIPPET_WORDS = 40
_ENTITY = r"&[#\w]+;"


def terms_of(query: str) -> list[str]:
    # Longest first, so that "peace" is marked whole rather than a shorter term inside it.
    return sorted({word for word in re.findall(r"\w+", query) if len(word) > 1}, key=len)[::-1]


def highlight(text: str, query: str) -> SafeString:
    escaped = escape(Truncator(text).words(SNIPPET_WORDS))
    terms = terms_of(query)
    if not terms:
        return mark_safe(escaped)
    pattern = re.compile(
        f"({_ENTITY})|({'|'.join(re.escape(term) for term in terms)})", re.IGNORECASE
    )

    def mark(match: re.Match[str]) -> str:
        return match.group(1) or f"<mark>{match.group(2)}</mark>"

    return mark_safe(pattern.sub(mark, escaped))  # the text was escaped above
