r"""Shift-share analysis: classic (Dunn), Esteban-Marquillas, Gerfin's index method, dynamic.

Notation for a region :math:`r` and its reference region (nation, Land) over a period
from :math:`t=0` to :math:`t=1`, sector by sector :math:`i`:

* :math:`e_{i0}, e_{i1}` – the region's values (employment) in sector :math:`i`;
* :math:`E_{i0}, E_{i1}` – the reference's values;
* :math:`g_i = e_{i1}/e_{i0} - 1`, :math:`G_i = E_{i1}/E_{i0} - 1` – sector growth rates;
* :math:`G = \sum_i E_{i1} / \sum_i E_{i0} - 1` – the reference's overall growth.

All sums run over the listed, non-overlapping sectors (totals convention,
:mod:`standortkompass.analysis.totals`). A sector enters a region's sums only where all
four values are present and :math:`E_{i0} > 0`; everything left out is reported.
:math:`G` is taken over the reference's sectors with both values present.

Inputs: for the static forms, four Series by sector code (``name`` = region code) or, for
the ``*_by_region`` variants, two DataFrames with one row per region and one column per
sector plus the two reference Series. For the dynamic form, panels with one row per year
and one column per sector; for many regions, one DataFrame with a (region, year) row index.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._alignment import OnPartition, on_partition, one_row
from standortkompass.analysis._arithmetic import BoolArray, FloatArray, divide, ratio
from standortkompass.analysis._validation import codes, label_of, year_labels, year_of
from standortkompass.analysis.missing import Exclusion, Reason, sorted_exclusions
from standortkompass.analysis.results import RegionTable

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


@dataclass(frozen=True, slots=True, eq=False)
class DunnShiftShare:
    """Classic shift-share decomposition of one region's change.

    ``actual_change = national + industry_mix + regional``;
    ``net_total_shift = industry_mix + regional``. ``sectors`` has the per-sector
    components (columns ``actual_change``, ``national``, ``industry_mix``, ``regional``).
    """

    actual_change: float
    national: float
    industry_mix: float
    regional: float
    net_total_shift: float
    reference_growth: float
    sectors: pd.DataFrame
    excluded: tuple[Exclusion, ...]


@dataclass(frozen=True, slots=True, eq=False)
class EstebanMarquillasShiftShare:
    """Esteban-Marquillas decomposition: the regional share split into competitive and allocation effect.

    ``actual_change = national + industry_mix + competitive + allocation`` over the sectors
    with a positive start value in the region. ``sectors`` has per sector the homothetic
    value, the specialisation :math:`e_{i0} - \\hat e_{i0}`, the competitive advantage
    :math:`g_i - G_i` and both effects.
    """

    actual_change: float
    national: float
    industry_mix: float
    competitive: float
    allocation: float
    sectors: pd.DataFrame
    excluded: tuple[Exclusion, ...]


@dataclass(frozen=True, slots=True, eq=False)
class GerfinShiftShare:
    """Gerfin's index method: ``regional_factor = structural_factor × locational_factor``."""

    regional_factor: float
    structural_factor: float
    locational_factor: float
    excluded: tuple[Exclusion, ...]


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


def dunn_shift_share(
    region_start: pd.Series[float],
    region_end: pd.Series[float],
    reference_start: pd.Series[float],
    reference_end: pd.Series[float],
) -> DunnShiftShare:
    r"""Classic shift-share decomposition of a region's change (Dunn).

    .. math::

        \Delta e = \sum_i (e_{i1} - e_{i0})
                 = \underbrace{\sum_i e_{i0} G}_{\text{national share}}
                 + \underbrace{\sum_i e_{i0} (G_i - G)}_{\text{industry mix}}
                 + \underbrace{\sum_i e_{i0} (g_i - G_i)}_{\text{regional share}}

    The net total shift is industry mix + regional share, i.e. the change beyond what the
    reference's overall growth would have brought. The regional share of a sector is
    computed as :math:`(e_{i1} - e_{i0}) - e_{i0} G_i`, so a sector that starts at 0 in
    the region needs no growth rate.

    Parameters
    ----------
    region_start, region_end, reference_start, reference_end
        Values by sector code at the start and end of the period; ``name`` = region code.

    References
    ----------
    Dunn, E. S. (1960). A statistical and analytical technique for regional analysis.
    *Papers and Proceedings of the Regional Science Association* 6, 97–112.
    Stilwell, F. J. B. (1969). Regional growth and structural adaptation. *Urban Studies*
    6(2), 162–178.
    """
    aligned = _align_period(region_start, region_end, reference_start, reference_end)
    parts = _dunn(aligned.regions[0], aligned.regions[1], aligned.references[0], aligned.references[1])
    sums = parts.sums()
    return DunnShiftShare(
        actual_change=float(sums[ACTUAL_CHANGE][0]),
        national=float(sums[NATIONAL][0]),
        industry_mix=float(sums[INDUSTRY_MIX][0]),
        regional=float(sums[REGIONAL][0]),
        net_total_shift=float(sums[NET_TOTAL_SHIFT][0]),
        reference_growth=parts.reference_growth,
        sectors=parts.sector_frame(0, aligned.sectors),
        excluded=sorted_exclusions([*aligned.dropped, *parts.exclusions(aligned)]),
    )


def dunn_by_region(
    regions_start: pd.DataFrame,
    regions_end: pd.DataFrame,
    reference_start: pd.Series[float],
    reference_end: pd.Series[float],
) -> RegionTable:
    """Classic shift-share for many regions (rows) at once; see :func:`dunn_shift_share`.

    Returns a table with the columns ``actual_change``, ``national``, ``industry_mix``,
    ``regional`` and ``net_total_shift``, one row per region.
    """
    aligned = _align_matrices(regions_start, regions_end, reference_start, reference_end)
    parts = _dunn(aligned.regions[0], aligned.regions[1], aligned.references[0], aligned.references[1])
    frame = pd.DataFrame(parts.sums(), index=pd.Index(aligned.region_codes))
    return RegionTable(values=frame, excluded=sorted_exclusions([*aligned.dropped, *parts.exclusions(aligned)]))


def esteban_marquillas_shift_share(
    region_start: pd.Series[float],
    region_end: pd.Series[float],
    reference_start: pd.Series[float],
    reference_end: pd.Series[float],
) -> EstebanMarquillasShiftShare:
    r"""Esteban-Marquillas decomposition of the regional share.

    The homothetic value is what the region would have in sector :math:`i` if its
    structure equalled the reference's: :math:`\hat e_{i0} = e_0 \, E_{i0} / E_0`
    (totals over the sectors used). The regional share splits into

    .. math::

        CE = \sum_i \hat e_{i0} (g_i - G_i), \qquad
        AE = \sum_i (e_{i0} - \hat e_{i0})(g_i - G_i)

    the competitive effect (growth advantage free of structure) and the allocation effect
    (positive if the region is specialised in the sectors where it has a growth
    advantage). National share and industry mix are as in :func:`dunn_shift_share`;
    :math:`\Delta e = NS + IM + CE + AE`. Sectors with :math:`e_{i0} = 0` have no growth
    rate and are left out (reported), so the sums run over the others.

    References
    ----------
    Esteban-Marquillas, J. M. (1972). A reinterpretation of shift-share analysis.
    *Regional and Urban Economics* 2(3), 249–255.
    """
    aligned = _align_period(region_start, region_end, reference_start, reference_end)
    parts = _esteban_marquillas(aligned)
    sums = parts.sums()
    return EstebanMarquillasShiftShare(
        actual_change=float(sums[ACTUAL_CHANGE][0]),
        national=float(sums[NATIONAL][0]),
        industry_mix=float(sums[INDUSTRY_MIX][0]),
        competitive=float(sums[COMPETITIVE][0]),
        allocation=float(sums[ALLOCATION][0]),
        sectors=parts.sector_frame(0, aligned.sectors),
        excluded=sorted_exclusions([*aligned.dropped, *parts.excluded]),
    )


def esteban_marquillas_by_region(
    regions_start: pd.DataFrame,
    regions_end: pd.DataFrame,
    reference_start: pd.Series[float],
    reference_end: pd.Series[float],
) -> RegionTable:
    """Esteban-Marquillas for many regions at once; columns ``actual_change``, ``national``,
    ``industry_mix``, ``competitive``, ``allocation``. See :func:`esteban_marquillas_shift_share`."""
    aligned = _align_matrices(regions_start, regions_end, reference_start, reference_end)
    parts = _esteban_marquillas(aligned)
    frame = pd.DataFrame(parts.sums(), index=pd.Index(aligned.region_codes))
    return RegionTable(values=frame, excluded=sorted_exclusions([*aligned.dropped, *parts.excluded]))


def gerfin_shift_share(
    region_start: pd.Series[float],
    region_end: pd.Series[float],
    reference_start: pd.Series[float],
    reference_end: pd.Series[float],
) -> GerfinShiftShare:
    r"""Gerfin's index method (Regional-, Struktur- und Standortfaktor).

    .. math::

        R = \frac{e_1 / e_0}{E_1 / E_0}, \qquad
        S = \frac{\sum_i e_{i0} (E_{i1}/E_{i0}) \,/\, e_0}{E_1 / E_0}, \qquad
        St = \frac{e_1}{\sum_i e_{i0} (E_{i1}/E_{i0})}

    The regional factor :math:`R` compares the region's growth with the reference's; the
    structural factor :math:`S` is the growth the region would have had with the
    reference's sector growth rates, relative to the reference; the locational factor
    :math:`St` is the region's growth relative to that structural expectation. By
    construction :math:`R = S \cdot St`. Values above 1 favour the region.

    References
    ----------
    Gerfin, H. (1964). Gesamtwirtschaftliches Wachstum und regionale Entwicklung.
    *Kyklos* 17(4), 565–593.
    Farhauer, O. & Kröll, A. (2013). *Standorttheorien: Regional- und Stadtökonomik in
    Theorie und Praxis*. Springer Gabler, Wiesbaden.
    """
    aligned = _align_period(region_start, region_end, reference_start, reference_end)
    parts = _dunn(aligned.regions[0], aligned.regions[1], aligned.references[0], aligned.references[1])
    factors = parts.gerfin()
    return GerfinShiftShare(
        regional_factor=float(factors[REGIONAL_FACTOR][0]),
        structural_factor=float(factors[STRUCTURAL_FACTOR][0]),
        locational_factor=float(factors[LOCATIONAL_FACTOR][0]),
        excluded=sorted_exclusions([*aligned.dropped, *parts.exclusions(aligned), *parts.gerfin_exclusions(aligned)]),
    )


def gerfin_by_region(
    regions_start: pd.DataFrame,
    regions_end: pd.DataFrame,
    reference_start: pd.Series[float],
    reference_end: pd.Series[float],
) -> RegionTable:
    """Gerfin's factors for many regions at once; columns ``regional_factor``,
    ``structural_factor``, ``locational_factor``. See :func:`gerfin_shift_share`."""
    aligned = _align_matrices(regions_start, regions_end, reference_start, reference_end)
    parts = _dunn(aligned.regions[0], aligned.regions[1], aligned.references[0], aligned.references[1])
    frame = pd.DataFrame(parts.gerfin(), index=pd.Index(aligned.region_codes))
    excluded = [*aligned.dropped, *parts.exclusions(aligned), *parts.gerfin_exclusions(aligned)]
    return RegionTable(values=frame, excluded=sorted_exclusions(excluded))


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
class _DunnParts:
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


def _dunn(start: FloatArray, end: FloatArray, reference_start: FloatArray, reference_end: FloatArray) -> _DunnParts:
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
    return _DunnParts(
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


@dataclass(frozen=True, slots=True)
class _EstebanMarquillasParts:
    included: BoolArray
    homothetic: FloatArray
    advantage: FloatArray
    start: FloatArray
    actual: FloatArray
    national: FloatArray
    industry_mix: FloatArray
    competitive: FloatArray
    allocation: FloatArray
    excluded: list[Exclusion]

    def sums(self) -> dict[str, FloatArray]:
        used = self.included.any(axis=1)

        def total(values: FloatArray) -> FloatArray:
            return np.where(used, values.sum(axis=1), np.nan)

        return {
            ACTUAL_CHANGE: total(self.actual),
            NATIONAL: total(self.national),
            INDUSTRY_MIX: total(self.industry_mix),
            COMPETITIVE: total(self.competitive),
            ALLOCATION: total(self.allocation),
        }

    def sector_frame(self, row: int, sectors: tuple[str, ...]) -> pd.DataFrame:
        frame = pd.DataFrame(
            {
                "homothetic": self.homothetic[row],
                "specialisation": self.start[row] - self.homothetic[row],
                "advantage": self.advantage[row],
                COMPETITIVE: self.competitive[row],
                ALLOCATION: self.allocation[row],
            },
            index=pd.Index(sectors),
        )
        return frame.iloc[np.flatnonzero(self.included[row])]


def _esteban_marquillas(aligned: OnPartition) -> _EstebanMarquillasParts:
    start, end = aligned.regions
    reference_start = aligned.references[0]
    dunn = _dunn(start, end, *aligned.references)
    included = dunn.included & (start > 0)
    first = np.where(included, start, 0.0)
    reference_first = np.where(included, reference_start[np.newaxis, :], 0.0)
    homothetic = divide(first.sum(axis=1)[:, np.newaxis] * reference_first, reference_first.sum(axis=1)[:, np.newaxis])
    homothetic = np.where(included, homothetic, 0.0)
    region_growth = divide(np.where(included, end, 0.0), np.where(included, start, 0.0)) - 1.0
    advantage = np.where(included, region_growth - np.nan_to_num(dunn.sector_growth)[np.newaxis, :], 0.0)
    excluded = dunn.exclusions(aligned)
    excluded += [
        Exclusion(Reason.ZERO_AT_START, region=aligned.region_codes[row], sector=aligned.sectors[column])
        for row, column in zip(*np.nonzero(dunn.included & (start == 0)), strict=True)
    ]
    return _EstebanMarquillasParts(
        included=included,
        homothetic=homothetic,
        advantage=advantage,
        start=first,
        actual=np.where(included, dunn.actual, 0.0),
        national=np.where(included, dunn.national, 0.0),
        industry_mix=np.where(included, dunn.industry_mix, 0.0),
        competitive=homothetic * advantage,
        allocation=(first - homothetic) * advantage,
        excluded=excluded,
    )


def _align_period(
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
    return _align_matrices(start, end, reference_start, reference_end)


def _align_matrices(
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
        parts = _dunn(
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
