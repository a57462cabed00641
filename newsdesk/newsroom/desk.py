"""The editor's desk: one panel on the admin's dashboard with what needs an editor now.

What is in review, what the worker will publish or expire in the next days (scheduled and
embargoed, from core.schedule), today's Most Viewed, comments waiting, map events to
verify, the running tickers and live coverage. A fixed number of queries however much there is
(tests/test_editors_desk.py): each list is cut to LIMIT and each backlog is a count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, WorkflowState

from newsdesk.analytics import selectors as analytics
from newsdesk.analytics.windows import Window
from newsdesk.breaking.models import Ticker
from newsdesk.comments.models import Comment, Status
from newsdesk.core import schedule, visibility
from newsdesk.live import selectors as live
from newsdesk.live.models import LivePage
from newsdesk.maps.models import Event

LIMIT = 10
SCHEDULE_DAYS = 7
# Who sees the desk: those who may start a ticker, i.e. Editors and Administrators.
DESK_PERMISSION = "breaking.publish_ticker"


@dataclass(frozen=True)
class Desk:
    in_review: list[Page]
    scheduled: list[schedule.Change]
    most_viewed: list[analytics.Entry]
    comments_waiting: int
    events_to_verify: int
    tickers: list[Ticker]
    live_pages: list[LivePage]


def desk(now: Any = None) -> Desk:
    now = now or timezone.now()
    return Desk(
        in_review=in_review(),
        scheduled=schedule.changes_until(now + timedelta(days=SCHEDULE_DAYS), now)[:LIMIT],
        most_viewed=most_viewed_today(),
        comments_waiting=Comment.objects.filter(status=Status.PENDING).count(),
        events_to_verify=Event.objects.filter(status=Event.Status.REPORTED).count(),
        tickers=list(
            Ticker.objects.filter(visibility.in_time(now), live=True)
            .select_related("locale")
            .order_by("expire_at")
        ),
        live_pages=live.for_desk(LIMIT),
    )


def in_review() -> list[Page]:
    """Pages waiting in a workflow (a writer's submission), oldest first."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=page_type
        )
        .order_by("created_at")
        .values_list("object_id", flat=True)[:LIMIT]
    )
    found = Page.objects.in_bulk([int(pk) for pk in ids])
    return [found[int(pk)] for pk in ids if int(pk) in found]


def most_viewed_today() -> list[analytics.Entry]:
    locale = Locale.get_default()
    lists = analytics.most_viewed(locale.pk, limit=LIMIT)
    return next((found.entries for found in lists if found.window == Window.DAY), [])


class DeskPanel(Component):
    name = "editors_desk"
    order = 50
    template_name = "newsroom/desk.html"

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return {"desk": desk()}


def panels_for(request: HttpRequest, panels: list[Component]) -> None:
    if request.user.has_perm(DESK_PERMISSION):
        panels.insert(0, DeskPanel())
