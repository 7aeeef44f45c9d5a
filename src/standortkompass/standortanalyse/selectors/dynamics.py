"""The dynamics page: the shift-share analysis of employment (classic, Esteban-Marquillas, Gerfin, dynamic)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from standortkompass import analysis
from standortkompass.standortanalyse.selectors.common import (
    cached,
    data_version,
    finite,
    sector_data,
    sector_name,
)
from standortkompass.standortanalyse.selectors.scope import Scope


@dataclass(frozen=True)
class ShiftShare:
    start: int
    end: int
    actual_change: float
    national: float
    industry_mix: float
    regional: float
    net_total_shift: float
    reference_growth: float
    competitive: float
    allocation: float
    em_industry_mix: float
    regional_factor: float
    structural_factor: float
    locational_factor: float
    dynamic_national: float
    dynamic_industry_mix: float
    dynamic_regional: float
    dynamic_net_total_shift: float
    steps: list[dict[str, Any]]
    sectors: list[dict[str, Any]]
    start_total: float
    excluded: list[str]


def shift_share(scope: Scope) -> ShiftShare | None:
    version = data_version()

    def compute() -> ShiftShare | None:
        data = sector_data(version=version)
        years = [
            year
            for year in data.years
            if scope.region in data.matrix[year].index and scope.reference in data.matrix[year].index
        ]
        if len(years) < 2:
            return None
        start, end = years[0], years[-1]
        args = (
            data.vector(scope.region, start),
            data.vector(scope.region, end),
            data.vector(scope.reference, start),
            data.vector(scope.reference, end),
        )
        dunn = analysis.dunn_shift_share(*args)
        em = analysis.esteban_marquillas_shift_share(*args)
        gerfin = analysis.gerfin_shift_share(*args)
        region_panel = pd.DataFrame({year: data.vector(scope.region, year) for year in years}).T
        reference_panel = pd.DataFrame({year: data.vector(scope.reference, year) for year in years}).T
        dynamic = analysis.dynamic_shift_share(
            region_panel, reference_panel, region_code=scope.region, reference_code=scope.reference
        )
        steps = [
            {
                "year": int(str(year)),
                "start_year": int(row["start_year"]),
                "national": finite(row["national"]),
                "industry_mix": finite(row["industry_mix"]),
                "regional": finite(row["regional"]),
                "actual_change": finite(row["actual_change"]),
            }
            for year, row in dynamic.steps.iterrows()
        ]
        sectors = [
            {
                "code": code,
                "sector": sector_name(str(code)),
                "actual_change": finite(row["actual_change"]),
                "national": finite(row["national"]),
                "industry_mix": finite(row["industry_mix"]),
                "regional": finite(row["regional"]),
            }
            for code, row in dunn.sectors.iterrows()
        ]
        start_total = float(pd.Series(args[0]).reindex(dunn.sectors.index).sum())
        return ShiftShare(
            start=start,
            end=end,
            actual_change=dunn.actual_change,
            national=dunn.national,
            industry_mix=dunn.industry_mix,
            regional=dunn.regional,
            net_total_shift=dunn.net_total_shift,
            reference_growth=dunn.reference_growth,
            competitive=em.competitive,
            allocation=em.allocation,
            em_industry_mix=em.industry_mix,
            regional_factor=gerfin.regional_factor,
            structural_factor=gerfin.structural_factor,
            locational_factor=gerfin.locational_factor,
            dynamic_national=dynamic.national,
            dynamic_industry_mix=dynamic.industry_mix,
            dynamic_regional=dynamic.regional,
            dynamic_net_total_shift=dynamic.net_total_shift,
            steps=steps,
            sectors=sectors,
            start_total=start_total,
            excluded=[str(exclusion) for exclusion in dunn.excluded],
        )

    return cached("shift-share", [scope.region, scope.reference], compute, version=version)
