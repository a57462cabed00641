"""Cleaning what readers type of the characters that change the order text is shown in.

Embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069) let a few characters
make a name read as something else ("Admin (staff)") or turn text around; nobody needs
them to write Arabic or Persian, which browsers order by themselves. The direction
marks (LRM U+200E, RLM U+200F, ALM U+061C) have honest uses inside mixed text, so text
keeps them between words; at its ends they only change the direction the whole comment is
shown in, and in a name (a few words shown among other text) they serve only to mislead.
Joiners (ZWNJ U+200C, ZWJ U+200D) are part of Persian and Arabic words and are kept.
"""

from __future__ import annotations

import re

CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
MARKS = "\u200e\u200f\u061c"
_MARKS_RE = re.compile(f"[{MARKS}]")


def clean_name(value: str) -> str:
    return _MARKS_RE.sub("", CONTROLS.sub("", value)).strip()


def clean_text(value: str) -> str:
    return CONTROLS.sub("", value).strip().strip(MARKS).strip()
