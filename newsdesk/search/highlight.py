"""Marks the words of a query in a result's text, safely: the text is escaped first, and
the marks never land inside an escaped character such as &amp;.

The words are the normalized search terms (newsdesk.search.text), so a term matches the
text however it is spelled there: with or without Arabic short vowels and tatweel, with
Persian or Arabic yeh and kaf, any form of alef."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from .text import MARKS, VARIANTS

SNIPPET_WORDS = 40
_ENTITY = r"&[#\w]+;"
_OPTIONAL_MARKS = f"{MARKS}*"


def highlight(text: str, terms: list[str]) -> SafeString:
    escaped = escape(Truncator(text).words(SNIPPET_WORDS))
    # Longest first, so that "peace" is marked whole rather than a shorter term inside it.
    words = sorted((term for term in terms if len(term) > 1), key=len, reverse=True)
    if not words:
        return mark_safe(escaped)
    pattern = re.compile(
        f"({_ENTITY})|({'|'.join(_spellings(word) for word in words)})", re.IGNORECASE
    )

    def mark(match: re.Match[str]) -> str:
        return match.group(1) or f"<mark>{match.group(2)}</mark>"

    return mark_safe(pattern.sub(mark, escaped))  # the text was escaped above


def _spellings(term: str) -> str:
    """A pattern for every way of writing a normalized term."""
    letters = [_letter(char) for char in term]
    if not any(char in VARIANTS or "\u0600" <= char <= "\u06ff" for char in term):
        return "".join(letters)
    return _OPTIONAL_MARKS.join(letters)


def _letter(char: str) -> str:
    spellings = VARIANTS.get(char)
    if not spellings:
        return re.escape(char)
    return f"[{re.escape(char)}{''.join(re.escape(s) for s in spellings)}]"
