"""Esteban-Marquillas shift-share: the regional share split into competitive and allocation effect."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._alignment import OnPartition
from standortkompass.analysis._arithmetic import BoolArray, FloatArray, divide
from standortkompass.analysis.missing import Exclusion, Reason, sorted_exclusions
from standortkompass.analysis.results import RegionTable
from standortkompass.analysis.shift_share._components import (
    ACTUAL_CHANGE,
    ALLOCATION,
    COMPETITIVE,
    INDUSTRY_MIX,
    NATIONAL,
    align_matrices,
    align_period,
    dunn_components,
)


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
    aligned = align_period(region_start, region_end, reference_start, reference_end)
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
    aligned = align_matrices(regions_start, regions_end, reference_start, reference_end)
    parts = _esteban_marquillas(aligned)
    frame = pd.DataFrame(parts.sums(), index=pd.Index(aligned.region_codes))
    return RegionTable(values=frame, excluded=sorted_exclusions([*aligned.dropped, *parts.excluded]))


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
    dunn = dunn_components(start, end, *aligned.references)
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
