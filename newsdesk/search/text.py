"""One spelling for text that is written several ways, applied to what is indexed and to
what readers type, so that both meet in the index.

Arabic and Persian are written with optional short vowels (tashkeel), a stretching
character (tatweel), several forms of alef, and two codepoints each for yeh and kaf
(Arabic and Persian keyboards differ). The zero-width non-joiner inside Persian words is
written by some and not by others; like Lucene's Persian analyser we read it as a space.
"""

from __future__ import annotations

import re
import unicodedata

# Tashkeel (fathatan .. sukun, and the marks after it up to U+065F), superscript alef, tatweel.
MARKS = "[\u064b-\u065f\u0670\u0640]"
_MARKS = re.compile(MARKS)
_FOLDS = {
    "\u0623": "\u0627",  # alef with hamza above -> alef
    "\u0625": "\u0627",  # alef with hamza below -> alef
    "\u0622": "\u0627",  # alef with madda -> alef
    "\u0671": "\u0627",  # alef wasla -> alef
    "\u06cc": "\u064a",  # Persian yeh -> Arabic yeh
    "\u0649": "\u064a",  # alef maksura -> yeh
    "\u06a9": "\u0643",  # Persian keheh -> Arabic kaf
    "\u0629": "\u0647",  # teh marbuta -> heh
    "\u06c0": "\u0647",  # heh with yeh above -> heh
    "\u200c": " ",  # zero-width non-joiner -> space
}
_LETTERS = str.maketrans(_FOLDS)
_FOLDED = re.compile(f"{MARKS}|[{''.join(_FOLDS)}]")
# For each letter that others fold into, the letters folded into it.
VARIANTS: dict[str, list[str]] = {}
for _variant, _letter in _FOLDS.items():
    if _letter != " ":
        VARIANTS.setdefault(_letter, []).append(_variant)
# Words as both engines see them: runs of letters and digits, in any script.
_WORD = re.compile(r"[^\W_]+")
# A query longer than this many words is pasted text, not a search.
MAX_TERMS = 12


def normalize(text: str) -> str:
    if not _FOLDED.search(text):  # English text: nothing to change, found at C speed
        return text
    return _MARKS.sub("", text).translate(_LETTERS)


def terms(query: str) -> list[str]:
    """The words of a query, normalized and lowercased, in order, without repeats.

    Everything else (quotes, operators, brackets, SQL) is dropped here, so no reader's input
    reaches a full-text parser as syntax."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(normalize(query).lower()):
        seen.setdefault(word, None)
    return list(seen)[:MAX_TERMS]


def words(text: str) -> set[str]:
    """Every word of `text` as SQLite's FTS5 tokenizer (unicode61) reads it: lowercased,
    with Latin letters' accents removed. Already normalized text stays as it is."""
    lowered = normalize(text).lower()
    if not lowered.isascii():
        decomposed = unicodedata.normalize("NFKD", lowered)
        lowered = "".join(char for char in decomposed if not unicodedata.combining(char))
    return set(_WORD.findall(lowered))
