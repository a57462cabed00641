"""One spelling for text that is written several ways, applied to what is indexed and to
what readers type, so that both meet in the index.

Arabic and Persian are written with optional short vowels (tashkeel), a stretching
character (tatweel), several forms of alef, and two codepoints each for yeh and kaf
(Arabic and Persian keyboards differ).

Persian joins a verb's prefix (mi-, nemi-) and a plural's ending (-ha, -haye) to the word
with a zero-width non-joiner, with nothing, or with a space ("mi-ravand"). The
index holds the words as separated (the non-joiner read as a space, like Lucene's Persian
analyser) and, besides, each such word joined (`joined_forms`); a query's words are joined
(`terms`), so that any of the three finds the others.

Arabic writes the article and some prepositions joined to the noun (al-miyah "the water",
lil-miyah "for the water", bil-, wal-). PostgreSQL's `arabic` configuration takes off al-,
bil- and lil- (not wa-); SQLite has no stemmer, so its index also holds each Arabic
page's words without them (`arabic_stem`, Lucene's light stemmer's prefixes) and an
Arabic query looks for them so.
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
ZWNJ = "\u200c"
# Persian verb prefixes and plural endings, written joined, apart or with a non-joiner.
# mi-, nemi- (their yeh already folded to the Arabic one); -ha, -haye, -hayi.
PERSIAN_PREFIXES = ("\u0645\u064a", "\u0646\u0645\u064a")
PERSIAN_SUFFIXES = ("\u0647\u0627", "\u0647\u0627\u064a", "\u0647\u0627\u064a\u064a")
_APART = re.compile(
    r"(?<![^\W_])("
    + "|".join(PERSIAN_PREFIXES)
    + r")\s+([^\W_]+)|([^\W_]+)\s+("
    + "|".join(PERSIAN_SUFFIXES)
    + r")(?![^\W_])"
)
_WITH_NON_JOINER = re.compile(rf"[^\W_]+(?:{ZWNJ}[^\W_]+)+")
# Arabic's joined article and prepositions (after normalize: alef forms are one), longest
# first, as Lucene's ArabicStemmer takes them: al-, wal-, bil-, kal-, fal-, lil-, wa-.
ARABIC_PREFIXES = (
    "\u0627\u0644",
    "\u0648\u0627\u0644",
    "\u0628\u0627\u0644",
    "\u0643\u0627\u0644",
    "\u0641\u0627\u0644",
    "\u0644\u0644",
    "\u0648",
)


def normalize(text: str) -> str:
    if not _FOLDED.search(text):  # English text: nothing to change, found at C speed
        return text
    return _MARKS.sub("", text).translate(_LETTERS)


def terms(query: str) -> list[str]:
    """The words of a query, normalized and lowercased, in order, without repeats; a
    Persian prefix or plural ending joined to its word, however it was written.

    Everything else (quotes, operators, brackets, SQL) is dropped here, so no reader's input
    reaches a full-text parser as syntax."""
    joined = _join_apart(normalize(query.replace(ZWNJ, "")).lower())
    seen: dict[str, None] = {}
    for word in _WORD.findall(joined):
        seen.setdefault(word, None)
    return list(seen)[:MAX_TERMS]


def _join_apart(text: str) -> str:
    return _APART.sub(lambda m: (m[1] or m[3]) + (m[2] or m[4]), text)


def joined_forms(text: str) -> list[str]:
    """The Persian words of `text` written with a non-joiner or with their prefix or
    ending apart, joined: what `terms` makes of each of them. Indexed besides the text."""
    if ZWNJ not in text and not _APART.search(normalize(text)):
        return []
    found = [normalize(word.replace(ZWNJ, "")) for word in _WITH_NON_JOINER.findall(text)]
    found += [(m[1] or m[3]) + (m[2] or m[4]) for m in _APART.finditer(normalize(text))]
    return list(dict.fromkeys(found))


def index_form(text: str) -> str:
    """Text as indexed: normalized, followed by its joined Persian forms, if any."""
    forms = joined_forms(text)
    normalized = normalize(text)
    return f"{normalized} {' '.join(forms)}" if forms else normalized


def arabic_stem(word: str) -> str:
    """A normalized Arabic word without its joined article or preposition (the first of
    ARABIC_PREFIXES it starts with, leaving at least two letters, three after wa-)."""
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) >= len(prefix) + (3 if len(prefix) == 1 else 2):
            return word[len(prefix) :]
    return word


def arabic_stems(text: str) -> list[str]:
    """The stems of the words of normalized `text` that arabic_stem shortens."""
    return [stem for word in _WORD.findall(text) if (stem := arabic_stem(word)) != word]


def words(text: str) -> set[str]:
    """Every word of `text` as SQLite's FTS5 tokenizer (unicode61) reads it: lowercased,
    with Latin letters' accents removed. Already normalized text stays as it is."""
    lowered = normalize(text).lower()
    if not lowered.isascii():
        decomposed = unicodedata.normalize("NFKD", lowered)
        lowered = "".join(char for char in decomposed if not unicodedata.combining(char))
    return set(_WORD.findall(lowered))
