"""A bar chart of views per day as inline SVG, drawn on the server: no chart library, no
request to another host, readable without JS (each bar has a <title> with its numbers)."""

from __future__ import annotations

from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 720
HEIGHT = 180
AXIS = 20  # room below the bars for the first and last dates


def views_per_day_svg(days: list[tuple[date, int]], label: str) -> SafeString:
    if not days:
        return SafeString("")
    top = max(max(count for _day, count in days), 1)
    slot = WIDTH / len(days)
    bar = max(slot - 2, 1)
    plot = HEIGHT - AXIS
    bars = format_html_join(
        "",
        '<rect class="bar" fill="#2e6f9e" x="{}" y="{}" width="{}" height="{}">'
        "<title>{}: {}</title></rect>",
        (
            (
                f"{n * slot:.1f}",
                f"{plot - plot * count / top:.1f}",
                f"{bar:.1f}",
                f"{plot * count / top:.1f}",
                day.isoformat(),
                count,
            )
            for n, (day, count) in enumerate(days)
        ),
    )
    return format_html(
        '<svg class="views-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'width="100%" preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">'
        # Presentation attributes, not a <style> element: no inline CSS under the CSP.
        '<g font-family="sans-serif" font-size="11" fill="#555">{}'
        '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="#999"/>'
        '<text x="0" y="{}">{}</text><text x="{}" y="{}" text-anchor="end">{}</text>'
        '<text x="{}" y="12" text-anchor="end">{}</text>'
        "</g></svg>",
        label,
        WIDTH,
        HEIGHT,
        bars,
        plot,
        WIDTH,
        plot,
        HEIGHT - 4,
        days[0][0].isoformat(),
        WIDTH,
        HEIGHT - 4,
        days[-1][0].isoformat(),
        WIDTH,
        f"max {top}",
    )
