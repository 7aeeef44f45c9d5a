"""The location analysis of every district at once, against Germany and against each district's Land."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from standortkompass.analysis import (
    Exclusion,
    dunn_by_region,
    dynamic_by_region,
    esteban_marquillas_by_region,
    gerfin_by_region,
    location_quotient_matrix,
    select_partition,
    specialisation_by_region,
)
from standortkompass.analysis.missing import sorted_exclusions
from standortkompass.standortanalyse.services.analysis.data import (
    GERMANY,
    LAND,
    employment_observations,
    land_of,
    long_table,
    sector_years,
    with_year,
    years_text,
)
from standortkompass.standortanalyse.services.analysis.errors import PeriodError, YearsOutsideDataError

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
    available = sorted(sector_years(table, GERMANY))
    outside = [year for year in (start, end) if year not in available]
    if outside:
        raise YearsOutsideDataError(
            _("There is no employment by sector for %(year)d. The data covers %(years)s.")
            % {"year": outside[0], "years": years_text(available)}
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
            excluded += [with_year(item, year) if item.year is None else item for item in result.excluded]
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
