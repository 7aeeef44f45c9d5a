"""Neighbouring districts from shared boundary vertices: hand-made polygons, the shipped map, the cache."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

import pytest
from django.core.cache import cache

from standortkompass.regiondata.adjacency import adjacent_pairs, neighbour_map, vertices
from standortkompass.regiondata.models import Region, RegionBoundary, RegionLevel
from standortkompass.regiondata.selectors import district_neighbours, neighbours_of

from .conftest import OFFICIAL


def square(x: float, y: float, size: float = 1.0) -> dict[str, Any]:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_squares_sharing_an_edge_are_neighbours() -> None:
    assert adjacent_pairs({"b": square(1, 0), "a": square(0, 0)}) == {("a", "b")}


def test_squares_touching_only_at_a_corner_are_not_neighbours() -> None:
    assert adjacent_pairs({"a": square(0, 0), "b": square(1, 1)}) == set()


def test_squares_apart_are_not_neighbours() -> None:
    assert adjacent_pairs({"a": square(0, 0), "b": square(3, 0)}) == set()


def test_a_grid_of_four_squares_has_four_edges_and_no_diagonals() -> None:
    grid = {"sw": square(0, 0), "se": square(1, 0), "nw": square(0, 1), "ne": square(1, 1)}
    assert adjacent_pairs(grid) == {("se", "sw"), ("nw", "sw"), ("ne", "se"), ("ne", "nw")}


def test_coordinates_are_compared_rounded_to_five_decimals() -> None:
    shifted = square(0.1 + 0.2, 0, 0.1)  # 0.30000000000000004
    assert adjacent_pairs({"a": square(0.2, 0, 0.1), "b": shifted}) == {("a", "b")}


def test_a_multipolygon_borders_through_any_of_its_parts() -> None:
    islands = {"type": "MultiPolygon", "coordinates": [square(5, 5)["coordinates"], square(0, 1)["coordinates"]]}
    assert adjacent_pairs({"mainland": square(0, 0), "islands": islands}) == {("islands", "mainland")}


def test_a_ring_around_a_hole_borders_the_region_in_the_hole() -> None:
    outer = [[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]]
    hole = [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]
    ring_district = {"type": "Polygon", "coordinates": [outer, hole]}
    assert adjacent_pairs({"ring": ring_district, "town": square(1, 1)}) == {("ring", "town")}


def test_the_closing_vertex_of_a_ring_counts_once() -> None:
    assert vertices(square(0, 0)) == {(0, 0), (1, 0), (1, 1), (0, 1)}


def test_neighbour_map_lists_every_region_with_sorted_neighbours() -> None:
    row = {"c": square(2, 0), "a": square(0, 0), "b": square(1, 0), "d": square(9, 9)}
    assert neighbour_map(row) == {"a": ("b",), "b": ("a", "c"), "c": ("b",), "d": ()}


def test_a_point_or_line_has_no_outline() -> None:
    with pytest.raises(ValueError, match="Point"):
        adjacent_pairs({"a": {"type": "Point", "coordinates": [0, 0]}})


def _shipped_districts() -> dict[str, dict[str, Any]]:
    with (OFFICIAL / "geo" / "kreise_vg5000_2021.geojson").open(encoding="utf-8") as handle:
        collection = json.load(handle)
    return {feature["properties"]["AGS"]: feature["geometry"] for feature in collection["features"]}


def test_on_the_shipped_map_ludwigsburg_borders_its_five_neighbouring_districts() -> None:
    neighbours = neighbour_map(_shipped_districts())
    # Stuttgart, Böblingen, Rems-Murr-Kreis, Heilbronn (Landkreis), Enzkreis; not Esslingen.
    assert neighbours["08118"] == ("08111", "08115", "08119", "08125", "08236")
    assert "08118" in neighbours["08236"]


def test_on_the_shipped_map_neighbours_cross_land_borders_and_islands_have_none() -> None:
    neighbours = neighbour_map(_shipped_districts())
    assert "06431" not in neighbours["07331"]  # Bergstraße and Alzey-Worms meet in one point only
    assert "16069" in neighbours["09673"]  # Hildburghausen (Thüringen) borders Rhön-Grabfeld (Bayern)
    assert all(neighbours[code] for code in neighbours)  # every Kreis has at least one neighbour


def test_all_districts_are_paired_well_under_a_second() -> None:
    geometries = _shipped_districts()
    started = time.perf_counter()
    pairs = adjacent_pairs(geometries)
    assert time.perf_counter() - started < 1.0
    assert len(geometries) == 401
    assert len(pairs) > 1000


def _district(code: str, name: str, geometry: dict[str, Any]) -> Region:
    region = Region.objects.create(code=code, name=name, level=RegionLevel.DISTRICT)
    RegionBoundary.objects.create(
        region=region, geometry=json.dumps(geometry), reference_date=dt.date(2021, 1, 1), source="BKG"
    )
    return region


def test_neighbours_of_a_district_come_from_the_stored_boundaries(db: None) -> None:
    cache.clear()
    _district("08118", "Ludwigsburg", square(0, 0))
    _district("08111", "Stuttgart", square(0, -1))
    _district("08119", "Rems-Murr-Kreis", square(1, 0))
    _district("08116", "Esslingen", square(1, -1))  # only a corner with Ludwigsburg
    town = Region.objects.create(code="08118001", name="Affalterbach", level=RegionLevel.MUNICIPALITY)
    RegionBoundary.objects.create(
        region=town, geometry=json.dumps(square(0, 0, 0.5)), reference_date=dt.date(2021, 1, 1), source="BKG"
    )
    assert neighbours_of(region="08118") == ("08111", "08119")
    assert neighbours_of(region="08116") == ("08111", "08119")
    assert neighbours_of(region="08118001") == ()  # municipalities are not part of the district map
    assert neighbours_of(region="09162") == ()


def test_the_neighbours_are_cached_until_boundaries_are_loaded(db: None, django_assert_max_num_queries: Any) -> None:
    cache.clear()
    _district("08118", "Ludwigsburg", square(0, 0))
    _district("08111", "Stuttgart", square(0, -1))
    assert neighbours_of(region="08118") == ("08111",)
    with django_assert_max_num_queries(2):  # only the version of the boundaries is read
        assert district_neighbours()["08111"] == ("08118",)
    _district("08119", "Rems-Murr-Kreis", square(1, 0))
    assert neighbours_of(region="08118") == ("08111", "08119")


def test_without_boundaries_no_district_has_neighbours(db: None) -> None:
    cache.clear()
    assert neighbours_of(region="08118") == ()
    assert district_neighbours() == {}
