"""The official statistics of a process's Standortanalyse for the API: only while the analysis is published.

The observations of every indicator for the district of the process and the regions it is compared with (its
Land, Germany and the comparison districts of the analysis settings or the default peer group), as stored:
unrounded, a flagged value (``.``, ``-``, ``x`` …) without a value and with its flag, never read as zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from standortkompass.processes.models import StrategyProcess
from standortkompass.regiondata.models import Observation
from standortkompass.standortanalyse.models import AnalysisSettings
from standortkompass.standortanalyse.selectors.common import BUND, cached
from standortkompass.standortanalyse.selectors.scope import scope_for, settings_for


@dataclass(frozen=True)
class StatisticsFilters:
    indicator: str = ""
    region: str = ""
    sector: str | None = None  # None: every sector; "": the values without a breakdown
    year: int | None = None


def published_analysis(process: StrategyProcess) -> AnalysisSettings | None:
    """The analysis settings if Administration has published the process's analysis (and it has a district)."""
    if not process.is_public or process.region_id is None:
        return None
    found = settings_for(process=process)
    return found if found.is_public else None


def region_roles(process: StrategyProcess, analysis: AnalysisSettings) -> dict[str, str]:
    """The regions of the analysis by AGS code: district, land, country and the comparison districts (peer).

    Kept until the settings change or an import changes the data version (the default peers follow the space
    types and neighbours of the official data)."""

    def compute() -> dict[str, str]:
        scope = scope_for(process=process, reference_key="land")
        roles = dict.fromkeys(scope.peers, "peer")
        roles.update({scope.region: "district", scope.land: "land", BUND: "country"})
        return roles

    changed = analysis.updated_at.isoformat() if analysis.updated_at else "-"
    return cached("api-regions", [process.pk, process.region_id, changed], compute, translated=False)


def _all_observations(roles: dict[str, str]) -> list[tuple[Any, ...]]:
    """Every observation of the analysis's regions, sorted; kept (in the process and the cache) until the next import
    of statistics changes the data version, or the comparison regions change."""
    codes = sorted(roles)

    def compute() -> list[tuple[Any, ...]]:
        rows = Observation.objects.filter(region__code__in=codes).values_list(
            "indicator__code",
            "indicator__name",
            "indicator__unit",
            "indicator__source",
            "region__code",
            "region__name",
            "sector",
            "year",
            "reference_date",
            "value",
            "status",
            "qualifier",
        )
        return sorted(rows, key=lambda row: (row[0], row[4], row[6], row[7]))

    return cached("api-observations", codes, compute, translated=False)


def observations_of(roles: dict[str, str], filters: StatisticsFilters) -> list[tuple[Any, ...]]:
    """The observations by indicator, region, sector and year that match every given filter."""
    if filters == StatisticsFilters():
        return _all_observations(roles)
    return [
        row
        for row in _all_observations(roles)
        if (not filters.indicator or row[0] == filters.indicator)
        and (not filters.region or row[4] == filters.region)
        and (filters.sector is None or row[6] == filters.sector)
        and (filters.year is None or row[7] == filters.year)
    ]


def observation_items(rows: list[tuple[Any, ...]], roles: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "indicator": code,
            "indicator_name": name,
            "unit": unit,
            "source": source,
            "region": region,
            "region_name": region_name,
            "region_role": roles.get(region, "peer"),
            "sector": sector,
            "year": year,
            "reference_date": reference_date,
            "value": value,
            "status": status,
            "qualifier": qualifier,
        }
        for (
            code,
            name,
            unit,
            source,
            region,
            region_name,
            sector,
            year,
            reference_date,
            value,
            status,
            qualifier,
        ) in rows
    ]


OBSERVATION_COLUMNS = (
    "indicator",
    "indicator_name",
    "unit",
    "source",
    "region",
    "region_name",
    "region_role",
    "sector",
    "year",
    "reference_date",
    "value",
    "status",
    "qualifier",
)
