"""The economic structure page: sector shares, location quotients, portfolio and specialisation indices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.utils.translation import gettext_lazy

from standortkompass import analysis
from standortkompass.standortanalyse.selectors.common import (
    BUND,
    SectorData,
    cached,
    data_version,
    finite,
    sector_data,
    sector_name,
)
from standortkompass.standortanalyse.selectors.scope import Scope


@dataclass(frozen=True)
class SectorRow:
    code: str
    name: str
    employees: float | None
    share: float | None
    land_share: float | None
    bund_share: float | None
    lq_land: float | None
    lq_bund: float | None


@dataclass(frozen=True)
class IndexRow:
    code: str
    name: str
    value: float | None
    rank: int | None
    count: int
    land_rank: int | None
    land_count: int
    explanation: str


@dataclass(frozen=True)
class Structure:
    year: int
    start_year: int
    sectors: list[SectorRow]
    portfolio: list[dict[str, Any]]
    indices: list[IndexRow]
    source: str
    # The location quotients and shares divide by the official totals (which include employees
    # without a sector) when the data has them, else by the sum of the sectors (analysis.totals).
    official_totals: bool = True


INDEX_TEXTS = {
    "krugman": (
        gettext_lazy("Krugman index"),
        gettext_lazy("Sum of the absolute share differences: 0 = same structure as the reference, 2 = none in common."),
        False,
    ),
    "hachman": (
        gettext_lazy("Hachman index"),
        gettext_lazy("1 = structure like the reference; the lower, the more specialised."),
        True,
    ),
    "herfindahl": (
        gettext_lazy("Herfindahl-Hirschman index"),
        gettext_lazy("Concentration on few sectors: the higher, the more concentrated."),
        False,
    ),
    "theil": (
        gettext_lazy("Relative Theil index"),
        gettext_lazy("0 = structure like the reference; the higher, the more specialised."),
        False,
    ),
    "entropy_normalised": (
        gettext_lazy("Diversity (normalised entropy)"),
        gettext_lazy("1 = employment spread evenly over all sectors; the lower, the less diverse."),
        True,
    ),
}


def structure(scope: Scope) -> Structure | None:
    version = data_version()

    def compute() -> Structure | None:
        data = sector_data(version=version)
        years = [year for year in data.years if scope.region in data.matrix[year].index]
        if not years:
            return None
        start, end = years[0], years[-1]
        return Structure(
            year=end,
            start_year=start,
            sectors=_sector_rows(scope, data, end),
            portfolio=_portfolio(scope, data, start, end),
            indices=_index_rows(scope, data, end),
            source=data.source,
            official_totals=_official_totals(scope, data, end),
        )

    return cached("structure", [scope.region, scope.reference], compute, version=version)


def _sector_rows(scope: Scope, data: SectorData, end: int) -> list[SectorRow]:
    """Employment, shares and location quotients of the sectors of the partition (and manufacturing, C)."""
    region = data.vector(scope.region, end)
    land = data.vector(scope.land, end)
    bund = data.vector(BUND, end)
    partition = analysis.select_partition([code for code in region.index if pd.notna(region[code])]).sectors
    shown = [*partition]
    if "C" in region.index and "C" not in shown:
        shown.insert(shown.index("B-E") + 1 if "B-E" in shown else 0, "C")
    shares = {code: analysis.sector_shares(vector).values for code, vector in (("r", region), ("l", land), ("b", bund))}
    lq_land = analysis.location_quotients(region, land).values
    lq_bund = analysis.location_quotients(region, bund).values
    return [
        SectorRow(
            code=code,
            name=sector_name(code),
            employees=finite(region.get(code)),
            share=finite(shares["r"].get(code)),
            land_share=finite(shares["l"].get(code)),
            bund_share=finite(shares["b"].get(code)),
            lq_land=finite(lq_land.get(code)),
            lq_bund=finite(lq_bund.get(code)),
        )
        for code in shown
    ]


def _official_totals(scope: Scope, data: SectorData, end: int) -> bool:
    """Whether the location quotients against the Land and the Bund both divide by official totals."""
    region = data.vector(scope.region, end)
    return all(
        analysis.location_quotients(region, data.vector(reference, end)).official_totals
        for reference in (scope.land, BUND)
    )


def _portfolio(scope: Scope, data: SectorData, start: int, end: int) -> list[dict[str, Any]]:
    """The bubbles of the portfolio against the reference region (sectors without a location quotient left out)."""
    reference_start = data.vector(scope.reference, start)
    reference_end = data.vector(scope.reference, end)
    portfolio = analysis.portfolio_matrix(
        data.vector(scope.region, start), data.vector(scope.region, end), reference_start, reference_end
    )
    bubbles = [
        {
            "code": code,
            "sector": sector_name(str(code)),
            "location_quotient": finite(row["location_quotient"]),
            "region_growth": finite(row["region_growth"]),
            "reference_growth": finite(row["reference_growth"]),
            "relative_growth": finite(row["relative_growth"]),
            "employment": finite(row["employment"]),
        }
        for code, row in portfolio.table.iterrows()
    ]
    return [bubble for bubble in bubbles if bubble["location_quotient"] is not None]


def _index_rows(scope: Scope, data: SectorData, end: int) -> list[IndexRow]:
    """The district's specialisation indices against the reference, ranked among all districts (against the Bund)."""
    region = data.vector(scope.region, end)
    table = analysis.specialisation_by_region(data.districts(end), data.vector(BUND, end)).values
    own = analysis.specialisation_indices(region, data.vector(scope.reference, end))
    indices = []
    for key, (label, explanation, higher_is_better) in INDEX_TEXTS.items():
        column = table[key].astype(float)
        rank = land_rank = None
        count = land_count = 0
        if scope.region in column.index and pd.notna(column[scope.region]):
            overall = analysis.benchmark(column, scope.region, higher_is_better=not higher_is_better)
            in_land = [code for code in column.index if code.startswith(scope.land)]
            within = analysis.benchmark(column, scope.region, higher_is_better=not higher_is_better, among=in_land)
            rank, count, land_rank, land_count = overall.rank, overall.count, within.rank, within.count
        indices.append(
            IndexRow(
                code=key,
                name=str(label),
                value=finite(getattr(own, key)),
                rank=rank,
                count=count,
                land_rank=land_rank,
                land_count=land_count,
                explanation=str(explanation),
            )
        )
    return indices
