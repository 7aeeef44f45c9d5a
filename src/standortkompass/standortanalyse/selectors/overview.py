"""The overview page: key figures of the district against Land, Bund and peers, and the employment index."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass import analysis
from standortkompass.standortanalyse.selectors.common import (
    BUND,
    TOTAL,
    cached,
    data_version,
    indicator_series,
)
from standortkompass.standortanalyse.selectors.scope import Scope


@dataclass(frozen=True)
class KeyFigureSpec:
    code: str
    label: Any
    sector: str = ""
    kind: str = "int"  # how to format: int, decimal1, rate (already in per cent)
    higher_is_better: bool = True
    scale: float = 1.0
    unit: Any = ""


KEY_FIGURES: tuple[KeyFigureSpec, ...] = (
    KeyFigureSpec("employees_workplace", gettext_lazy("Employees at the workplace"), sector=TOTAL, unit=""),
    KeyFigureSpec("gdp", gettext_lazy("Gross domestic product"), kind="decimal1", scale=1 / 1000, unit="Mio. €"),
    KeyFigureSpec("gdp_per_employed", gettext_lazy("GDP per person in employment (productivity)"), unit="€"),
    KeyFigureSpec("population", gettext_lazy("Population"), unit=""),
    KeyFigureSpec(
        "unemployment_rate", gettext_lazy("Unemployment rate"), kind="rate", higher_is_better=False, unit="%"
    ),
    KeyFigureSpec("local_units", gettext_lazy("Local units (establishments)"), unit=""),
)


@dataclass(frozen=True)
class KeyFigure:
    code: str
    label: str
    kind: str
    unit: str
    year: int
    value: float
    first_year: int | None
    change: float | None  # relative change since first_year, or percentage points for rates
    land: float | None
    bund: float | None
    peers: float | None
    rank: int | None
    rank_count: int
    land_rank: int | None
    land_count: int
    source: str
    reference: str = ""  # reference date or period, e.g. "Stichtag 30.06." (from the indicator's description)


REFERENCE_PERIOD = re.compile(r"^(Stichtag \d\d\.\d\d\.|Jahres\w+)")


def reference_period(description: str) -> str:
    """The reference date or period at the start of an indicator's description ("Stichtag 30.06.", "Jahressumme")."""
    match = REFERENCE_PERIOD.match(description)
    return match.group(1) if match else ""


def key_figures(scope: Scope) -> list[KeyFigure]:
    version = data_version()

    def compute() -> list[KeyFigure]:
        figures: list[KeyFigure] = []
        for spec in KEY_FIGURES:
            series = indicator_series(spec.code, sector=spec.sector, version=version)
            year = series.last_year(scope.region)
            if year is None:
                continue
            value = series.value(scope.region, year)
            if value is None:
                continue
            years = series.years(scope.region)
            first = years[0] if len(years) > 1 else None
            change = None
            if first is not None:
                start = series.value(scope.region, first)
                if start:
                    change = value - start if spec.kind == "rate" else value / start - 1
            districts = series.districts_in(year)
            peer_values = [districts[code] for code in scope.peers if code in districts]
            rank = land_rank = None
            land_count = rank_count = 0
            if scope.region in districts:
                values = pd.Series(districts, dtype=float)
                overall = analysis.benchmark(values, scope.region, higher_is_better=spec.higher_is_better)
                rank, rank_count = overall.rank, overall.count
                in_land = [code for code in districts if code.startswith(scope.land)]
                within = analysis.benchmark(values, scope.region, higher_is_better=spec.higher_is_better, among=in_land)
                land_rank, land_count = within.rank, within.count

            def scaled(number: float | None, factor: float = spec.scale) -> float | None:
                return None if number is None else number * factor

            figures.append(
                KeyFigure(
                    code=spec.code,
                    label=str(spec.label),
                    kind=spec.kind,
                    unit=str(spec.unit),
                    year=year,
                    value=value * spec.scale,
                    first_year=first,
                    change=change,
                    land=scaled(series.value(scope.land, year)),
                    bund=scaled(series.value(BUND, year)),
                    peers=scaled(statistics.median(peer_values)) if peer_values else None,
                    rank=rank,
                    rank_count=rank_count,
                    land_rank=land_rank,
                    land_count=land_count,
                    source=series.source,
                    reference=reference_period(series.description),
                )
            )
        return figures

    return cached("key-figures-v2", [scope.region, *scope.peers], compute, version=version)


def index_lines(scope: Scope, code: str, *, sector: str = "") -> tuple[list[dict[str, Any]], int | None]:
    """Index (first common year = 100) of an indicator for the district, Land, Bund and the peers' median."""
    series = indicator_series(code, sector=sector)
    years = series.years(scope.region)
    if not years:
        return [], None
    base = years[0]
    rows: list[dict[str, Any]] = []
    lines = [(scope.region_name, scope.region), (scope.land_name, scope.land), (scope.bund_name, BUND)]
    for name, region in lines:
        start = series.value(region, base)
        for year in years:
            value = series.value(region, year)
            if start and value is not None:
                rows.append({"year": year, "series": name, "value": value / start * 100})
    if scope.peers:
        for year in years:
            ratios = [
                value / start
                for peer in scope.peers
                if (start := series.value(peer, base)) and (value := series.value(peer, year)) is not None
            ]
            if ratios:
                rows.append(
                    {
                        "year": year,
                        "series": _("Comparison districts (median)"),
                        "value": statistics.median(ratios) * 100,
                    }
                )
    return rows, base
