"""The official statistics of a process's Standortanalyse for the API: only while the analysis is published.

The observations of every indicator for the district of the process and the regions it is compared with (its
Land, Germany and the comparison districts of the analysis settings or the default peer group), as stored:
unrounded, a flagged value (``.``, ``-``, ``x`` …) without a value and with its flag, never read as zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from standortkompass.processes.models import StrategyProcess
from standortkompass.regiondata.models import Observation
from standortkompass.standortanalyse.selectors.common import BUND
from standortkompass.standortanalyse.selectors.scope import scope_for, settings_for


@dataclass(frozen=True)
class StatisticsFilters:
    indicator: str = ""
    region: str = ""
    sector: str | None = None  # None: every sector; "": the values without a breakdown
    year: int | None = None


def analysis_published(process: StrategyProcess) -> bool:
    """Whether Administration has published the process's analysis (and the process has a district)."""
    return process.is_public and process.region_id is not None and settings_for(process=process).is_public


def region_roles(process: StrategyProcess) -> dict[str, str]:
    """The regions of the analysis by AGS code: district, land, country and the comparison districts (peer)."""
    scope = scope_for(process=process, reference_key="land")
    roles = dict.fromkeys(scope.peers, "peer")
    roles.update({scope.region: "district", scope.land: "land", BUND: "country"})
    return roles


def observations_of(process: StrategyProcess, roles: dict[str, str], filters: StatisticsFilters) -> QuerySet[Any]:
    codes = [code for code in roles if not filters.region or code == filters.region]
    observations = Observation.objects.filter(region__code__in=codes)
    if filters.indicator:
        observations = observations.filter(indicator__code=filters.indicator)
    if filters.sector is not None:
        observations = observations.filter(sector=filters.sector)
    if filters.year is not None:
        observations = observations.filter(year=filters.year)
    return observations.order_by("indicator__code", "region__code", "sector", "year").values_list(
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
