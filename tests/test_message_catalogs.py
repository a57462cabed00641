"""The admin and the site in Arabic and Persian: every string the project adds has a
translation, none is fuzzy, and the compiled catalogs (.mo, committed, so that an
install needs no gettext tools) say what the .po files say."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest

import newsdesk

PACKAGE = Path(newsdesk.__file__).parent
CATALOGS = sorted(PACKAGE.glob("**/locale/*/LC_MESSAGES/django.po"))


def entries(po: Path) -> list[dict[str, object]]:
    """The .po file's entries: flags, msgid (with its context and plural) and msgstrs."""
    found = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        entry: dict[str, object] = {"flags": "", "msgstr": []}
        field = ""
        for line in lines:
            if line.startswith("#,"):
                entry["flags"] = line
            elif line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr")):
                field, _space, text = line.partition(" ")
                entry.setdefault(field, "")
                value = ast.literal_eval(text)
                if field.startswith("msgstr"):
                    entry["msgstr"].append(value)  # type: ignore[attr-defined]
                else:
                    entry[field] = value
            elif line.startswith('"') and field:
                value = ast.literal_eval(line)
                if field.startswith("msgstr"):
                    entry["msgstr"][-1] += value  # type: ignore[index]
                else:
                    entry[field] = str(entry[field]) + value
        if entry.get("msgid"):
            found.append(entry)
    return found


def message_count(po: Path) -> int:
    """The file's messages, counted by their msgid lines, less the header's."""
    return po.read_text(encoding="utf-8").count("\nmsgid ") - 1


def test_there_are_arabic_and_persian_catalogs() -> None:
    assert {po.parts[-3] for po in CATALOGS} == {"ar", "fa"}


@pytest.mark.parametrize("po", CATALOGS, ids=lambda po: str(po.relative_to(PACKAGE)))
def test_every_string_is_translated_and_none_is_fuzzy(po: Path) -> None:
    found = entries(po)
    unfinished = [
        entry["msgid"]
        for entry in found
        if "fuzzy" in str(entry["flags"]) or not all(entry["msgstr"])  # type: ignore[call-overload]
    ]

    assert len(found) == message_count(po)  # every message was read, none skipped
    assert unfinished == []


@pytest.mark.parametrize("po", CATALOGS, ids=lambda po: str(po.relative_to(PACKAGE)))
def test_the_compiled_catalog_says_what_the_po_file_says(po: Path) -> None:
    with po.with_suffix(".mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    found = entries(po)
    stale = []
    for entry in found:
        msgid = str(entry["msgid"])
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            got = [catalog._catalog.get((msgid, n)) for n in range(len(entry["msgstr"]))]  # type: ignore[arg-type, attr-defined]
        else:
            got = [catalog._catalog.get(msgid)]  # type: ignore[attr-defined]
        if got != entry["msgstr"]:
            stale.append(msgid)

    assert len(found) == message_count(po)  # every message was compared, none skipped
    assert stale == []
