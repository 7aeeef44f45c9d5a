"""Data for the portfolio matrix: location quotient × growth relative to the reference, bubble = size."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._alignment import on_partition, one_row
from standortkompass.analysis._arithmetic import divide
from standortkompass.analysis._validation import label_of
from standortkompass.analysis.location_quotients import location_quotients
from standortkompass.analysis.missing import Exclusion, Reason, sorted_exclusions

LOCATION_QUOTIENT = "location_quotient"
REGION_GROWTH = "region_growth"
REFERENCE_GROWTH = "reference_growth"
RELATIVE_GROWTH = "relative_growth"
EMPLOYMENT = "employment"
PORTFOLIO_COLUMNS = (LOCATION_QUOTIENT, REGION_GROWTH, REFERENCE_GROWTH, RELATIVE_GROWTH, EMPLOYMENT)


@dataclass(frozen=True, slots=True, eq=False)
class Portfolio:
    """One row per sector of the non-overlapping partition.

    Columns: ``location_quotient`` (end of the period), ``region_growth`` and
    ``reference_growth`` (fractions), ``relative_growth`` (their difference) and
    ``employment`` (the region's value at the end, the bubble size).
    """

    table: pd.DataFrame
    excluded: tuple[Exclusion, ...]


def portfolio_matrix(
    region_start: pd.Series[float],
    region_end: pd.Series[float],
    reference_start: pd.Series[float],
    reference_end: pd.Series[float],
) -> Portfolio:
    r"""The portfolio matrix of a region's sectors.

    For each sector :math:`i` of the listed non-overlapping partition:

    .. math::

        x_i = LQ_{i,1} = \frac{e_{i1}/e_1}{E_{i1}/E_1}, \qquad
        y_i = g_i - G_i = \left(\frac{e_{i1}}{e_{i0}} - 1\right) - \left(\frac{E_{i1}}{E_{i0}} - 1\right),
        \qquad \text{size}_i = e_{i1}

    The location quotient follows the totals convention (official total when given).
    Sectors right of :math:`x = 1` are specialisations, those above :math:`y = 0` grow
    faster than in the reference. The difference of growth rates (rather than their ratio)
    keeps the axis meaningful when the reference shrinks.

    References
    ----------
    Farhauer, O. & Kröll, A. (2013). *Standorttheorien: Regional- und Stadtökonomik in
    Theorie und Praxis*. Springer Gabler, Wiesbaden (location quotient). The portfolio
    presentation follows the growth-share matrix of Henderson, B. D. (1970). *The Product
    Portfolio*. Boston Consulting Group, as used in regional economic structure reports.
    """
    code = label_of(region_start, "region")
    end_quotients = location_quotients(region_end.rename(code), reference_end)
    aligned = on_partition(
        (one_row(region_start, what="region_start"), one_row(region_end.rename(code), what="region_end")),
        (reference_start, reference_end.rename(label_of(reference_start, "reference"))),
        what=("region_start", "region_end", "reference_start", "reference_end"),
    )
    start, end = aligned.regions[0][0], aligned.regions[1][0]
    reference_first, reference_last = aligned.references
    region_growth = divide(end, start) - 1.0
    reference_growth = divide(reference_last, reference_first) - 1.0
    index = pd.Index(aligned.sectors)
    table = pd.DataFrame(
        {
            LOCATION_QUOTIENT: end_quotients.values.reindex(index).to_numpy(dtype=float),
            REGION_GROWTH: region_growth,
            REFERENCE_GROWTH: reference_growth,
            RELATIVE_GROWTH: region_growth - reference_growth,
            EMPLOYMENT: end,
        },
        index=index,
    )
    excluded = [*aligned.dropped, *(item for item in end_quotients.excluded if item.sector in index)]
    excluded += [
        Exclusion(Reason.MISSING, region=code, sector=aligned.sectors[i]) for i in np.flatnonzero(np.isnan(start))
    ]
    excluded += [
        Exclusion(Reason.ZERO_AT_START, region=code, sector=aligned.sectors[i]) for i in np.flatnonzero(start == 0)
    ]
    excluded += [
        Exclusion(Reason.MISSING_IN_REFERENCE, region=aligned.reference_code, sector=aligned.sectors[i])
        for i in np.flatnonzero(np.isnan(reference_first))
    ]
    excluded += [
        Exclusion(Reason.ZERO_AT_START, region=aligned.reference_code, sector=aligned.sectors[i])
        for i in np.flatnonzero(reference_first == 0)
    ]
    return Portfolio(table=table, excluded=sorted_exclusions(excluded))
