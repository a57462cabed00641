"""RSS 2.0, Atom and JSON Feed 1.1, each checked against its specification.

Atom: the RELAX NG schema of RFC 4287 (appendix B). RSS 2.0 has no official schema: the
rules of the RSS 2.0 specification (rssboard.org) are written out below, strictly.
JSON Feed 1.1: the specification's required fields and the type of every field we use."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def _atom_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))


def check_atom(body: bytes) -> list[str]:
    try:
        document = etree.fromstring(body)
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    schema = _atom_schema()
    if schema.validate(document):
        return _atom_rules(document)
    return [f"line {e.line}: {e.message}" for e in schema.error_log] + _atom_rules(document)


def _atom_rules(feed: Any) -> list[str]:
    """RFC 4287's rules that the schema only annotates (its Schematron asserts)."""
    errors = []
    feed_author = feed.find(f"{ATOM}author") is not None
    for entry in feed.iter(f"{ATOM}entry"):
        if not feed_author and entry.find(f"{ATOM}author") is None:
            errors.append("an atom:entry has no atom:author and neither has its feed")
        alternates = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if not alternates and entry.find(f"{ATOM}content") is None:
            errors.append("an atom:entry has neither an alternate link nor content")
    return errors


# RSS 2.0: the channel's and an item's elements, and which are required.
RSS_CHANNEL_REQUIRED = ("title", "link", "description")
RSS_CHANNEL_OPTIONAL = (
    "language copyright managingEditor webMaster pubDate lastBuildDate category generator "
    "docs cloud ttl image rating textInput skipHours skipDays item"
).split()
RSS_ITEM_ELEMENTS = (
    "title link description author category comments enclosure guid pubDate source".split()
)
RSS_DATES = ("pubDate", "lastBuildDate")


def check_rss(body: bytes) -> list[str]:
    try:
        rss = etree.fromstring(body)
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    if rss.tag != "rss" or rss.get("version") != "2.0":
        return ['the root is not <rss version="2.0">']
    channels = rss.findall("channel")
    if len(channels) != 1:
        return ["an RSS document has exactly one <channel>"]
    channel = channels[0]
    errors = _rss_elements(channel, RSS_CHANNEL_REQUIRED + tuple(RSS_CHANNEL_OPTIONAL), "channel")
    errors += [
        f"<channel> has no <{name}>"
        for name in RSS_CHANNEL_REQUIRED
        if _text(channel, name) is None
    ]
    for number, item in enumerate(channel.findall("item"), 1):
        errors += _rss_item(item, number)
    return errors


def _rss_elements(parent: Any, allowed: tuple[str, ...], where: str) -> list[str]:
    """Unknown elements without a namespace; namespaced ones are modules (allowed)."""
    errors = []
    for child in parent:
        if not isinstance(child.tag, str) or child.tag.startswith("{"):
            continue
        if child.tag not in allowed:
            errors.append(f"<{where}> has an element RSS 2.0 does not define: <{child.tag}>")
        if child.tag in RSS_DATES and not _rfc822(child.text):
            errors.append(f"<{where}><{child.tag}> is not an RFC 822 date: {child.text!r}")
        if child.tag in ("link", "comments", "docs") and not _absolute(child.text):
            errors.append(f"<{where}><{child.tag}> is not an absolute URL: {child.text!r}")
    return errors


def _rss_item(item: Any, number: int) -> list[str]:
    where = f"item {number}"
    errors = _rss_elements(item, tuple(RSS_ITEM_ELEMENTS), where)
    if _text(item, "title") is None and _text(item, "description") is None:
        errors.append(f"<{where}> has neither a title nor a description")
    for enclosure in item.findall("enclosure"):
        if not _absolute(enclosure.get("url")) or not (enclosure.get("length") or "").isdigit():
            errors.append(f"<{where}><enclosure> needs an absolute url and a length in bytes")
        if "/" not in (enclosure.get("type") or ""):
            errors.append(f"<{where}><enclosure> needs a MIME type")
    guid = item.find("guid")
    if guid is not None and guid.get("isPermaLink", "true") == "true" and not _absolute(guid.text):
        errors.append(f"<{where}><guid> is a permalink but not an absolute URL")
    if len(item.findall("enclosure")) > 1:
        errors.append(f"<{where}> has more than one <enclosure>")
    return errors


def _text(parent: Any, name: str) -> str | None:
    found = parent.find(name)
    return found.text if found is not None and (found.text or "").strip() else None


def _rfc822(text: str | None) -> bool:
    try:
        return parsedate_to_datetime(text or "") is not None
    except (TypeError, ValueError):
        return False


def _absolute(text: str | None) -> bool:
    parts = urlparse((text or "").strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


# JSON Feed 1.1: (field, type, required) for the top level, an item and an author.
Check = Callable[[Any], bool]


def STRING(value: Any) -> bool:
    return isinstance(value, str)


def URL(value: Any) -> bool:
    return isinstance(value, str) and _absolute(value)


def BOOL(value: Any) -> bool:
    return isinstance(value, bool)


def DATE(value: Any) -> bool:
    return isinstance(value, str) and bool(RFC3339.fullmatch(value))


def STRINGS(value: Any) -> bool:
    return isinstance(value, list) and all(map(STRING, value))


def OBJECTS(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def VERSION(value: Any) -> bool:
    return value == "https://jsonfeed.org/version/1.1"


JSON_FEED_TOP: list[tuple[str, Check, bool]] = [
    ("version", VERSION, True),
    ("title", STRING, True),
    ("items", OBJECTS, True),
    ("home_page_url", URL, False),
    ("feed_url", URL, False),
    ("description", STRING, False),
    ("user_comment", STRING, False),
    ("next_url", URL, False),
    ("icon", URL, False),
    ("favicon", URL, False),
    ("authors", OBJECTS, False),
    ("language", STRING, False),
    ("expired", BOOL, False),
    ("hubs", OBJECTS, False),
]
JSON_FEED_ITEM: list[tuple[str, Check, bool]] = [
    ("id", STRING, True),
    ("url", URL, False),
    ("external_url", URL, False),
    ("title", STRING, False),
    ("content_html", STRING, False),
    ("content_text", STRING, False),
    ("summary", STRING, False),
    ("image", URL, False),
    ("banner_image", URL, False),
    ("date_published", DATE, False),
    ("date_modified", DATE, False),
    ("authors", OBJECTS, False),
    ("tags", STRINGS, False),
    ("language", STRING, False),
    ("attachments", OBJECTS, False),
]
JSON_FEED_AUTHOR: list[tuple[str, Check, bool]] = [
    ("name", STRING, False),
    ("url", URL, False),
    ("avatar", URL, False),
]


def check_json_feed(body: bytes) -> list[str]:
    try:
        feed = json.loads(body)
    except ValueError as error:
        return [f"not JSON: {error}"]
    if not isinstance(feed, dict):
        return ["a JSON Feed is an object"]
    errors = _fields(feed, JSON_FEED_TOP, "feed")
    for author in feed.get("authors") or []:
        errors += _author(author, "feed")
    for number, item in enumerate(feed.get("items") or [], 1):
        if not isinstance(item, dict):
            continue
        where = f"item {number}"
        errors += _fields(item, JSON_FEED_ITEM, where)
        if "content_html" not in item and "content_text" not in item:
            errors.append(f"{where} has neither content_html nor content_text")
        for author in item.get("authors") or []:
            errors += _author(author, where)
    return errors


def _fields(value: dict, rules: list[tuple[str, Check, bool]], where: str) -> list[str]:
    errors = []
    for name, check, required in rules:
        if name not in value:
            if required:
                errors.append(f"{where} has no {name!r}")
        elif not check(value[name]):
            errors.append(f"{where}: {name!r} has the wrong type or form: {value[name]!r:.80}")
    return errors


def _author(author: Any, where: str) -> list[str]:
    if not isinstance(author, dict) or not {"name", "url", "avatar"} & author.keys():
        return [f"{where}: an author needs a name, url or avatar"]
    return _fields(author, JSON_FEED_AUTHOR, f"{where} author")
