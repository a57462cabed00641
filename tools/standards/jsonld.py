"""JSON-LD checked against the schema.org types we claim and Google's structured-data
rules for them (Article, Video, Breadcrumb, image metadata).

RULES is the table: for each type, each property with what it must hold and whether
Google requires it or recommends it. We treat both as errors: a property Google
recommends is one our pages have the data for, and its absence loses rich results."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from lxml import html as lxml_html

Check = Callable[[Any], bool]
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?")
DURATION = re.compile(r"P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?")


def text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def url(value: Any) -> bool:
    parts = urlparse(value) if isinstance(value, str) else None
    return parts is not None and parts.scheme in ("http", "https") and bool(parts.netloc)


def date(value: Any) -> bool:
    """ISO 8601 with a time zone when it has a time (Google: 'in ISO 8601 format')."""
    return isinstance(value, str) and bool(ISO_DATE.fullmatch(value))


def duration(value: Any) -> bool:
    return isinstance(value, str) and bool(DURATION.fullmatch(value))


def headline(value: Any) -> bool:
    return text(value) and len(value) <= 110  # Google truncates or drops longer ones


def typed(*types: str) -> Check:
    def check(value: Any) -> bool:
        return isinstance(value, dict) and value.get("@type") in types

    return check


def some(check: Check) -> Check:
    """One value or a list of them, each passing `check`."""

    def each(value: Any) -> bool:
        values = value if isinstance(value, list) else [value]
        return bool(values) and all(check(v) for v in values)

    return each


def either(*checks: Check) -> Check:
    return lambda value: any(check(value) for check in checks)


def integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


PERSON_OR_ORG = typed("Person", "Organization")
IMAGE = either(url, typed("ImageObject"))


@dataclass(frozen=True)
class Rule:
    prop: str  # "a|b": either will do (each present one is checked)
    check: Check
    level: str  # "required" or "recommended" (Google's word), or "schema.org" (its type)


REQUIRED, RECOMMENDED, SCHEMA = "required", "recommended", "schema.org"
ARTICLE_RULES = (
    Rule("headline", headline, RECOMMENDED),
    Rule("image", some(IMAGE), RECOMMENDED),
    Rule("datePublished", date, RECOMMENDED),
    Rule("dateModified", date, RECOMMENDED),
    Rule("author", some(PERSON_OR_ORG), RECOMMENDED),
    Rule("publisher", typed("Organization"), SCHEMA),
    Rule("mainEntityOfPage", either(url, typed("WebPage")), SCHEMA),
)
RULES: dict[str, tuple[Rule, ...]] = {
    "NewsArticle": ARTICLE_RULES,
    "LiveBlogPosting": (*ARTICLE_RULES, Rule("coverageStartTime", date, RECOMMENDED)),
    # An entry of live coverage (liveBlogUpdate).
    "BlogPosting": (Rule("headline", text, REQUIRED), Rule("datePublished", date, REQUIRED)),
    "BreadcrumbList": (Rule("itemListElement", some(typed("ListItem")), REQUIRED),),
    "ListItem": (Rule("position", integer, REQUIRED),),
    "WebSite": (Rule("name", text, SCHEMA), Rule("url", url, SCHEMA)),
    "CollectionPage": (Rule("name", text, SCHEMA), Rule("url", url, SCHEMA)),
    "ImageObject": (
        Rule("contentUrl", url, REQUIRED),
        Rule("creditText", text, RECOMMENDED),
    ),
    "VideoObject": (
        Rule("name", text, REQUIRED),
        Rule("thumbnailUrl", some(url), REQUIRED),
        Rule("uploadDate", date, REQUIRED),
        Rule("description", text, RECOMMENDED),
        Rule("contentUrl|embedUrl", url, RECOMMENDED),  # one of them: a file, or a player
        Rule("duration", duration, RECOMMENDED),
    ),
    "Person": (Rule("name", text, REQUIRED), Rule("url", url, RECOMMENDED)),
    "Organization": (Rule("name", text, REQUIRED), Rule("url", url, RECOMMENDED)),
    "WebPage": (),
    "ItemList": (Rule("itemListElement", some(typed("ListItem")), SCHEMA),),
    "SearchAction": (Rule("target", either(url, typed("EntryPoint")), SCHEMA),),
    "EntryPoint": (Rule("urlTemplate", text, SCHEMA),),
}
# An ImageObject that is a logo or a thumbnail names its file with `url`, as schema.org
# allows; Google's image metadata (contentUrl, credit) applies to pictures we publish.
LOGO_RULES = (Rule("url", url, REQUIRED),)
# Page addresses are on BASE_URL; media files may be in other storage (absolute, checked
# by the rules), and an embedded film on its host.
URL_PROPERTIES = {"url", "item", "@id"}
DATE_PROPERTIES = {
    "datePublished",
    "dateModified",
    "uploadDate",
    "coverageStartTime",
    "coverageEndTime",
}


def blocks(page: bytes) -> list[str]:
    """The JSON-LD blocks of an HTML page, as written."""
    tree = lxml_html.fromstring(page)
    return [s.text or "" for s in tree.xpath('//script[@type="application/ld+json"]')]


def check_page(page: bytes, base_url: str) -> list[str]:
    errors = []
    for block in blocks(page):
        try:
            data = json.loads(block)
        except ValueError as error:
            errors.append(f"a JSON-LD block is not JSON: {error}")
            continue
        errors += check(data, base_url)
    return errors


def check(data: Any, base_url: str) -> list[str]:
    if not isinstance(data, dict) or data.get("@context") not in (
        "https://schema.org",
        "https://schema.org/",
    ):
        return ["a JSON-LD block is not an object with @context https://schema.org"]
    return list(_check_node(data, base_url, "", logo=False))


def _check_node(node: dict, base_url: str, path: str, logo: bool) -> Iterator[str]:
    kind = node.get("@type")
    where = f"{kind}{path and ' at ' + path}"
    if kind not in RULES:
        yield f"{where}: a type we do not claim (or not schema.org's): {kind!r}"
        return
    for rule in LOGO_RULES if logo else RULES[kind]:
        present = [name for name in rule.prop.split("|") if name in node]
        if not present:
            yield f"{where}: no {rule.prop} ({rule.level})"
        for name in present:
            if not rule.check(node[name]):
                yield f"{where}: {name} is not valid ({rule.level}): {node[name]!r:.100}"
    yield from _check_values(node, base_url, where)
    for prop, value in node.items():
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                yield from _check_node(child, base_url, f"{path}/{prop}", logo=prop == "logo")


def _check_values(node: dict, base_url: str, where: str) -> Iterator[str]:
    """Every address absolute and on this site's BASE_URL; every date ISO 8601."""
    for prop, value in node.items():
        if prop in URL_PROPERTIES and isinstance(value, str) and not value.startswith(base_url):
            yield f"{where}: {prop} is not an address on {base_url}: {value!r:.100}"
        if prop in DATE_PROPERTIES and not date(value):
            yield f"{where}: {prop} is not an ISO 8601 date: {value!r}"
