"""Counts of views, for the database store (stores.DatabaseStore).

Pages are referred to by id, not by foreign key: counts are written in batches without
touching the page table, and a deleted or unpublished page is left out when the lists
are read (against the live pages), not when views are written.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HourlyViews(models.Model):
    """Views of one page in one UTC hour: the buckets of the Day window."""

    hour = models.DateTimeField()
    page_id = models.IntegerField()
    locale_id = models.IntegerField()
    section_id = models.IntegerField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hour", "page_id"], name="hourly_views_once")
        ]
        indexes = [models.Index(fields=["locale_id", "hour"], name="hourly_views_locale")]
        default_permissions = ()

    def __str__(self) -> str:
        return f"page {self.page_id}, {self.hour:%Y-%m-%d %H}h: {self.views}"


class DailyViews(models.Model):
    """Views of one page in one UTC day: Week, Month and the per-day chart."""

    day = models.DateField()
    page_id = models.IntegerField()
    locale_id = models.IntegerField()
    section_id = models.IntegerField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "page_id"], name="daily_views_once")]
        indexes = [
            models.Index(fields=["locale_id", "day"], name="daily_views_locale"),
            models.Index(fields=["page_id", "day"], name="daily_views_page"),
        ]
        # The newsroom's permission to see the Most Viewed report (newsroom/roles.py).
        default_permissions = ()
        permissions = [("view_report", _("Can see the Most Viewed report"))]

    def __str__(self) -> str:
        return f"page {self.page_id}, {self.day}: {self.views}"


class DroppedEvents(models.Model):
    """How many view events the ingest pipeline dropped on one day, and why."""

    day = models.DateField()
    reason = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "reason"], name="dropped_events_once")
        ]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.day} {self.reason}: {self.count}"
