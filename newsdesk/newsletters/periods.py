"""A list's issue covers one period: the 24 hours before the day's sending time
(NEWSLETTERS_SEND_AT, UTC), and is named by the date of its end."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings


@dataclass(frozen=True)
class Period:
    day: date  # the date the issue is sent: its name
    start: datetime
    end: datetime


def send_time() -> time:
    hours, minutes = settings.NEWSLETTERS_SEND_AT.split(":")
    return time(int(hours), int(minutes), tzinfo=UTC)


def of_day(day: date) -> Period:
    end = datetime.combine(day, send_time())
    return Period(day, end - timedelta(days=1), end)


def latest(now: datetime) -> Period:
    """The newest period that has ended by `now`: the one to send."""
    today = now.astimezone(UTC).date()
    period = of_day(today)
    return period if period.end <= now else of_day(today - timedelta(days=1))
