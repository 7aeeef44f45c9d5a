"""Which regions border each other, from their boundaries alone (no GIS library).

The BKG VG5000 boundaries are one topologically consistent data set: two districts that
border each other share the vertices of their common border line, with identical
coordinates (stored rounded to 5 decimals, about 1 m). Two regions count as neighbours
when they share at least ``MIN_SHARED_VERTICES`` distinct vertices; a single shared
vertex is a corner where they only touch at a point (a "four-corners" point) and does not
make them neighbours.

Coordinates are rounded to ``DECIMALS`` before comparing, so a float written as
``9.299999999999999`` meets ``9.3``. The whole of Germany (about 400 districts, 21,000
vertices) takes a few hundredths of a second.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import combinations
from typing import Any

DECIMALS = 5
MIN_SHARED_VERTICES = 2

Vertex = tuple[float, float]


def _rings(geometry: Mapping[str, Any]) -> Iterator[Iterable[Any]]:
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        yield from coordinates
    elif kind == "MultiPolygon":
        for polygon in coordinates:
            yield from polygon
    elif kind == "GeometryCollection":
        for part in geometry.get("geometries") or []:
            yield from _rings(part)
    else:
        raise ValueError(f"Unsupported geometry type {kind!r}: only Polygon and MultiPolygon have an outline.")


def vertices(geometry: Mapping[str, Any]) -> set[Vertex]:
    """The distinct vertices of a Polygon or MultiPolygon (outer rings and holes), rounded to ``DECIMALS``."""
    return {(round(point[0], DECIMALS), round(point[1], DECIMALS)) for ring in _rings(geometry) for point in ring}


def adjacent_pairs(geometries: Mapping[str, Mapping[str, Any]]) -> set[tuple[str, str]]:
    """Pairs ``(a, b)`` with ``a < b`` of regions whose boundaries share at least two vertices.

    ``geometries`` maps a region code to its GeoJSON geometry (Polygon or MultiPolygon).
    """
    owners: dict[Vertex, list[str]] = defaultdict(list)
    for code, geometry in geometries.items():
        for vertex in vertices(geometry):
            owners[vertex].append(code)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for codes in owners.values():
        if len(codes) > 1:
            for pair in combinations(sorted(codes), 2):
                shared[pair] += 1
    return {pair for pair, count in shared.items() if count >= MIN_SHARED_VERTICES}


def neighbour_map(geometries: Mapping[str, Mapping[str, Any]]) -> dict[str, tuple[str, ...]]:
    """``{code: sorted codes of its neighbours}`` for every region of ``geometries`` (empty tuple: none)."""
    neighbours: dict[str, set[str]] = {code: set() for code in geometries}
    for first, second in adjacent_pairs(geometries):
        neighbours[first].add(second)
        neighbours[second].add(first)
    return {code: tuple(sorted(found)) for code, found in neighbours.items()}
