"""The totals convention.

* **Location quotients and shares** divide by the region's *official total* (sector code
  ``TOTAL``) when the data has one with a value. The official total of the employment
  statistics also counts persons without a sector ("ohne Angabe"), so it is the right
  denominator for "share of all employees". Without an official total the denominator is
  the sum over a non-overlapping partition of the listed sectors, and every missing part
  is reported (:attr:`~standortkompass.analysis.missing.Reason.NOT_IN_TOTAL`).
* **Shift-share, specialisation and concentration indices, the portfolio matrix and
  economic complexity** are computed over the listed, non-overlapping sectors only (the
  partition chosen by :func:`~standortkompass.analysis.sectors.select_partition`); the
  official total and the overlapping aggregates are left out and reported. Their
  components must add up over the sectors they are computed on, which a total that
  includes unassigned persons would break.
* An overlapping aggregate (``B-F`` next to ``B-E`` and ``F``; ``G-U`` next to the service
  groups) is never summed together with its parts.
"""

from __future__ import annotations

import numpy as np

from standortkompass.analysis._arithmetic import BoolArray, FloatArray
from standortkompass.analysis.missing import Exclusion, Reason
from standortkompass.analysis.sectors import TOTAL, select_partition


def row_totals(
    sectors: tuple[str, ...], values: FloatArray, regions: tuple[str, ...]
) -> tuple[FloatArray, BoolArray, list[Exclusion]]:
    """The denominator of each row of a region × sector array, by the convention above.

    Returns the totals, whether each is the official one, and the exclusions (missing
    official totals; parts missing from a computed sum). A row whose parts are all
    missing gets NaN, never 0.
    """
    excluded: list[Exclusion] = []
    partition = select_partition(sectors).sectors
    parts = values[:, [sectors.index(code) for code in partition]]
    present = ~np.isnan(parts)
    summed = np.where(present.any(axis=1), np.where(present, parts, 0.0).sum(axis=1), np.nan)
    if TOTAL in sectors:
        official_values = values[:, sectors.index(TOTAL)]
        official = ~np.isnan(official_values)
    else:
        official_values = np.full(len(regions), np.nan)
        official = np.zeros(len(regions), dtype=bool)
    totals = np.where(official, official_values, summed)
    for row in np.flatnonzero(~official):
        if TOTAL in sectors:
            excluded.append(Exclusion(Reason.OFFICIAL_TOTAL_MISSING, region=regions[row], sector=TOTAL))
        excluded.extend(
            Exclusion(Reason.NOT_IN_TOTAL, region=regions[row], sector=partition[column])
            for column in np.flatnonzero(~present[row])
        )
    return totals, official, excluded
