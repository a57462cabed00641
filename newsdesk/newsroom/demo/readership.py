"""Plausible view counts for the demo, so that Most Viewed and the newsroom's report have
something to show: the newest articles are read, a few of them far more than the rest
(a heavy-tailed share), most in their first days and less every day after."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from wagtail.models import Page

from newsdesk.analytics.stores import View, get_store
from newsdesk.articles.models import ArticlePage

from .builder import Log

READ_ARTICLES = 300
DAYS = 30
HOURLY_DAYS = 2  # today and yesterday are spread over hours, for the Day window
FIRST_DAY_READERS = 400


def seed_views(rng: random.Random, now: datetime, log: Log) -> int:
    articles = list(
        ArticlePage.objects.visible()
        .filter(published_at__lte=now)
        .order_by("-published_at")
        .values_list("pk", "locale_id", "path", "published_at")[:READ_ARTICLES]
    )
    sections = dict(
        Page.objects.filter(
            path__in={path[: -Page.steplen] for _pk, _l, path, _p in articles}
        ).values_list("path", "pk")
    )
    views = [
        View(pk, locale_id, sections.get(path[: -Page.steplen], 0), at, count)
        for pk, locale_id, path, published_at in articles
        for at, count in _readings(rng, now, published_at, min(rng.paretovariate(1.3), 40.0))
    ]
    store = get_store()
    store.add_views(views)
    store.flush()
    total = sum(view.count for view in views)
    log(f"Counted {total:,} demo views of the newest {len(articles)} articles.")
    return total


def _readings(
    rng: random.Random, now: datetime, published_at: datetime, appeal: float
) -> list[tuple[datetime, int]]:
    readings = []
    for days_ago in range(DAYS):
        day_start = now - timedelta(days=days_ago)
        age = (day_start - published_at).total_seconds() / 86400
        if age < 0:
            continue
        readers = FIRST_DAY_READERS * appeal / (1 + age) ** 1.5 * rng.uniform(0.6, 1.4)
        if days_ago < HOURLY_DAYS:
            for hour in range(24):
                at = day_start - timedelta(hours=hour)
                count = round(readers / 24 * rng.uniform(0.3, 1.7))
                if count and at >= published_at:  # no readers before publication
                    readings.append((at, count))
        elif round(readers):
            readings.append((day_start, round(readers)))
    return readings
