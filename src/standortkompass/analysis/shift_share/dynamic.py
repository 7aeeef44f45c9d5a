"""Dynamic shift-share (Barff & Knight): the classic components year by year, summed over the period."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._alignment import on_partition
from standortkompass.analysis._arithmetic import FloatArray
from standortkompass.analysis._validation import codes, year_labels, year_of
from standortkompass.analysis.missing import Exclusion, sorted_exclusions
from standortkompass.analysis.results import RegionTable
from standortkompass.analysis.shift_share._components import (
    ACTUAL_CHANGE,
    DUNN_COLUMNS,
    INDUSTRY_MIX,
    NATIONAL,
    NET_TOTAL_SHIFT,
    REGIONAL,
    dunn_components,
)


@dataclass(frozen=True, slots=True, eq=False)
class DynamicShiftShare:
    """Dynamic shift-share: the classic components summed over the years of the period.

    ``steps`` has one row per annual step (index: the step's end year; column
    ``start_year``) with the classic components of that step.
    """

    actual_change: float
    national: float
    industry_mix: float
    regional: float
    net_total_shift: float
    steps: pd.DataFrame
    excluded: tuple[Exclusion, ...]


def dynamic_shift_share(
    region: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    start: int | None = None,
    end: int | None = None,
    region_code: str = "region",
    reference_code: str = "reference",
) -> DynamicShiftShare:
    r"""Dynamic shift-share: the classic decomposition year by year, summed over the period.

    For every pair of consecutive years :math:`(t-1, t)` in the data the classic
    components are computed with :math:`t-1` as base year (so the reference growth rates
    and the region's structure are updated every year), then summed:

    .. math::

        NS = \sum_t \sum_i e_{i,t-1} G_t, \quad
        IM = \sum_t \sum_i e_{i,t-1} (G_{i,t} - G_t), \quad
        RS = \sum_t \sum_i e_{i,t-1} (g_{i,t} - G_{i,t})

    and :math:`NS + IM + RS = \sum_t \Delta e_t`, which is the change over the whole period
    when no value is missing. A step with no usable sector is left out of the sums (its
    missing values are reported).

    Parameters
    ----------
    region, reference
        One row per year, one column per sector code. A year absent from one of them
        counts as missing there.
    start, end
        Restrict the period to these years (inclusive).
    region_code, reference_code
        Codes used in the exclusion records.

    References
    ----------
    Barff, R. A. & Knight, P. L. (1988). Dynamic shift-share analysis. *Growth and Change*
    19(2), 1–10.
    """
    years = year_labels(region.index, what="region panel")
    stacked = region.copy()
    stacked.index = pd.MultiIndex.from_arrays([[region_code] * len(years), list(years)])
    steps = _dynamic(stacked, reference, start=start, end=end, reference_code=reference_code)
    totals = steps.totals()
    frame = pd.DataFrame(
        {"start_year": steps.years[:-1], **{name: column[:, 0] for name, column in steps.sums.items()}},
        index=pd.Index(steps.years[1:]),
    )
    return DynamicShiftShare(
        actual_change=float(totals[ACTUAL_CHANGE][0]),
        national=float(totals[NATIONAL][0]),
        industry_mix=float(totals[INDUSTRY_MIX][0]),
        regional=float(totals[REGIONAL][0]),
        net_total_shift=float(totals[NET_TOTAL_SHIFT][0]),
        steps=frame,
        excluded=steps.excluded,
    )


def dynamic_by_region(
    regions: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    start: int | None = None,
    end: int | None = None,
    reference_code: str = "reference",
) -> RegionTable:
    """Dynamic shift-share for many regions at once; see :func:`dynamic_shift_share`.

    ``regions`` has a two-level row index (region, year) and one column per sector. The
    result has one row per region with the summed components (columns as in
    :func:`dunn_by_region`).
    """
    steps = _dynamic(regions, reference, start=start, end=end, reference_code=reference_code)
    frame = pd.DataFrame(steps.totals(), index=pd.Index(steps.region_codes))
    return RegionTable(values=frame, excluded=steps.excluded)


@dataclass(frozen=True, slots=True)
class _Steps:
    """Classic components per annual step (rows) and region (columns)."""

    region_codes: tuple[str, ...]
    years: tuple[int, ...]
    sums: dict[str, FloatArray]
    excluded: tuple[Exclusion, ...]

    def totals(self) -> dict[str, FloatArray]:
        """Sums over the steps in which the region had a usable sector; NaN if there was none."""
        usable = ~np.isnan(self.sums[ACTUAL_CHANGE])
        any_usable = usable.any(axis=0)
        return {
            name: np.where(any_usable, np.where(usable, column, 0.0).sum(axis=0), np.nan)
            for name, column in self.sums.items()
        }


def _dynamic(
    regions: pd.DataFrame, reference: pd.DataFrame, *, start: int | None, end: int | None, reference_code: str
) -> _Steps:
    if not isinstance(regions.index, pd.MultiIndex) or regions.index.nlevels != 2:
        raise ValueError("regions: the rows must be indexed by (region, year)")
    codes(pd.Index(regions.index.to_flat_index()), what="regions")
    region_years = np.array([year_of(label, what="regions") for label in regions.index.get_level_values(1)])
    reference_years = year_labels(reference.index, what="reference panel")
    years = tuple(
        year
        for year in sorted(set(region_years.tolist()) | set(reference_years))
        if (start is None or year >= start) and (end is None or year <= end)
    )
    if len(years) < 2:
        raise ValueError("dynamic shift-share needs at least two years")
    aligned = on_partition(
        tuple(regions.iloc[np.flatnonzero(region_years == year)].droplevel(1) for year in years),
        tuple(
            reference.iloc[reference_years.index(year)].rename(reference_code)
            if year in reference_years
            else pd.Series(np.nan, index=reference.columns, dtype=float, name=reference_code)
            for year in years
        ),
        what=(*(f"regions {year}" for year in years), *(f"reference {year}" for year in years)),
    )
    sums: dict[str, list[FloatArray]] = {column: [] for column in DUNN_COLUMNS}
    excluded: list[Exclusion] = list(aligned.dropped)
    for step in range(1, len(years)):
        parts = dunn_components(
            aligned.regions[step - 1], aligned.regions[step], aligned.references[step - 1], aligned.references[step]
        )
        for name, column in parts.sums().items():
            sums[name].append(column)
        excluded += parts.exclusions(aligned, year=years[step])
    return _Steps(
        region_codes=aligned.region_codes,
        years=years,
        sums={name: np.vstack(columns) for name, columns in sums.items()},
        excluded=sorted_exclusions(excluded),
    )
