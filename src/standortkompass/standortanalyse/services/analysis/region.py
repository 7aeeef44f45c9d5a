"""The location analysis of one region against a reference region over a period."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _

from standortkompass.analysis import (
    DunnShiftShare,
    DynamicShiftShare,
    EstebanMarquillasShiftShare,
    Exclusion,
    GerfinShiftShare,
    Reason,
    SpecialisationIndices,
    dunn_shift_share,
    dynamic_shift_share,
    esteban_marquillas_shift_share,
    gerfin_shift_share,
    location_quotients,
    select_partition,
    specialisation_indices,
)
from standortkompass.analysis.missing import sorted_exclusions
from standortkompass.analysis.sectors import TOTAL
from standortkompass.standortanalyse.services.analysis.data import (
    employment_observations,
    is_superset_region,
    long_table,
    sector_years,
    with_year,
    years_text,
)
from standortkompass.standortanalyse.services.analysis.errors import (
    PeriodError,
    ReferenceNotSupersetError,
    UnknownRegionError,
    YearsOutsideDataError,
)

# The partition's own drops are reported once, under the measure "sectors".
_PARTITION_REASONS = frozenset({Reason.AGGREGATE, Reason.PART_OF_AGGREGATE, Reason.TOTAL})

# Which denominator the location quotients use (the totals convention of analysis.totals).
OFFICIAL_TOTAL = "official_total"
SUM_OF_SECTORS = "sum_of_sectors"


@dataclass(frozen=True, slots=True)
class ExcludedItem:
    """A value a measure left out, and why (``measure`` names the measure)."""

    measure: str
    exclusion: Exclusion

    def as_json(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "region": self.exclusion.region,
            "sector": self.exclusion.sector,
            "year": self.exclusion.year,
            "reason": self.exclusion.reason.value,
        }


@dataclass(frozen=True, slots=True, eq=False)
class RegionAnalysis:
    """The location analysis of one region against a reference region over a period.

    ``sectors`` is the non-overlapping partition the measures use; ``location_quotients``
    has one value per sector of it (end year, NaN where undefined). The library results
    keep their per-sector details (``dunn.sectors``, ``dynamic.steps`` ...).
    """

    region: str
    reference: str
    start: int
    end: int
    sectors: tuple[str, ...]
    location_quotients: dict[str, float]
    official_totals: bool
    specialisation: SpecialisationIndices
    dunn: DunnShiftShare
    esteban_marquillas: EstebanMarquillasShiftShare
    gerfin: GerfinShiftShare
    dynamic: DynamicShiftShare
    excluded: tuple[ExcludedItem, ...]

    @property
    def location_quotient_denominator(self) -> str:
        return OFFICIAL_TOTAL if self.official_totals else SUM_OF_SECTORS

    def as_json(self) -> dict[str, Any]:
        """The result in the structure of ``standortkompass analyse``: the computed floats unrounded, NaN as null.

        ``location_quotient_denominator`` says which total the quotients divide by: the official
        total (which includes employees without a sector) or the sum of the sectors.
        """
        return {
            "region": self.region,
            "reference": self.reference,
            "start": self.start,
            "end": self.end,
            "location_quotient_denominator": self.location_quotient_denominator,
            "location_quotients": {sector: _number(value) for sector, value in self.location_quotients.items()},
            "specialisation": {
                "krugman": _number(self.specialisation.krugman),
                "hachman": _number(self.specialisation.hachman),
                "herfindahl": _number(self.specialisation.herfindahl),
                "theil": _number(self.specialisation.theil),
            },
            "shift_share": {
                "dunn": {
                    "actual_change": _number(self.dunn.actual_change),
                    "national": _number(self.dunn.national),
                    "industry_mix": _number(self.dunn.industry_mix),
                    "regional": _number(self.dunn.regional),
                    "net_total_shift": _number(self.dunn.net_total_shift),
                },
                "esteban_marquillas": {
                    "competitive": _number(self.esteban_marquillas.competitive),
                    "allocation": _number(self.esteban_marquillas.allocation),
                },
                "gerfin": {
                    "regional_factor": _number(self.gerfin.regional_factor),
                    "structural_factor": _number(self.gerfin.structural_factor),
                    "locational_factor": _number(self.gerfin.locational_factor),
                },
                "dynamic": {
                    "national": _number(self.dynamic.national),
                    "industry_mix": _number(self.dynamic.industry_mix),
                    "regional": _number(self.dynamic.regional),
                    "net_total_shift": _number(self.dynamic.net_total_shift),
                },
            },
            "excluded": [item.as_json() for item in self.excluded],
        }

    def as_rows(self) -> list[tuple[str, str, str, float | None]]:
        """The figures of ``as_json`` as a tidy table: (measure, component, sector, value)."""
        result = self.as_json()
        rows: list[tuple[str, str, str, float | None]] = [
            ("location_quotient", "", sector, value) for sector, value in result["location_quotients"].items()
        ]
        # The convention as a row of its own: the component names the total, the value stays empty.
        rows.append(("location_quotient_denominator", self.location_quotient_denominator, "", None))
        rows += [("specialisation", name, "", value) for name, value in result["specialisation"].items()]
        for form, components in result["shift_share"].items():
            rows += [(f"shift_share_{form}", name, "", value) for name, value in components.items()]
        return rows


def region_analysis(
    *, region: str, reference: str, start: int, end: int, observations: pd.DataFrame | None = None
) -> RegionAnalysis:
    """Location quotients, specialisation and the four shift-share forms of ``region`` against ``reference``.

    Parameters
    ----------
    region, reference
        AGS keys (``DG`` for Germany); the reference must contain the region
        (:func:`is_superset_region`).
    start, end
        The period; location quotients and specialisation are those of ``end``.
    observations
        A long table (``region``, ``sector``, ``year``, ``value``) of employment by sector;
        ``None`` reads ``employees_workplace`` from the database.

    Raises
    ------
    UnknownRegionError, ReferenceNotSupersetError, PeriodError, YearsOutsideDataError,
    AnalysisDataError
    """
    region, reference = region.strip(), reference.strip()
    if observations is None:
        _check_known_in_database(region, reference)
        table = employment_observations(regions=[region, reference])
    else:
        table = long_table(observations)
        known = set(table["region"].unique())
        for code in (region, reference):
            if code not in known:
                raise UnknownRegionError(_("The region %(code)s is not in the data.") % {"code": code})
    if not is_superset_region(reference, region):
        raise ReferenceNotSupersetError(
            _(
                "%(reference)s cannot be the reference region of %(region)s: the reference must be a larger region "
                "that contains it (Germany DG, its Land or its Regierungsbezirk)."
            )
            % {"reference": reference, "region": region}
        )
    if start >= end:
        raise PeriodError(
            _("The start year (%(start)d) must lie before the end year (%(end)d).") % {"start": start, "end": end}
        )
    available = sorted(sector_years(table, region) & sector_years(table, reference))
    if not available:
        raise YearsOutsideDataError(
            _("There is no employment by sector for both %(region)s and %(reference)s in any year.")
            % {"region": region, "reference": reference}
        )
    outside = [year for year in (start, end) if year not in available]
    if outside:
        raise YearsOutsideDataError(
            _(
                "There is no employment by sector for %(year)d. The data for %(region)s and %(reference)s covers "
                "%(years)s."
            )
            % {"year": outside[0], "region": region, "reference": reference, "years": years_text(available)}
        )
    return _analyse(table, region=region, reference=reference, start=start, end=end)


def _check_known_in_database(region: str, reference: str) -> None:
    from standortkompass.regiondata.selectors import region_get

    for code in (region, reference):
        if region_get(code=code) is None:
            raise UnknownRegionError(_("The region %(code)s is not known.") % {"code": code})


def _vector(table: pd.DataFrame, region: str, year: int) -> pd.Series[float]:
    rows = table[(table["region"] == region) & (table["year"] == year)]
    series = pd.Series(rows["value"].to_numpy(dtype=float), index=pd.Index(rows["sector"].to_list()), name=region)
    return series.sort_index()


def _panel(table: pd.DataFrame, region: str, start: int, end: int) -> pd.DataFrame:
    rows = table[(table["region"] == region) & (table["year"] >= start) & (table["year"] <= end)]
    panel = rows.pivot(index="year", columns="sector", values="value").astype(float)
    panel.columns.name = None
    panel.index.name = None
    return panel.sort_index().sort_index(axis=1)


def _analyse(table: pd.DataFrame, *, region: str, reference: str, start: int, end: int) -> RegionAnalysis:
    in_period = table[table["region"].isin([region, reference]) & table["year"].between(start, end)]
    partition = select_partition(in_period["sector"].unique())
    sectors = partition.sectors

    region_start, region_end = _vector(table, region, start), _vector(table, region, end)
    reference_start, reference_end = _vector(table, reference, start), _vector(table, reference, end)

    quotients = location_quotients(region_end, reference_end)
    values = quotients.values.reindex(list(sectors))
    specialisation = specialisation_indices(region_end, reference_end)
    dunn = dunn_shift_share(region_start, region_end, reference_start, reference_end)
    esteban = esteban_marquillas_shift_share(region_start, region_end, reference_start, reference_end)
    gerfin = gerfin_shift_share(region_start, region_end, reference_start, reference_end)
    dynamic = dynamic_shift_share(
        _panel(table, region, start, end),
        _panel(table, reference, start, end),
        start=start,
        end=end,
        region_code=region,
        reference_code=reference,
    )

    shown = {*sectors, TOTAL}
    excluded = [ExcludedItem("sectors", exclusion) for exclusion in partition.dropped]
    excluded += _items(
        "location_quotients",
        (item for item in quotients.excluded if item.sector is None or item.sector in shown),
        year=end,
    )
    excluded += _items("specialisation", specialisation.excluded, year=end)
    excluded += _items("shift_share.dunn", dunn.excluded)
    excluded += _items("shift_share.esteban_marquillas", esteban.excluded)
    excluded += _items("shift_share.gerfin", gerfin.excluded)
    excluded += _items("shift_share.dynamic", dynamic.excluded)
    return RegionAnalysis(
        region=region,
        reference=reference,
        start=start,
        end=end,
        sectors=sectors,
        location_quotients={sector: float(values[sector]) for sector in sectors},
        official_totals=quotients.official_totals,
        specialisation=specialisation,
        dunn=dunn,
        esteban_marquillas=esteban,
        gerfin=gerfin,
        dynamic=dynamic,
        excluded=tuple(excluded),
    )


def _items(measure: str, exclusions: Iterable[Exclusion], *, year: int | None = None) -> list[ExcludedItem]:
    """The measure's exclusions without the partition's drops; ``year`` fills in a single-year measure's year."""
    kept = [
        item if item.year is not None or year is None or item.reason == Reason.TOTAL else with_year(item, year)
        for item in exclusions
        if item.reason not in _PARTITION_REASONS
    ]
    return [ExcludedItem(measure, item) for item in sorted_exclusions(kept)]


def _number(value: float) -> float | None:
    """The value as computed, as a JSON number; NaN and infinities (undefined) become None."""
    if value is None or math.isnan(value) or math.isinf(value):
        return None
    return float(value)
