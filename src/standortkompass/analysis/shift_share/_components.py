"""The classic per-sector shift-share components (regions × sectors) and the alignment of the inputs.

Shared by the classic, Esteban-Marquillas, Gerfin and dynamic forms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._alignment import OnPartition, on_partition, one_row
from standortkompass.analysis._arithmetic import BoolArray, FloatArray, divide, ratio
from standortkompass.analysis._validation import label_of
from standortkompass.analysis.missing import Exclusion, Reason

ACTUAL_CHANGE = "actual_change"
NATIONAL = "national"
INDUSTRY_MIX = "industry_mix"
REGIONAL = "regional"
NET_TOTAL_SHIFT = "net_total_shift"
COMPETITIVE = "competitive"
ALLOCATION = "allocation"
REGIONAL_FACTOR = "regional_factor"
STRUCTURAL_FACTOR = "structural_factor"
LOCATIONAL_FACTOR = "locational_factor"
DUNN_COLUMNS = (ACTUAL_CHANGE, NATIONAL, INDUSTRY_MIX, REGIONAL, NET_TOTAL_SHIFT)


@dataclass(frozen=True, slots=True)
class DunnComponents:
    """Per-sector components (regions × sectors, 0 where a sector is not used) and masks."""

    start: FloatArray
    end: FloatArray
    sector_growth: FloatArray
    reference_growth: float
    included: BoolArray
    region_missing: BoolArray
    reference_missing: BoolArray
    reference_zero: BoolArray
    actual: FloatArray
    national: FloatArray
    industry_mix: FloatArray
    regional: FloatArray

    def sums(self) -> dict[str, FloatArray]:
        used = self.included.any(axis=1)
        actual = np.where(used, self.actual.sum(axis=1), np.nan)
        national = np.where(used, self.national.sum(axis=1), np.nan)
        mix = np.where(used, self.industry_mix.sum(axis=1), np.nan)
        regional = np.where(used, self.regional.sum(axis=1), np.nan)
        return {
            ACTUAL_CHANGE: actual,
            NATIONAL: national,
            INDUSTRY_MIX: mix,
            REGIONAL: regional,
            NET_TOTAL_SHIFT: mix + regional,
        }

    def gerfin_sums(self) -> tuple[FloatArray, FloatArray, FloatArray]:
        """The region's start and end sums and the expected end sum at the reference's sector growth rates."""
        start = np.where(self.included, self.start, 0.0).sum(axis=1)
        end = np.where(self.included, self.end, 0.0).sum(axis=1)
        expected = np.where(self.included, self.start * (1.0 + np.nan_to_num(self.sector_growth)), 0.0).sum(axis=1)
        return start, end, expected

    def gerfin_exclusions(self, aligned: OnPartition) -> list[Exclusion]:
        """Why a Gerfin factor is undefined: the reference shrank to 0, or the region's sums are 0."""
        start, _, expected = self.gerfin_sums()
        used = self.included.any(axis=1)
        excluded: list[Exclusion] = []
        if self.reference_growth == -1.0:
            excluded.append(Exclusion(Reason.ZERO_DENOMINATOR, region=aligned.reference_code))
        excluded += [
            Exclusion(Reason.ZERO_AT_START, region=aligned.region_codes[row])
            for row in np.flatnonzero(used & (start == 0))
        ]
        excluded += [
            Exclusion(Reason.ZERO_DENOMINATOR, region=aligned.region_codes[row])
            for row in np.flatnonzero(used & (start > 0) & (expected == 0))
        ]
        return excluded

    def gerfin(self) -> dict[str, FloatArray]:
        start, end, expected = self.gerfin_sums()
        used = self.included.any(axis=1)
        reference_factor = 1.0 + self.reference_growth
        regional = np.where(used, divide(divide(end, start), reference_factor), np.nan)
        structural = np.where(used, divide(divide(expected, start), reference_factor), np.nan)
        locational = np.where(used, divide(end, expected), np.nan)
        return {REGIONAL_FACTOR: regional, STRUCTURAL_FACTOR: structural, LOCATIONAL_FACTOR: locational}

    def sector_frame(self, row: int, sectors: tuple[str, ...]) -> pd.DataFrame:
        columns = {
            ACTUAL_CHANGE: self.actual[row],
            NATIONAL: self.national[row],
            INDUSTRY_MIX: self.industry_mix[row],
            REGIONAL: self.regional[row],
        }
        return pd.DataFrame(columns, index=pd.Index(sectors)).iloc[np.flatnonzero(self.included[row])]

    def exclusions(self, aligned: OnPartition, year: int | None = None) -> list[Exclusion]:
        regions, sectors, reference = aligned.region_codes, aligned.sectors, aligned.reference_code
        excluded = [
            Exclusion(Reason.MISSING, region=regions[row], sector=sectors[column], year=year)
            for row, column in zip(*np.nonzero(self.region_missing), strict=True)
        ]
        excluded += [
            Exclusion(Reason.MISSING_IN_REFERENCE, region=reference, sector=sectors[column], year=year)
            for column in np.flatnonzero(self.reference_missing)
        ]
        excluded += [
            Exclusion(Reason.ZERO_AT_START, region=reference, sector=sectors[column], year=year)
            for column in np.flatnonzero(self.reference_zero)
        ]
        return excluded


def dunn_components(
    start: FloatArray, end: FloatArray, reference_start: FloatArray, reference_end: FloatArray
) -> DunnComponents:
    reference_present = ~np.isnan(reference_start) & ~np.isnan(reference_end)
    reference_growth = (
        ratio(float(reference_end[reference_present].sum()), float(reference_start[reference_present].sum())) - 1.0
        if reference_present.any()
        else math.nan
    )
    reference_usable = reference_present & (reference_start > 0)
    sector_growth = divide(reference_end, reference_start) - 1.0
    region_present = ~np.isnan(start) & ~np.isnan(end)
    included = region_present & reference_usable[np.newaxis, :]
    first = np.where(included, start, 0.0)
    last = np.where(included, end, 0.0)
    growth = np.where(reference_usable, sector_growth, 0.0)[np.newaxis, :]
    actual = last - first
    return DunnComponents(
        start=start,
        end=end,
        sector_growth=sector_growth,
        reference_growth=reference_growth,
        included=included,
        region_missing=~region_present & reference_usable[np.newaxis, :],
        reference_missing=~reference_present,
        reference_zero=reference_present & (reference_start == 0),
        actual=actual,
        national=first * reference_growth,
        industry_mix=first * (growth - reference_growth),
        regional=actual - first * growth,
    )


def align_period(
    region_start: pd.Series[float],
    region_end: pd.Series[float],
    reference_start: pd.Series[float],
    reference_end: pd.Series[float],
) -> OnPartition:
    code = label_of(region_start, "region")
    if label_of(region_end, code) != code:
        raise ValueError(f"region_start is {code} but region_end is {region_end.name}")
    start = one_row(region_start, what="region_start")
    end = one_row(region_end.rename(code), what="region_end")
    return align_matrices(start, end, reference_start, reference_end)


def align_matrices(
    regions_start: pd.DataFrame,
    regions_end: pd.DataFrame,
    reference_start: pd.Series[float],
    reference_end: pd.Series[float],
) -> OnPartition:
    return on_partition(
        (regions_start, regions_end),
        (reference_start, reference_end.rename(label_of(reference_start, "reference"))),
        what=("regions_start", "regions_end", "reference_start", "reference_end"),
    )
