"""The newsroom's "Scheduled" view: what goes live, expires or leaves embargo in the next
days, and what is late, in the editor's own time zone (Wagtail's admin runs its views in
the time zone of the editor's profile)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import schedule

DAY_CHOICES = (1, 7, 30)
DEFAULT_DAYS = 7


def can_see_schedule(request: HttpRequest) -> bool:
    """Whoever may publish some page: editors and administrators."""
    return PagePermissionPolicy().user_has_any_permission(request.user, ["publish"])


def scheduled(request: HttpRequest) -> HttpResponse:
    if not can_see_schedule(request):
        raise PermissionDenied
    days = _days(request)
    now = timezone.now()
    changes = schedule.changes_until(now + timedelta(days=days), now)
    late = timedelta(seconds=settings.NEWSDESK_HEALTH_TIMED_CHANGES_DELAY_SECONDS)
    return render(
        request,
        "core/admin/scheduled.html",
        {
            "days": days,
            "day_choices": DAY_CHOICES,
            "overdue": [change for change in changes if change.at < now - late],
            "upcoming": [change for change in changes if change.at >= now - late],
        },
    )


def _days(request: HttpRequest) -> int:
    raw = request.GET.get("days", "")
    return int(raw) if raw.isdigit() and int(raw) in DAY_CHOICES else DEFAULT_DAYS
