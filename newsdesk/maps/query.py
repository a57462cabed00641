"""What the map page reads from its address: the filters of its GET form and the page of
its list of events (see newsdesk.core.params).

Only syntax and length are checked here. The form checks the rest and says on the page
what is wrong (an unknown category, an impossible date): the page is then a 400, which
no cache keeps.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from newsdesk.core import params
from newsdesk.lib import parse

PERIODS = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30)}
DEFAULT_PERIOD = "30d"
CUSTOM_PERIOD = "custom"
MAX_CATEGORIES = 50


def _categories(value: str) -> tuple[str, ...]:
    return parse.slugs(value, most=MAX_CATEGORIES)


def _tidy(values: dict[str, Any]) -> dict[str, Any]:
    """Equal views get equal values: dates mean nothing beside a set period, dates
    without a period are the "Dates" period, and the default period is no period."""
    tidy = dict(values)
    if not tidy["period"] and (tidy["since"] or tidy["until"]):
        tidy["period"] = CUSTOM_PERIOD
    if tidy["period"] in PERIODS:
        tidy["since"] = tidy["until"] = ""
    if tidy["period"] == DEFAULT_PERIOD:
        tidy["period"] = ""
    return tidy


QUERY = params.QuerySpec(
    (
        params.Param("period", params.bounded_text(20), default=""),
        params.Param("since", params.bounded_text(40), default=""),
        params.Param("until", params.bounded_text(40), default=""),
        params.Param("category", _categories, default=(), many=True),
        params.PAGE,
    ),
    tidy=_tidy,
)
