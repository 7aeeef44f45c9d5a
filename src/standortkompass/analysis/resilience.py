r"""Resilience to a downturn: sensitivity and resistance.

For a downturn from year :math:`t_0` (peak) to :math:`t_1` (trough), with the region's
values :math:`E_{r,t}` and the reference's :math:`E_{N,t}` (employment, GDP):

.. math::

    \Delta E_r = E_{r,t_1} - E_{r,t_0}, \qquad
    \Delta E_r^{\mathrm{exp}} = E_{r,t_0} \cdot \frac{E_{N,t_1} - E_{N,t_0}}{E_{N,t_0}}

* **Sensitivity index** (Martin 2012):
  :math:`\beta_r = \dfrac{\Delta E_r / E_{r,t_0}}{\Delta E_N / E_{N,t_0}}` — above 1 the
  region fell more, in relative terms, than the reference.
* **Resistance** (Martin, Sunley, Gardiner & Tyler 2016):
  :math:`\mathrm{Resis}_r = \dfrac{\Delta E_r - \Delta E_r^{\mathrm{exp}}}{|\Delta E_r^{\mathrm{exp}}|}`
  — positive if the region lost less than it would have at the reference's rate.

The same formula over a recovery period (trough to later year) gives the recovery measure
of Martin et al. (2016). Both are defined only when the reference changed; whether it
actually declined is reported in the result.

References
----------
Martin, R. (2012). Regional economic resilience, hysteresis and recessionary shocks.
*Journal of Economic Geography* 12(1), 1–32.
Martin, R., Sunley, P., Gardiner, B. & Tyler, P. (2016). How regions react to recessions:
resilience and the role of economic structure. *Regional Studies* 50(4), 561–585.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._arithmetic import divide, ratio
from standortkompass.analysis._validation import codes, float_array, label_of, year_labels
from standortkompass.analysis.missing import Exclusion, Reason, sorted_exclusions
from standortkompass.analysis.results import RegionTable

REGION_CHANGE = "region_change"
REFERENCE_CHANGE = "reference_change"
ACTUAL_CHANGE = "actual_change"
EXPECTED_CHANGE = "expected_change"
SENSITIVITY = "sensitivity"
RESISTANCE = "resistance"


@dataclass(frozen=True, slots=True, eq=False)
class Resilience:
    """Sensitivity and resistance of one region for a downturn period (see the module docstring).

    ``region_change`` and ``reference_change`` are relative changes (fractions);
    ``actual_change`` and ``expected_change`` absolute ones.
    """

    start: int
    end: int
    region_change: float
    reference_change: float
    actual_change: float
    expected_change: float
    sensitivity: float
    resistance: float
    reference_declined: bool
    excluded: tuple[Exclusion, ...]


def resilience(region: pd.Series[float], reference: pd.Series[float], *, start: int, end: int) -> Resilience:
    """Sensitivity index and resistance of a region for the downturn from ``start`` to ``end``.

    Parameters
    ----------
    region, reference
        Values by year; ``name`` = region code.
    start, end
        Peak and trough year of the downturn.
    """
    code = label_of(region, "region")
    frame = pd.DataFrame([float_array(region, what="region", non_negative=True)], index=pd.Index([code]))
    frame.columns = pd.Index(year_labels(region.index, what="region"))
    table = resilience_by_region(frame, reference, start=start, end=end)
    row = table.values.iloc[0]
    reference_change = float(row[REFERENCE_CHANGE])
    return Resilience(
        start=start,
        end=end,
        region_change=float(row[REGION_CHANGE]),
        reference_change=reference_change,
        actual_change=float(row[ACTUAL_CHANGE]),
        expected_change=float(row[EXPECTED_CHANGE]),
        sensitivity=float(row[SENSITIVITY]),
        resistance=float(row[RESISTANCE]),
        reference_declined=reference_change < 0,
        excluded=table.excluded,
    )


def resilience_by_region(regions: pd.DataFrame, reference: pd.Series[float], *, start: int, end: int) -> RegionTable:
    """Sensitivity and resistance for many regions (rows; columns = years) at once.

    Columns: ``region_change``, ``reference_change``, ``actual_change``,
    ``expected_change``, ``sensitivity``, ``resistance``. See :func:`resilience`.

    Raises
    ------
    ValueError
        If ``start`` is not before ``end``, or a year is not in the data.
    """
    if start >= end:
        raise ValueError("the downturn must start before it ends")
    region_codes = codes(regions.index, what="regions")
    region_years = year_labels(regions.columns, what="regions")
    values = float_array(regions, what="regions", non_negative=True)
    reference_years = year_labels(reference.index, what="reference")
    reference_values = float_array(reference, what="reference", non_negative=True)
    for year in (start, end):
        if year not in region_years or year not in reference_years:
            raise ValueError(f"the year {year} is not in the data")
    reference_code = label_of(reference, "reference")
    first = values[:, region_years.index(start)]
    last = values[:, region_years.index(end)]
    reference_first = float(reference_values[reference_years.index(start)])
    reference_last = float(reference_values[reference_years.index(end)])

    reference_change = ratio(reference_last - reference_first, reference_first)
    region_change = divide(last - first, first)
    actual = last - first
    expected = first * reference_change
    sensitivity = divide(region_change, reference_change)
    resistance = divide(actual - expected, np.abs(expected))

    excluded: list[Exclusion] = []
    for row in range(len(region_codes)):
        for year, value in ((start, first[row]), (end, last[row])):
            if np.isnan(value):
                excluded.append(Exclusion(Reason.MISSING, region=region_codes[row], year=year))
        if first[row] == 0:
            excluded.append(Exclusion(Reason.ZERO_AT_START, region=region_codes[row], year=start))
    for year, value in ((start, reference_first), (end, reference_last)):
        if np.isnan(value):
            excluded.append(Exclusion(Reason.MISSING_IN_REFERENCE, region=reference_code, year=year))
    if reference_first == 0:
        excluded.append(Exclusion(Reason.ZERO_AT_START, region=reference_code, year=start))
    if reference_change == 0:
        excluded.append(Exclusion(Reason.ZERO_DENOMINATOR, region=reference_code, year=end))

    frame = pd.DataFrame(
        {
            REGION_CHANGE: region_change,
            REFERENCE_CHANGE: reference_change,
            ACTUAL_CHANGE: actual,
            EXPECTED_CHANGE: expected,
            SENSITIVITY: sensitivity,
            RESISTANCE: resistance,
        },
        index=pd.Index(region_codes),
    )
    return RegionTable(values=frame.sort_index(), excluded=sorted_exclusions(excluded))
