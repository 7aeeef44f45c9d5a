"""Classic shift-share (Dunn) and Gerfin's index method, for one region and for many at once."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from standortkompass.analysis.missing import Exclusion, sorted_exclusions
from standortkompass.analysis.results import RegionTable
from standortkompass.analysis.shift_share._components import (
    ACTUAL_CHANGE,
    INDUSTRY_MIX,
    LOCATIONAL_FACTOR,
    NATIONAL,
    NET_TOTAL_SHIFT,
    REGIONAL,
    REGIONAL_FACTOR,
    STRUCTURAL_FACTOR,
    align_matrices,
    align_period,
    dunn_components,
)


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
class GerfinShiftShare:
    """Gerfin's index method: ``regional_factor = structural_factor × locational_factor``."""

    regional_factor: float
    structural_factor: float
    locational_factor: float
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
    aligned = align_period(region_start, region_end, reference_start, reference_end)
    parts = dunn_components(aligned.regions[0], aligned.regions[1], aligned.references[0], aligned.references[1])
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
    aligned = align_matrices(regions_start, regions_end, reference_start, reference_end)
    parts = dunn_components(aligned.regions[0], aligned.regions[1], aligned.references[0], aligned.references[1])
    frame = pd.DataFrame(parts.sums(), index=pd.Index(aligned.region_codes))
    return RegionTable(values=frame, excluded=sorted_exclusions([*aligned.dropped, *parts.exclusions(aligned)]))


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
    aligned = align_period(region_start, region_end, reference_start, reference_end)
    parts = dunn_components(aligned.regions[0], aligned.regions[1], aligned.references[0], aligned.references[1])
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
    aligned = align_matrices(regions_start, regions_end, reference_start, reference_end)
    parts = dunn_components(aligned.regions[0], aligned.regions[1], aligned.references[0], aligned.references[1])
    frame = pd.DataFrame(parts.gerfin(), index=pd.Index(aligned.region_codes))
    excluded = [*aligned.dropped, *parts.exclusions(aligned), *parts.gerfin_exclusions(aligned)]
    return RegionTable(values=frame, excluded=sorted_exclusions(excluded))
