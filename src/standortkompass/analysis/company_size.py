"""Company (establishment) size structure."""

from __future__ import annotations

import numpy as np
import pandas as pd

from standortkompass.analysis._arithmetic import divide
from standortkompass.analysis._validation import matrix
from standortkompass.analysis.missing import Exclusion, Reason, sorted_exclusions
from standortkompass.analysis.results import RegionTable
from standortkompass.analysis.sectors import TOTAL


def size_structure(counts: pd.DataFrame) -> RegionTable:
    r"""Share of each size class in the number of establishments (or companies), by region.

    .. math:: s_{rk} = n_{rk} / n_r

    :math:`n_{rk}` is the number of units of size class :math:`k` (e.g. 0–9, 10–49, 50–249,
    250+ employees) in region :math:`r`; :math:`n_r` is the official total (column
    ``TOTAL``) where it has a value, else the sum of the classes, missing classes left out
    and reported.

    Parameters
    ----------
    counts
        One row per region, one column per size class, optionally a ``TOTAL`` column.

    References
    ----------
    European Commission (2003). Recommendation 2003/361/EC concerning the definition of
    micro, small and medium-sized enterprises. *Official Journal* L 124, 36–41.
    Statistisches Bundesamt: Unternehmensregister, Niederlassungen nach
    Beschäftigtengrößenklassen (table 52111-01-02-4).
    """
    regions, columns, values = matrix(counts, what="counts")
    classes = [index for index, column in enumerate(columns) if column != TOTAL]
    part = values[:, classes]
    present = ~np.isnan(part)
    summed = np.where(present.any(axis=1), np.where(present, part, 0.0).sum(axis=1), np.nan)
    excluded: list[Exclusion] = []
    if TOTAL in columns:
        official = values[:, columns.index(TOTAL)]
        total = np.where(np.isnan(official), summed, official)
        excluded += [
            Exclusion(Reason.OFFICIAL_TOTAL_MISSING, region=regions[row], sector=TOTAL)
            for row in np.flatnonzero(np.isnan(official))
        ]
    else:
        total = summed
    excluded += [
        Exclusion(Reason.MISSING, region=regions[row], sector=columns[classes[column]])
        for row, column in zip(*np.nonzero(~present), strict=True)
    ]
    excluded += [Exclusion(Reason.ZERO_DENOMINATOR, region=regions[row]) for row in np.flatnonzero(total == 0)]
    frame = pd.DataFrame(
        divide(part, total[:, np.newaxis]), index=pd.Index(regions), columns=pd.Index([columns[i] for i in classes])
    )
    return RegionTable(values=frame.sort_index(), excluded=sorted_exclusions(excluded))
