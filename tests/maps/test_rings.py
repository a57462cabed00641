"""Rings that cross or touch themselves, found without a geometry library."""

from __future__ import annotations

import json
import math

import pytest

from newsdesk.maps import demo, rings
from newsdesk.maps.rings import Crossing, self_crossing


def test_it_accepts_a_square() -> None:
    assert self_crossing([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]) is None


def test_it_accepts_a_concave_ring_and_repeated_points() -> None:
    ring = [[0, 0], [4, 0], [4, 4], [2, 1], [2, 1], [0, 4], [0, 0]]
    assert self_crossing(ring) is None


def test_it_finds_where_a_bow_tie_crosses() -> None:
    ring = [[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]
    assert self_crossing(ring) == Crossing(1, 3, (1.0, 1.0))


def test_it_finds_a_ring_touching_itself_at_a_corner() -> None:
    ring = [[0, 0], [2, 0], [2, 2], [1, 0], [0, 2], [0, 0]]
    assert self_crossing(ring) == Crossing(1, 4, (1.0, 0.0))


def test_it_finds_a_spike_that_goes_back_along_its_line() -> None:
    ring = [[0, 0], [2, 0], [1, 0], [1, 1], [0, 0]]
    assert self_crossing(ring) == Crossing(1, 2, (2.0, 0.0))


def test_it_finds_a_fold_where_the_ring_closes() -> None:
    # The last line comes back along the first one: the ring starts on a spike.
    ring = [[0, 0], [2, 0], [2, 1], [1, 0], [0, 0]]
    assert self_crossing(ring) == Crossing(1, 4, (0.0, 0.0))


def test_it_finds_edges_lying_on_each_other() -> None:
    ring = [[0, 0], [3, 0], [3, 1], [2, 1], [2, 0], [1, 0], [1, 2], [0, 2], [0, 0]]
    crossing = self_crossing(ring)
    assert crossing is not None
    assert crossing == Crossing(1, 5, (2.0, 0.0))


def test_it_finds_a_crossing_in_a_long_ring() -> None:
    # A circle of 1,500 points with two neighbours swapped: a small bow tie on its edge.
    points = [
        [38 + 5 * math.cos(2 * math.pi * i / 1500), 35 + 3 * math.sin(2 * math.pi * i / 1500)]
        for i in range(1500)
    ]
    assert self_crossing([*points, points[0]]) is None
    points[700], points[701] = points[701], points[700]
    crossing = self_crossing([*points, points[0]])
    assert crossing is not None
    assert (crossing.first_edge, crossing.second_edge) == (700, 702)


def comb(teeth: int) -> list[list[float]]:
    """A ring of long east-west teeth: every edge spans most of the ring's longitudes."""
    points: list[list[float]] = [[0, 0]]
    for k in range(teeth):
        y = k * 0.02
        points += [[1, y], [10, y], [10, y + 0.01], [1, y + 0.01]]
    return [*points, [0, teeth * 0.02], [0, 0]]


def test_it_accepts_a_comb_of_long_teeth() -> None:
    assert self_crossing(comb(400)) is None


def test_it_finds_a_tooth_of_a_comb_bent_across_the_next() -> None:
    ring = comb(400)
    ring[2] = [10, 0.025]  # the first tooth's tip now reaches past the second tooth's base
    crossing = self_crossing(ring)
    assert crossing is not None
    assert crossing.first_edge == 2


def test_it_leaves_rings_above_the_point_limit_unchecked() -> None:
    crossing = [[0, 0], [2, 2], [2, 0], [0, 2]]
    padding = [[0, 2 + i / rings.MAX_CHECKED_POINTS] for i in range(rings.MAX_CHECKED_POINTS)]
    ring = [*crossing, *padding, [0, 0]]
    assert self_crossing(ring) is None
    # Cut down to the limit, the same ring has its bow tie found.
    at_limit = [*crossing, *padding[: rings.MAX_CHECKED_POINTS - 5], [0, 0]]
    assert self_crossing(at_limit) == Crossing(1, 3, (1.0, 1.0))


@pytest.mark.parametrize("scale", [1.0, 1.06, 0.9])
def test_it_finds_no_crossing_in_the_demo_areas(scale: float) -> None:
    for _party, _color, outline in demo.AREAS:
        ring = json.loads(demo._polygon(outline, scale))["coordinates"][0]
        assert self_crossing(ring) is None
