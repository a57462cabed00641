"""What the worker will change, and when: the newsroom's "Scheduled" view (admin_views.py).

Read from Wagtail's own schedule: approved revisions with a go-live time (a first
publication, a new version of a live page, or the end of an article's embargo, which is a
scheduled publication at the embargo's end) and live pages with an expiry time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import dateparse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision

GOES_LIVE = _("Goes live")
NEW_VERSION = _("New version goes live")
EMBARGO_ENDS = _("Embargo ends, goes live")
EXPIRES = _("Expires")


@dataclass(frozen=True)
class Change:
    at: datetime
    what: str
    page: Page
    overdue: bool


def changes_until(until: datetime, now: datetime) -> list[Change]:
    """Every scheduled change of a page up to `until`, the late ones too, soonest first."""
    changes = _publications(until, now) + _expiries(until, now)
    return sorted(changes, key=lambda change: (change.at, change.page.pk))


def _publications(until: datetime, now: datetime) -> list[Change]:
    revisions = list(
        Revision.page_revisions.filter(approved_go_live_at__lte=until).only(
            "object_id", "approved_go_live_at", "content"
        )
    )
    pages = Page.objects.in_bulk([int(revision.object_id) for revision in revisions])
    changes = []
    for revision in revisions:
        page = pages.get(int(revision.object_id))
        if page is None:
            continue
        at = revision.approved_go_live_at
        changes.append(Change(at, _publication_kind(revision, page), page, at < now))
    return changes


def _publication_kind(revision: Revision, page: Page) -> str:
    embargo = revision.content.get("embargo_until")
    if embargo and dateparse.parse_datetime(embargo) == revision.approved_go_live_at:
        return str(EMBARGO_ENDS)
    return str(NEW_VERSION if page.live else GOES_LIVE)


def _expiries(until: datetime, now: datetime) -> list[Change]:
    pages = Page.objects.filter(live=True, expire_at__lte=until).order_by("expire_at")
    return [Change(page.expire_at, str(EXPIRES), page, page.expire_at < now) for page in pages]
