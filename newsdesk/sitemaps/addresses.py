"""Absolute addresses for pages given only their url_path, as Wagtail would build them.

Wagtail's page.get_full_url() reverses a URL per page; for tens of thousands of rows the
prefix of each site root (and its language) is worked out once and reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.core.files.storage import Storage
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri
from wagtail.images.models import Image
from wagtail.models import Site


@dataclass(frozen=True)
class Root:
    path: str  # the url_path of a site root page (one per language)
    prefix: str  # what its pages' addresses start with, e.g. "https://example.org/ar/"


class Addresses:
    def __init__(self, request: HttpRequest) -> None:
        site = Site.find_for_request(request)
        self.site_url = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
        self.roots = [
            Root(root.root_path, root.root_url + _language_prefix(root.language_code))
            for root in Site.get_site_root_paths()
            if site is not None and root.site_id == site.pk
        ]
        self._storage: Storage = Image._meta.get_field("file").storage
        self._media_base = _plain_prefix(self._storage)

    def page(self, url_path: str) -> str | None:
        """The address of the page at url_path, or None if it is outside this site."""
        for root in self.roots:  # most specific first, as Wagtail orders them
            if url_path.startswith(root.path):
                return root.prefix + iri_to_uri(url_path[len(root.path) :])
        return None

    def absolute(self, url: str) -> str:
        return url if "://" in url else f"{self.site_url}{url}"

    def image_file(self, name: str) -> str:
        if self._media_base is not None:  # 10,000 of these a file: skip the storage's urljoin
            return self.absolute(self._media_base + quote(name))
        return self.absolute(self._storage.url(name))


def _plain_prefix(storage: Storage) -> str | None:
    """The common start of the storage's file addresses, if they are just that plus the name
    (local files, most CDNs); None for storages that sign or rewrite each address."""
    base = storage.url("")
    probe = "original_images/probe file.png"
    return base if storage.url(probe) == base + quote(probe) else None


def _language_prefix(language_code: str) -> str:
    with translation.override(language_code):
        return reverse("wagtail_serve", args=("",))
