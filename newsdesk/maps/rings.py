"""Whether a polygon's ring crosses or touches itself, without a geometry library.

A ring that crosses itself (a bow tie, a spike folding back) has no clear inside: browsers
fill it differently and any later "is this point in the area" answer would be wrong. The
check compares edges whose spans overlap (a sweep over edges sorted by their western or,
when that prunes more, southern end), which is quick for the shapes people draw; rings
above MAX_CHECKED_POINTS are not checked, since the worst case grows with the square of
the points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_CHECKED_POINTS = 2_000

Point = tuple[float, float]


@dataclass(frozen=True)
class Crossing:
    """Edges (numbered from 1, edge n runs from point n to point n+1) that meet, and where."""

    first_edge: int
    second_edge: int
    at: Point


@dataclass(frozen=True)
class _Edge:
    number: int  # 1-based, counting the ring's points as given
    start: Point
    end: Point

    @property
    def west(self) -> float:
        return min(self.start[0], self.end[0])

    @property
    def east(self) -> float:
        return max(self.start[0], self.end[0])

    @property
    def south(self) -> float:
        return min(self.start[1], self.end[1])

    @property
    def north(self) -> float:
        return max(self.start[1], self.end[1])


def self_crossing(ring: Sequence[Sequence[float]]) -> Crossing | None:
    """A place where a closed ring of [lon, lat] points meets itself, or None."""
    if len(ring) > MAX_CHECKED_POINTS:
        return None
    edges = _edges(ring)
    if len(edges) < 3:
        return None
    # Sweep along the axis where edges overlap least: a comb of long east-west teeth is
    # quick to sweep from south to north. Swapping the axes changes no crossing.
    swapped = _spread(edges, 1) < _spread(edges, 0)
    if swapped:
        edges = [_Edge(e.number, _flip(e.start), _flip(e.end)) for e in edges]
    crossing = _first_crossing(edges)
    if crossing is not None and swapped:
        return Crossing(crossing.first_edge, crossing.second_edge, _flip(crossing.at))
    return crossing


def _flip(point: Point) -> Point:
    return (point[1], point[0])


def _spread(edges: list[_Edge], axis: int) -> float:
    """How much of the ring's extent along `axis` its edges cover, added up."""
    low = min(min(e.start[axis], e.end[axis]) for e in edges)
    high = max(max(e.start[axis], e.end[axis]) for e in edges)
    covered = sum(abs(e.end[axis] - e.start[axis]) for e in edges)
    return covered / (high - low) if high > low else float("inf")


def _first_crossing(edges: list[_Edge]) -> Crossing | None:
    last = len(edges) - 1
    by_west = sorted(range(len(edges)), key=lambda i: (edges[i].west, i))
    for position, i in enumerate(by_west):
        for j in by_west[position + 1 :]:
            if edges[j].west > edges[i].east:
                break
            if edges[j].south > edges[i].north or edges[i].south > edges[j].north:
                continue
            a, b = sorted((i, j))
            if b - a == 1:
                meeting = _folds_back(edges[a], edges[b])
            elif a == 0 and b == last:  # where the ring closes
                meeting = _folds_back(edges[b], edges[a])
            else:
                meeting = _meet(edges[a], edges[b])
            if meeting is not None:
                return Crossing(edges[a].number, edges[b].number, meeting)
    return None


def _edges(ring: Sequence[Sequence[float]]) -> list[_Edge]:
    """The ring's edges, leaving out those of zero length (a point repeated)."""
    edges = []
    for number in range(1, len(ring)):
        start = (float(ring[number - 1][0]), float(ring[number - 1][1]))
        end = (float(ring[number][0]), float(ring[number][1]))
        if start != end:
            edges.append(_Edge(number, start, end))
    return edges


def _orientation(p: Point, q: Point, r: Point) -> float:
    """Positive when p, q, r turn left, negative when right, zero when in one line."""
    return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])


def _within(p: Point, q: Point, r: Point) -> bool:
    """Whether r, in line with p and q, lies between them."""
    return min(p[0], q[0]) <= r[0] <= max(p[0], q[0]) and min(p[1], q[1]) <= r[1] <= max(p[1], q[1])


def _meet(one: _Edge, other: _Edge) -> Point | None:
    """Where two edges that share no end in the ring cross or touch, or None."""
    p, q, r, s = one.start, one.end, other.start, other.end
    d1, d2 = _orientation(r, s, p), _orientation(r, s, q)
    d3, d4 = _orientation(p, q, r), _orientation(p, q, s)
    if d1 * d2 < 0 and d3 * d4 < 0:
        t = d1 / (d1 - d2)
        return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))
    for point, (a, b), turn in ((p, (r, s), d1), (q, (r, s), d2), (r, (p, q), d3), (s, (p, q), d4)):
        if turn == 0 and _within(a, b, point):
            return point
    return None


def _folds_back(one: _Edge, following: _Edge) -> Point | None:
    """Where an edge and the one following it overlap (it goes back along it), or None.

    Consecutive edges always share a point; they are wrong only when in one line and
    pointing back."""
    corner, before, after = one.end, one.start, following.end
    if _orientation(before, corner, after) != 0:
        return None
    back = (before[0] - corner[0]) * (after[0] - corner[0]) + (before[1] - corner[1]) * (
        after[1] - corner[1]
    )
    return corner if back > 0 else None
