"""Read access to regions and statistics: plain lists and dicts, or pandas DataFrames.

Flagged observations (``.``, ``-``, ``x`` …) come back with ``value`` None and their
``status``; they are never turned into 0. What to do with them is the caller's policy
(the analysis package documents its own).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Max, Min, Q, QuerySet

from standortkompass.core.cache import single_flight
from standortkompass.regiondata.adjacency import neighbour_map
from standortkompass.regiondata.models import (
    ImportBatch,
    Indicator,
    Observation,
    ObservationRevision,
    Region,
    RegionBoundary,
    RegionLevel,
    RegionSuccession,
    SpatialType,
)

if TYPE_CHECKING:
    import pandas as pd

FRAME_COLUMNS = ("region", "sector", "year", "value", "status", "qualifier", "reference_date", "source_table")


@dataclass(frozen=True)
class ObservationRow:
    indicator: str
    region: str
    sector: str
    year: int
    reference_date: dt.date | None
    value: float | None
    status: str
    qualifier: str
    source_table: str


@dataclass(frozen=True)
class IndicatorSummary:
    code: str
    name: str
    unit: str
    source: str
    has_sectors: bool
    first_year: int | None
    last_year: int | None
    observations: int


def _observations(
    *,
    indicator: str,
    regions: Iterable[str] | None,
    sectors: Iterable[str] | None,
    years: Iterable[int] | None,
) -> QuerySet[Observation]:
    queryset = Observation.objects.filter(indicator__code=indicator)
    if regions is not None:
        queryset = queryset.filter(region__code__in=list(regions))
    if sectors is not None:
        queryset = queryset.filter(sector__in=list(sectors))
    if years is not None:
        queryset = queryset.filter(year__in=list(years))
    return queryset.order_by("region__code", "sector", "year")


def observations_list(
    *,
    indicator: str,
    regions: Iterable[str] | None = None,
    sectors: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
) -> list[ObservationRow]:
    """The observations of ``indicator`` for the given region codes, sector codes and years (None: all)."""
    rows = _observations(indicator=indicator, regions=regions, sectors=sectors, years=years).values_list(
        "region__code", "sector", "year", "reference_date", "value", "status", "qualifier", "source_table"
    )
    return [
        ObservationRow(indicator, region, sector, year, reference_date, value, status, qualifier, source_table)
        for region, sector, year, reference_date, value, status, qualifier, source_table in rows
    ]


def observation_values(
    *,
    indicator: str,
    regions: Iterable[str] | None = None,
    sectors: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
) -> dict[str, dict[str, dict[int, float | None]]]:
    """``{region: {sector: {year: value}}}``; a flagged value is None (see ``observations_list`` for the flag)."""
    result: dict[str, dict[str, dict[int, float | None]]] = {}
    rows = _observations(indicator=indicator, regions=regions, sectors=sectors, years=years).values_list(
        "region__code", "sector", "year", "value"
    )
    for region, sector, year, value in rows:
        result.setdefault(region, {}).setdefault(sector, {})[year] = value
    return result


def indicators_values(*, indicators: Iterable[str], sector: str = "") -> dict[str, dict[str, dict[int, float]]]:
    """``{indicator: {region: {year: value}}}`` of one sector for several indicators in one query (flagged left out)."""
    result: dict[str, dict[str, dict[int, float]]] = {code: {} for code in indicators}
    rows = Observation.objects.filter(indicator__code__in=list(result), sector=sector, value__isnull=False).values_list(
        "indicator__code", "region__code", "year", "value"
    )
    for indicator, region, year, value in rows:
        if value is not None:
            result[indicator].setdefault(region, {})[year] = value
    return result


def observations_frame(
    *,
    indicator: str,
    regions: Iterable[str] | None = None,
    sectors: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
) -> pd.DataFrame:
    """The observations as a long DataFrame with the columns of ``FRAME_COLUMNS`` (value NaN when flagged).

    Pivot for the analysis, e.g. ``frame.pivot_table(index="region", columns="sector", values="value")``.
    Needs pandas.
    """
    import pandas as pd

    rows = _observations(indicator=indicator, regions=regions, sectors=sectors, years=years).values_list(
        "region__code", "sector", "year", "value", "status", "qualifier", "reference_date", "source_table"
    )
    frame = pd.DataFrame.from_records(list(rows), columns=list(FRAME_COLUMNS))
    frame["value"] = frame["value"].astype("float64")
    return frame


def indicator_list() -> list[IndicatorSummary]:
    """Every indicator with its years and number of observations."""
    rows = Indicator.objects.annotate(
        first_year=Min("observations__year"), last_year=Max("observations__year"), count=Count("observations")
    ).order_by("code")
    return [
        IndicatorSummary(
            row.code, row.name, row.unit, row.source, row.has_sectors, row.first_year, row.last_year, row.count
        )
        for row in rows
    ]


def indicator_get(*, code: str) -> Indicator | None:
    return Indicator.objects.filter(code=code).first()


def indicator_sectors(*, code: str) -> list[str]:
    return list(
        Observation.objects.filter(indicator__code=code).order_by("sector").values_list("sector", flat=True).distinct()
    )


def region_get(*, code: str) -> Region | None:
    return Region.objects.filter(code=code).select_related("parent").first()


def regions_valid_on(*, day: dt.date, level: str = RegionLevel.DISTRICT) -> list[Region]:
    """The regions of ``level`` whose key existed on ``day`` (by ``valid_from``/``valid_to``)."""
    return list(
        Region.objects.filter(level=level)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("code")
    )


def region_successions() -> list[tuple[str, str, dt.date]]:
    """``(predecessor code, successor code, date)`` of every recorded territorial change."""
    return [
        (predecessor, successor, date)
        for predecessor, successor, date in RegionSuccession.objects.order_by("date", "predecessor__code").values_list(
            "predecessor__code", "successor__code", "date"
        )
    ]


def spatial_types_of(*, region: str) -> dict[str, tuple[str, str]]:
    """``{typology: (code, name)}`` of one region."""
    return {
        typology: (code, name)
        for typology, code, name in SpatialType.objects.filter(region__code=region).values_list(
            "typology", "code", "name"
        )
    }


def regions_of_spatial_type(*, typology: str, code: str, within: str = "") -> list[str]:
    """Codes of the regions in class ``code`` of ``typology``; ``within`` limits them to a key prefix (a Land)."""
    queryset = SpatialType.objects.filter(typology=typology, code=code)
    if within:
        queryset = queryset.filter(region__code__startswith=within)
    return list(queryset.order_by("region__code").values_list("region__code", flat=True))


def region_boundaries(*, codes: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``{code: GeoJSON geometry}`` for the regions that have a boundary."""
    return {
        code: json.loads(geometry)
        for code, geometry in Region.objects.filter(code__in=list(codes), boundary__isnull=False).values_list(
            "code", "boundary__geometry"
        )
    }


def boundary_version() -> str:
    """Changes whenever boundaries are loaded: the newest boundary load, the newest and the number of boundaries."""
    newest_load = ImportBatch.objects.filter(loader__startswith="boundaries").aggregate(newest=Max("pk"))["newest"] or 0
    boundaries = RegionBoundary.objects.aggregate(newest=Max("pk"), count=Count("pk"))
    return f"{newest_load}-{boundaries['newest'] or 0}-{boundaries['count']}"


ADJACENCY_CACHE_SECONDS = 7 * 24 * 60 * 60


def district_neighbours() -> dict[str, tuple[str, ...]]:
    """``{district code: codes of the districts whose boundaries touch it}`` (see ``regiondata.adjacency``).

    Computed once from all district boundaries and kept in the cache under a key with the
    ``boundary_version``, so loading new boundaries makes the old entry unreachable.
    """
    key = f"regiondata:district-neighbours:{boundary_version()}"

    def compute() -> dict[str, tuple[str, ...]]:
        rows = RegionBoundary.objects.filter(region__level=RegionLevel.DISTRICT).values_list("region__code", "geometry")
        return neighbour_map({code: json.loads(geometry) for code, geometry in rows})

    # Once for all requests that miss it together; kept in process memory too (the key holds the version).
    return single_flight(key, compute, timeout=ADJACENCY_CACHE_SECONDS, in_memory=True)


def neighbours_of(*, region: str) -> tuple[str, ...]:
    """The districts bordering the district ``region`` (sorted codes; empty without boundaries)."""
    return district_neighbours().get(region, ())


def import_batches_list(*, limit: int = 50) -> list[ImportBatch]:
    return list(ImportBatch.objects.select_related("imported_by").order_by("-imported_at", "-pk")[:limit])


def batch_revisions(*, batch_id: int) -> list[ObservationRevision]:
    return list(
        ObservationRevision.objects.filter(batch_id=batch_id)
        .select_related("observation__indicator", "observation__region")
        .order_by("observation__indicator__code", "observation__region__code", "observation__year")
    )
