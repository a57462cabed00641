"""The Most Viewed windows and the time buckets they add up.

Counts are kept in hourly buckets (for Day) and daily buckets (for Week, Month and the
per-day chart), in UTC. A window is a whole number of buckets that ends with the current
one, so it never counts a view older than its length:

- Day: the current hour and the 23 before it (between 23 and 24 hours);
- Week: today and the 6 days before (between 6 and 7 days);
- Month: today and the 29 days before (between 29 and 30 days).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

HOURS_IN_DAY = 24
DAYS_IN = {"week": 7, "month": 30}


class Window(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    @property
    def label(self) -> Promise:
        return {"day": _("Day"), "week": _("Week"), "month": _("Month")}[self.value]


def hour_of(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def day_of(at: datetime) -> date:
    return at.astimezone(UTC).date()


def hours_of_day_window(now: datetime) -> list[datetime]:
    current = hour_of(now)
    return [current - timedelta(hours=n) for n in range(HOURS_IN_DAY)]


def days_back(now: datetime, count: int) -> list[date]:
    today = day_of(now)
    return [today - timedelta(days=n) for n in range(count)]


def days_of(window: Window, now: datetime) -> list[date]:
    return days_back(now, DAYS_IN[window.value])


def seconds_until_tomorrow(now: datetime) -> int:
    tomorrow = datetime.combine(day_of(now) + timedelta(days=1), datetime.min.time(), UTC)
    return max(int((tomorrow - now).total_seconds()), 1)
