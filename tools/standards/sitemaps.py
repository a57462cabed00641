"""Sitemaps against the sitemaps.org schemas, and the Google News and image extensions
against Google's (vendored in schemas/, with their sources in schemas/SOURCES.md)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@cache
def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def check(body: bytes) -> list[str]:
    """A sitemap index or a URL set, whichever the document is."""
    try:
        document = etree.fromstring(body)
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    name = "siteindex.xsd" if document.tag == f"{SITEMAP_NS}sitemapindex" else "urlset.xsd"
    schema = _schema(name)
    if schema.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def locations(body: bytes) -> list[str]:
    """The sitemaps a sitemap index names."""
    return [loc.text or "" for loc in etree.fromstring(body).iter(f"{SITEMAP_NS}loc")]
