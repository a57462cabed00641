"""What lists running live coverage: the home page's strip and the editor's desk."""

from __future__ import annotations

from django.db.models import Count, Max

from newsdesk.core import fragments, visibility

from .models import RUNNING_TAG, LivePage

STRIP_LIMIT = 3


def running(locale_id: int, limit: int = STRIP_LIMIT) -> list[LivePage]:
    """Live pages of a language whose coverage runs, that readers may see, newest first."""
    fragments.shows(RUNNING_TAG)
    pages = list(
        visibility.visible(LivePage.objects.all(), locale_id)
        .filter(coverage_ended_at__isnull=True)
        .only("id", "path", "depth", "url_path", "title", "locale_id", "content_type_id")
        .order_by("-first_published_at", "-pk")[:limit]
    )
    fragments.shows(*(f"page:{page.pk}" for page in pages))
    return pages


def for_desk(limit: int) -> list[LivePage]:
    """Every running live page the newsroom has published, with its count of entries
    and the time of its newest (for the editor's desk; not for readers)."""
    return list(
        LivePage.objects.filter(live=True, coverage_ended_at__isnull=True)
        .select_related("locale")
        .annotate(entry_count=Count("entries"), last_entry_at=Max("entries__posted_at"))
        .order_by("-first_published_at", "-pk")[:limit]
    )
