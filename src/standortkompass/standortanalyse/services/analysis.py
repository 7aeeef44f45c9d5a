"""The location analysis of one region, and of all districts at once, on employment by sector.

Both read employment at the workplace by sector (indicator ``employees_workplace``, the
Regionaldatenbank table 13111-07-05-4) either from the database or from a long table
(columns ``region``, ``sector``, ``year``, ``value``; see :mod:`standortkompass.analysis`)
and hand it to the analysis library:

* the sectors are the non-overlapping partition of the listed codes
  (:func:`~standortkompass.analysis.sectors.select_partition`); aggregates such as ``B-F``
  and ``G-U`` and the official total are left out of every sum and reported;
* location quotients of the end year use the official total as denominator when the data
  has one (totals convention, :mod:`standortkompass.analysis.totals`);
* specialisation indices (end year) and the four shift-share forms are computed over the
  partition;
* every value left out is reported with its reason, never imputed.

Errors in the request (unknown region, a reference that does not contain the region, a
period outside the data) raise an :class:`AnalysisError` whose message is an English msgid,
translated into German where a translation is active.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
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
    dunn_by_region,
    dunn_shift_share,
    dynamic_by_region,
    dynamic_shift_share,
    esteban_marquillas_by_region,
    esteban_marquillas_shift_share,
    gerfin_by_region,
    gerfin_shift_share,
    location_quotient_matrix,
    location_quotients,
    select_partition,
    specialisation_by_region,
    specialisation_indices,
)
from standortkompass.analysis.missing import sorted_exclusions
from standortkompass.analysis.sectors import TOTAL

EMPLOYMENT = "employees_workplace"
GERMANY = "DG"
LAND = "land"
LONG_COLUMNS = ("region", "sector", "year", "value")

# The partition's own drops are reported once, under the measure "sectors".
_PARTITION_REASONS = frozenset({Reason.AGGREGATE, Reason.PART_OF_AGGREGATE, Reason.TOTAL})

# Decimal places in the output: persons to one decimal, ratios and factors to four, indices to five.
PERSONS_DIGITS = 1
RATIO_DIGITS = 4
INDEX_DIGITS = 5


# Errors ---------------------------------------------------------------------------------------


class AnalysisError(Exception):
    """A request the analysis cannot answer; ``str(error)`` is a message for the user."""

    kind = "analysis"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownRegionError(AnalysisError):
    kind = "unknown_region"


class ReferenceNotSupersetError(AnalysisError):
    kind = "reference_not_superset"


class PeriodError(AnalysisError):
    kind = "period"


class YearsOutsideDataError(AnalysisError):
    kind = "years_outside_data"


class AnalysisDataError(AnalysisError):
    """The data given to the analysis cannot be used (unreadable file, duplicate rows ...)."""

    kind = "data"


# Regions --------------------------------------------------------------------------------------


def is_superset_region(reference: str, region: str) -> bool:
    """Whether ``reference`` contains ``region`` and is larger: Germany (``DG``) contains every
    other region; an AGS key contains the longer keys that start with it (a Land its
    Regierungsbezirke, Kreise and Gemeinden, a Kreis its Gemeinden). A Kreis is not a
    reference for another Kreis, nor a region for itself."""
    if reference == region:
        return False
    if reference == GERMANY:
        return True
    return region != GERMANY and reference.isdigit() and region.startswith(reference) and len(region) > len(reference)


def land_of(region: str) -> str:
    """The Land (two-digit AGS key) of a region below Land level."""
    return region[:2]


# Data -----------------------------------------------------------------------------------------


def employment_observations(
    *, regions: Iterable[str] | None = None, years: Iterable[int] | None = None
) -> pd.DataFrame:
    """Employment at the workplace by sector from the database as a long table.

    Columns ``region``, ``sector``, ``year``, ``value``; a flagged (suppressed) value is NaN.
    """
    from standortkompass.regiondata.selectors import observations_frame

    frame = observations_frame(indicator=EMPLOYMENT, regions=regions, years=years)
    return long_table(frame)


def long_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The long table in the library's convention: string codes, integer years, float values.

    Raises :class:`AnalysisDataError` if a column is missing or a (region, sector, year)
    appears twice.
    """
    missing = [column for column in LONG_COLUMNS if column not in frame.columns]
    if missing:
        raise AnalysisDataError(
            _("The data lacks the columns %(columns)s.") % {"columns": ", ".join(missing)},
        )
    table = pd.DataFrame(
        {
            "region": frame["region"].astype(str).str.strip(),
            "sector": frame["sector"].astype(str).str.strip(),
            "year": pd.to_numeric(frame["year"]).astype(int),
            "value": pd.to_numeric(frame["value"]).astype(float),
        }
    )
    duplicated = table.duplicated(["region", "sector", "year"])
    if duplicated.any():
        first = table[duplicated].iloc[0]
        raise AnalysisDataError(
            _("The data has two values for region %(region)s, sector %(sector)s, %(year)d.")
            % {"region": first["region"], "sector": first["sector"], "year": int(first["year"])}
        )
    return table.reset_index(drop=True)


def employment_from_long_csv(data: bytes, *, file_name: str) -> pd.DataFrame:
    """Read the long CSV (``region_code,region_name,sector_code,sector_name,year,value``) without saving it.

    Rows of other indicators (when the file has an ``indicator`` column) are ignored.
    Raises :class:`AnalysisDataError` listing every problem (file, line, column).
    """
    from standortkompass.regiondata.importers.long import read_long_csv

    parsed = read_long_csv(data, file_name=file_name, indicator=EMPLOYMENT)
    if parsed.problems:
        raise AnalysisDataError("\n".join(str(problem) for problem in parsed.problems))
    records = [record for record in parsed.records if record.indicator == EMPLOYMENT]
    if not records:
        raise AnalysisDataError(
            _("%(file)s has no rows of employment at the workplace (%(indicator)s).")
            % {"file": file_name, "indicator": EMPLOYMENT}
        )
    seen: dict[tuple[str, str, int], int | None] = {}
    for record in records:
        key = (record.region, record.sector, record.year)
        if key in seen:
            raise AnalysisDataError(
                _("%(file)s, line %(line)s: region %(region)s, sector %(sector)s, %(year)d appears twice.")
                % {
                    "file": file_name,
                    "line": record.line if record.line is not None else "?",
                    "region": record.region,
                    "sector": record.sector,
                    "year": record.year,
                }
            )
        seen[key] = record.line
    frame = pd.DataFrame(
        {
            "region": [record.region for record in records],
            "sector": [record.sector for record in records],
            "year": [record.year for record in records],
            "value": [math.nan if record.value is None else record.value for record in records],
        }
    )
    return long_table(frame)


def _sector_years(table: pd.DataFrame, region: str) -> set[int]:
    """The years in which a region has at least one sector value (the total alone is not enough)."""
    rows = table[(table["region"] == region) & (table["sector"] != TOTAL) & table["value"].notna()]
    return {int(year) for year in rows["year"].unique()}


def _years_text(years: Sequence[int]) -> str:
    if not years:
        return "–"
    if list(years) == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(year) for year in years)


# One region -----------------------------------------------------------------------------------


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

    def as_json(self) -> dict[str, Any]:
        """The result in the structure of ``standortkompass analyse`` (floats rounded; NaN is null)."""
        persons = PERSONS_DIGITS
        return {
            "region": self.region,
            "reference": self.reference,
            "start": self.start,
            "end": self.end,
            "location_quotients": {
                sector: _rounded(value, RATIO_DIGITS) for sector, value in self.location_quotients.items()
            },
            "specialisation": {
                "krugman": _rounded(self.specialisation.krugman, INDEX_DIGITS),
                "hachman": _rounded(self.specialisation.hachman, INDEX_DIGITS),
                "herfindahl": _rounded(self.specialisation.herfindahl, INDEX_DIGITS),
                "theil": _rounded(self.specialisation.theil, INDEX_DIGITS),
            },
            "shift_share": {
                "dunn": {
                    "actual_change": _rounded(self.dunn.actual_change, persons),
                    "national": _rounded(self.dunn.national, persons),
                    "industry_mix": _rounded(self.dunn.industry_mix, persons),
                    "regional": _rounded(self.dunn.regional, persons),
                    "net_total_shift": _rounded(self.dunn.net_total_shift, persons),
                },
                "esteban_marquillas": {
                    "competitive": _rounded(self.esteban_marquillas.competitive, persons),
                    "allocation": _rounded(self.esteban_marquillas.allocation, persons),
                },
                "gerfin": {
                    "regional_factor": _rounded(self.gerfin.regional_factor, RATIO_DIGITS),
                    "structural_factor": _rounded(self.gerfin.structural_factor, RATIO_DIGITS),
                    "locational_factor": _rounded(self.gerfin.locational_factor, RATIO_DIGITS),
                },
                "dynamic": {
                    "national": _rounded(self.dynamic.national, persons),
                    "industry_mix": _rounded(self.dynamic.industry_mix, persons),
                    "regional": _rounded(self.dynamic.regional, persons),
                    "net_total_shift": _rounded(self.dynamic.net_total_shift, persons),
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
    available = sorted(_sector_years(table, region) & _sector_years(table, reference))
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
            % {"year": outside[0], "region": region, "reference": reference, "years": _years_text(available)}
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
        item if item.year is not None or year is None or item.reason == Reason.TOTAL else _with_year(item, year)
        for item in exclusions
        if item.reason not in _PARTITION_REASONS
    ]
    return [ExcludedItem(measure, item) for item in sorted_exclusions(kept)]


def _with_year(item: Exclusion, year: int) -> Exclusion:
    return Exclusion(item.reason, region=item.region, sector=item.sector, year=year)


def _rounded(value: float, digits: int) -> float | None:
    if value is None or math.isnan(value) or math.isinf(value):
        return None
    result = round(float(value), digits)
    return 0.0 if result == 0 else result


# All districts --------------------------------------------------------------------------------

_QUOTIENT_TOTALS = ("region_total", "reference_total", "official_totals")
RANKED = (
    "krugman",
    "hachman",
    "herfindahl",
    "theil",
    "net_total_shift_rate",
    "regional_factor",
    "structural_factor",
    "locational_factor",
)


@dataclass(frozen=True, slots=True, eq=False)
class DistrictComparison:
    """All districts against one kind of reference region (Germany, or each district's own Land).

    Attributes
    ----------
    reference
        ``"DG"`` or ``"land"``.
    location_quotients
        Rows (district, year) for every year of the period, one column per listed sector
        code except ``TOTAL`` (aggregates included).
    specialisation
        End year; one row per district, the columns of
        :func:`~standortkompass.analysis.specialisation_by_region`.
    dunn, esteban_marquillas, gerfin, dynamic
        One row per district, the columns of the library's ``*_by_region`` functions.
    ranks, ranks_in_land
        Competition rank (1 = highest value; ties share the best rank) of every district
        among all districts and among the districts of its Land, for the columns of
        ``RANKED`` (``net_total_shift_rate`` is Dunn's net total shift per employee at the start).
    excluded
        What was left out, and why.
    """

    reference: str
    location_quotients: pd.DataFrame
    specialisation: pd.DataFrame
    dunn: pd.DataFrame
    esteban_marquillas: pd.DataFrame
    gerfin: pd.DataFrame
    dynamic: pd.DataFrame
    ranks: pd.DataFrame
    ranks_in_land: pd.DataFrame
    excluded: tuple[Exclusion, ...]


@dataclass(frozen=True, slots=True, eq=False)
class AllDistrictsAnalysis:
    start: int
    end: int
    districts: tuple[str, ...]
    comparisons: dict[str, DistrictComparison]


def all_districts_analysis(
    *,
    start: int,
    end: int,
    against: Sequence[str] = (GERMANY, LAND),
    observations: pd.DataFrame | None = None,
) -> AllDistrictsAnalysis:
    """The analysis of every district (five-digit AGS key in the data) at once.

    ``against`` lists the references: ``"DG"`` (every district against Germany) and/or
    ``"land"`` (every district against its own Land). Without ``observations`` the
    employment data of the period is read from the database. Vectorised: the library's
    ``*_by_region`` functions run once per reference region (Germany, each Land).

    Raises :class:`PeriodError` if ``start >= end``, :class:`YearsOutsideDataError` if
    Germany has no sector data in ``start`` or ``end``.
    """
    if start >= end:
        raise PeriodError(
            _("The start year (%(start)d) must lie before the end year (%(end)d).") % {"start": start, "end": end}
        )
    unknown = [kind for kind in against if kind not in (GERMANY, LAND)]
    if unknown:
        raise ValueError(f"unknown reference kind {unknown[0]!r}; use {GERMANY!r} or {LAND!r}")
    years = list(range(start, end + 1))
    if observations is None:
        table = employment_observations(years=years)
    else:
        table = long_table(observations)
        table = table[table["year"].between(start, end)]
    available = sorted(_sector_years(table, GERMANY))
    outside = [year for year in (start, end) if year not in available]
    if outside:
        raise YearsOutsideDataError(
            _("There is no employment by sector for %(year)d. The data covers %(years)s.")
            % {"year": outside[0], "years": _years_text(available)}
        )
    panel = table.pivot(index=["region", "year"], columns="sector", values="value").astype(float)
    panel.columns.name = None
    panel = panel.sort_index().sort_index(axis=1)
    codes = panel.index.get_level_values(0)
    district_panel = panel[(codes.str.len() == 5) & codes.str.isdigit()]
    districts = tuple(sorted(set(district_panel.index.get_level_values(0))))
    by_year = {year: _year_rows(district_panel, year) for year in years}
    comparisons = {}
    for kind in against:
        if kind == GERMANY:
            groups = {GERMANY: list(districts)}
        else:
            groups = {}
            for code in districts:
                groups.setdefault(land_of(code), []).append(code)
        comparisons[kind] = _comparison(kind, groups, panel, district_panel, by_year, start, end)
    return AllDistrictsAnalysis(start=start, end=end, districts=districts, comparisons=comparisons)


def _year_rows(district_panel: pd.DataFrame, year: int) -> pd.DataFrame:
    rows = district_panel[district_panel.index.get_level_values(1) == year]
    return rows.droplevel(1)


def _reference_vectors(panel: pd.DataFrame, references: Iterable[str]) -> dict[tuple[str, int], pd.Series[float]]:
    """The rows of the reference regions as sector vectors by (region, year)."""
    codes = panel.index.get_level_values(0)
    rows = panel[codes.isin(list(references))]
    values = rows.to_numpy(dtype=float)
    return {
        (str(code), int(year)): pd.Series(values[position], index=rows.columns, name=str(code))
        for position, (code, year) in enumerate(rows.index)
    }


def _reference_vector(
    vectors: dict[tuple[str, int], pd.Series[float]], columns: pd.Index, reference: str, year: int
) -> pd.Series[float]:
    found = vectors.get((reference, year))
    if found is not None:
        return found
    return pd.Series(np.nan, index=columns, name=reference, dtype=float)


def _comparison(
    kind: str,
    groups: dict[str, list[str]],
    panel: pd.DataFrame,
    district_panel: pd.DataFrame,
    by_year: dict[int, pd.DataFrame],
    start: int,
    end: int,
) -> DistrictComparison:
    quotients: dict[int, list[pd.DataFrame]] = {year: [] for year in by_year}
    parts: dict[str, list[pd.DataFrame]] = {
        name: [] for name in ("specialisation", "dunn", "esteban_marquillas", "gerfin", "dynamic")
    }
    excluded: list[Exclusion] = []
    reference_codes = panel.index.get_level_values(0)
    vectors = _reference_vectors(panel, groups)
    whole = len(groups) == 1
    for reference, members in groups.items():
        rows = by_year if whole else {year: frame[frame.index.isin(members)] for year, frame in by_year.items()}
        for year, frame in rows.items():
            if frame.empty:
                continue
            result = location_quotient_matrix(frame, _reference_vector(vectors, panel.columns, reference, year))
            table = result.values
            quotients[year].append(table.loc[:, ~table.columns.isin(_QUOTIENT_TOTALS)])
            excluded += [_with_year(item, year) if item.year is None else item for item in result.excluded]
        first, last = rows[start], rows[end]
        reference_first = _reference_vector(vectors, panel.columns, reference, start)
        reference_last = _reference_vector(vectors, panel.columns, reference, end)
        for name, function in (
            ("dunn", dunn_by_region),
            ("esteban_marquillas", esteban_marquillas_by_region),
            ("gerfin", gerfin_by_region),
        ):
            table_result = function(first, last, reference_first, reference_last)
            parts[name].append(table_result.values)
            excluded += table_result.excluded
        specialisation = specialisation_by_region(last, reference_last)
        parts["specialisation"].append(specialisation.values)
        excluded += specialisation.excluded
        member_rows = district_panel[district_panel.index.get_level_values(0).isin(members)]
        reference_rows = panel[reference_codes == reference].droplevel(0)
        dynamic = dynamic_by_region(member_rows, reference_rows, start=start, end=end, reference_code=reference)
        parts["dynamic"].append(dynamic.values)
        excluded += dynamic.excluded

    combined = {name: pd.concat(frames).sort_index() for name, frames in parts.items()}
    measures = pd.concat(
        [
            combined["specialisation"][["krugman", "hachman", "herfindahl", "theil"]],
            combined["gerfin"],
        ],
        axis=1,
    )
    start_totals = by_year[start].reindex(measures.index)
    start_sum = start_totals[[c for c in start_totals.columns if c in select_partition(start_totals.columns).sectors]]
    measures["net_total_shift_rate"] = combined["dunn"]["net_total_shift"] / start_sum.sum(axis=1, min_count=1)
    measures = measures[list(RANKED)]
    lands = pd.Index([land_of(code) for code in measures.index])
    ranks = measures.rank(method="min", ascending=False)
    ranks_in_land = measures.groupby(lands.to_numpy()).rank(method="min", ascending=False)
    return DistrictComparison(
        reference=kind,
        location_quotients=pd.concat({year: pd.concat(frames) for year, frames in quotients.items() if frames})
        .swaplevel()
        .sort_index(),
        specialisation=combined["specialisation"],
        dunn=combined["dunn"],
        esteban_marquillas=combined["esteban_marquillas"],
        gerfin=combined["gerfin"],
        dynamic=combined["dynamic"],
        ranks=ranks,
        ranks_in_land=ranks_in_land,
        excluded=sorted_exclusions(excluded),
    )
