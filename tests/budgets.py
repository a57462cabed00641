"""What the query-budget tests share.

Growing a site to 50 articles takes seconds, so each budget module builds its site once
(a module-scoped fixture on `module_rows`, rolled back after the module) and measures
every address at each size in turn; its tests then check one address's costs each. A cost
records what went wrong while measuring instead of raising, so that one broken page fails
its own tests, not the whole module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# A few and many: more than a list page (20) holds, so lists are paginated. Five times as
# many items is enough to show a query per item; the site is built once per module.
SIZES = (5, 25)


def grew(name: str, few: object, many: object) -> str:
    """The message of a cost that grew with the site."""
    return f"{name}: {few} with {SIZES[0]} items, {many} with {SIZES[1]}"


@dataclass(frozen=True)
class Cost:
    """What one view of an address cost, and what went wrong on the way."""

    queries: int
    problems: tuple[str, ...] = ()


def clear_caches() -> None:
    """Every cache emptied, as each test starts (conftest's _clean_cache)."""
    for alias in settings.CACHES:
        caches[alias].clear()


def measure(
    client: Client,
    url: str,
    *,
    warm_views: int = 2,
    before: Callable[[], None] = lambda: None,
    min_items: int | None = None,
) -> Cost:
    """The queries of a view of `url` after `warm_views` views and `before()`; a view that
    writes, or any answer but a 200 (with at least `min_items` items), is a problem."""
    clear_caches()
    problems = [
        f"view {n + 1} answered {status}"
        for n, status in enumerate(client.get(url).status_code for _ in range(warm_views))
        if status != 200
    ]
    before()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        problems.append(f"the measured view answered {response.status_code}")
    elif min_items is not None and len(response.json()["items"]) < min_items:
        problems.append(f"fewer than {min_items} items")
    writes = [q["sql"] for q in captured if not q["sql"].lstrip().upper().startswith("SELECT")]
    if writes:
        problems.append(f"the measured view writes: {writes}")
    return Cost(len(captured), tuple(problems))
