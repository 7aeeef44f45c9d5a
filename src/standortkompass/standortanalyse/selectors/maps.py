"""The maps page: district values of an indicator in the Land or Germany, and the municipalities of the district."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.utils.translation import gettext_lazy

from standortkompass import analysis
from standortkompass.regiondata import selectors as regiondata
from standortkompass.regiondata.models import Region
from standortkompass.standortanalyse.selectors.common import (
    BUND,
    TOTAL,
    cached,
    data_version,
    finite,
    indicator_series,
)
from standortkompass.standortanalyse.selectors.scope import Scope


@dataclass(frozen=True)
class MapIndicator:
    key: str
    label: Any
    format: str
    kind: str
    compute: Callable[[str | None], tuple[int | None, dict[str, float]]]
    higher_is_better: bool = True


def _latest(
    code: str, *, sector: str = "", scale: float = 1.0
) -> Callable[[str | None], tuple[int | None, dict[str, float]]]:
    def compute(version: str | None) -> tuple[int | None, dict[str, float]]:
        series = indicator_series(code, sector=sector, version=version)
        year = series.last_year(BUND)
        if year is None:
            return None, {}
        return year, {region: value * scale for region, value in series.districts_in(year).items()}

    return compute


def _employment_growth(version: str | None) -> tuple[int | None, dict[str, float]]:
    series = indicator_series("employees_workplace", sector=TOTAL, version=version)
    years = series.years(BUND)
    if len(years) < 2:
        return None, {}
    start, end = years[-6] if len(years) >= 6 else years[0], years[-1]
    first, last = series.districts_in(start), series.districts_in(end)
    return end, {code: last[code] / first[code] - 1 for code in last if first.get(code)}


def _manufacturing_share(version: str | None) -> tuple[int | None, dict[str, float]]:
    part = indicator_series("employees_workplace", sector="C", version=version)
    total = indicator_series("employees_workplace", sector=TOTAL, version=version)
    year = part.last_year(BUND)
    if year is None:
        return None, {}
    parts, totals = part.districts_in(year), total.districts_in(year)
    return year, {code: parts[code] / totals[code] for code in parts if totals.get(code)}


def _job_centrality(version: str | None) -> tuple[int | None, dict[str, float]]:
    workplace = indicator_series("employees_workplace", sector=TOTAL, version=version)
    residence = indicator_series("employees_residence", sector=TOTAL, version=version)
    year = residence.last_year(BUND)
    if year is None:
        return None, {}
    at_work, at_home = workplace.districts_in(year), residence.districts_in(year)
    return year, {code: at_work[code] / at_home[code] for code in at_work if at_home.get(code)}


MAP_INDICATORS: dict[str, MapIndicator] = {
    indicator.key: indicator
    for indicator in (
        MapIndicator(
            "arbeitslosenquote",
            gettext_lazy("Unemployment rate (%)"),
            ".1f",
            "decimal1",
            _latest("unemployment_rate"),
            False,
        ),
        MapIndicator(
            "produktivitaet",
            gettext_lazy("GDP per person in employment (€)"),
            ",.0f",
            "int",
            _latest("gdp_per_employed"),
        ),
        MapIndicator(
            "bip-je-einwohner", gettext_lazy("GDP per inhabitant (€)"), ",.0f", "int", _latest("gdp_per_capita")
        ),
        MapIndicator(
            "einkommen",
            gettext_lazy("Disposable income per inhabitant (€)"),
            ",.0f",
            "int",
            _latest("disposable_income_per_capita"),
        ),
        MapIndicator(
            "beschaeftigungswachstum",
            gettext_lazy("Growth of employment over five years"),
            "+.1%",
            "percent",
            _employment_growth,
        ),
        MapIndicator(
            "industrieanteil",
            gettext_lazy("Share of manufacturing in employment"),
            ".0%",
            "percent",
            _manufacturing_share,
        ),
        MapIndicator(
            "arbeitsplatzzentralitaet",
            gettext_lazy("Job centrality (workplace per residence)"),
            ".2f",
            "decimal2",
            _job_centrality,
        ),
    )
}


@dataclass(frozen=True)
class MapData:
    indicator_key: str
    year: int | None
    rows: list[dict[str, Any]]  # code, name, value, rank
    features: list[dict[str, Any]]

    @property
    def indicator(self) -> MapIndicator:
        return MAP_INDICATORS[self.indicator_key]


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_a), (x1, y1, *_b) in itertools.pairwise(ring)) / 2


def _ring(ring: list[list[float]], *, clockwise: bool) -> list[list[float]]:
    rounded = [[round(x, 3), round(y, 3)] for x, y, *_rest in ring]
    if (_signed_area(rounded) < 0) != clockwise:
        rounded.reverse()
    return rounded


def _polygon(rings: list[list[list[float]]]) -> list[list[list[float]]]:
    return [_ring(ring, clockwise=index == 0) for index, ring in enumerate(rings)]


def for_map(geometry: dict[str, Any]) -> dict[str, Any]:
    """A boundary for Vega's map projection: coordinates rounded to about 100 m, rings wound as d3-geo expects.

    d3-geo works on the sphere and reads a ring's winding order: an outer ring must run
    clockwise, a hole anticlockwise. GeoJSON (RFC 7946) prescribes the opposite, and a ring
    the wrong way round would cover the whole globe except the region.
    """
    if geometry.get("type") == "Polygon":
        return {"type": "Polygon", "coordinates": _polygon(geometry["coordinates"])}
    if geometry.get("type") == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [_polygon(polygon) for polygon in geometry["coordinates"]]}
    return geometry


def _boundaries(codes: list[str], version: str) -> dict[str, Any]:
    return cached(
        "boundaries-v2",
        [len(codes), codes[0] if codes else "", codes[-1] if codes else ""],
        lambda: {code: for_map(geometry) for code, geometry in regiondata.region_boundaries(codes=codes).items()},
        version=version,
    )


def map_data(scope: Scope, *, indicator_key: str, within: str) -> MapData:
    """District values of an indicator in the Land (``within`` = Land code) or all of Germany (``within`` = "")."""
    indicator = MAP_INDICATORS.get(indicator_key) or next(iter(MAP_INDICATORS.values()))
    version = data_version()

    def compute() -> MapData:
        year, values = indicator.compute(version)
        districts = Region.objects.filter(level="district", code__startswith=within, boundary__isnull=False)
        names = dict(districts.order_by("code").values_list("code", "name"))
        codes = sorted(names)
        geometries = _boundaries(codes, version)
        present = pd.Series({code: values[code] for code in codes if code in values}, dtype=float)
        ranks = (
            analysis.rank_regions(present, higher_is_better=indicator.higher_is_better).values if len(present) else None
        )
        rows = []
        features = []
        for code in codes:
            value = finite(values.get(code))
            rank = None
            if ranks is not None and code in ranks.index and pd.notna(ranks.loc[code, "rank"]):
                rank = int(float(ranks.loc[code, "rank"]))  # type: ignore[arg-type]
            rows.append({"code": code, "name": names[code], "value": value, "rank": rank})
            if code in geometries:
                features.append(
                    {
                        "type": "Feature",
                        "geometry": geometries[code],
                        "properties": {"code": code, "name": names[code], "value": value},
                    }
                )
        rows.sort(key=lambda row: (row["rank"] is None, row["rank"] or 0, row["name"]))
        return MapData(indicator_key=indicator.key, year=year, rows=rows, features=features)

    return cached("map", [indicator.key, within or "DG"], compute, version=version)


def municipality_map(scope: Scope) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Population, area and density of the district's municipalities (rows) and their map features."""
    version = data_version()

    def compute() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        towns = list(
            Region.objects.filter(level="municipality", parent__code=scope.region)
            .order_by("name")
            .values("code", "name", "population", "area_km2", "population_date")
        )
        geometries = _boundaries([town["code"] for town in towns], version) if towns else {}
        rows = []
        features = []
        for town in towns:
            area = float(town["area_km2"]) if town["area_km2"] is not None else None
            population = town["population"]
            density = population / area if population is not None and area else None
            rows.append(
                {
                    "code": town["code"],
                    "name": town["name"],
                    "population": population,
                    "area": area,
                    "density": density,
                    "date": town["population_date"],
                }
            )
            if town["code"] in geometries:
                features.append(
                    {
                        "type": "Feature",
                        "geometry": geometries[town["code"]],
                        "properties": {"code": town["code"], "name": town["name"], "value": density},
                    }
                )
        return rows, features

    return cached("municipalities", [scope.region], compute, version=version)
