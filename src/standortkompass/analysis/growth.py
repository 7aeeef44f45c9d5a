"""Shares, growth rates, compound annual growth and index series.

All rates in this package are plain fractions (0.05 = 5 %); formatting as per cent is left
to the presentation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from standortkompass.analysis._arithmetic import divide
from standortkompass.analysis._validation import float_array, label_of, reindexed, vector, year_labels
from standortkompass.analysis.missing import Exclusion, Reason, sorted_exclusions
from standortkompass.analysis.sectors import TOTAL
from standortkompass.analysis.totals import row_totals


@dataclass(frozen=True, slots=True, eq=False)
class Shares:
    """Sector shares of one region.

    Attributes
    ----------
    values
        Share of each listed sector (aggregates too) in the total, by sector code.
    total
        The denominator.
    official_total
        ``True`` if the denominator is the official total, ``False`` if it is the sum of a
        non-overlapping partition of the listed sectors.
    excluded
        What was left out, and why.
    """

    values: pd.Series[float]
    total: float
    official_total: bool
    excluded: tuple[Exclusion, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Growth:
    """Change between two observations, element by element.

    Attributes
    ----------
    absolute
        ``end - start``.
    rate
        ``end / start - 1``; NaN where ``start`` is 0 or a value is missing.
    annual_rate
        Compound annual growth rate over ``years`` years, or ``None`` if no period was given.
    excluded
        What was left out, and why.
    """

    absolute: pd.Series[float]
    rate: pd.Series[float]
    annual_rate: pd.Series[float] | None
    excluded: tuple[Exclusion, ...]


def sector_shares(values: pd.Series[float]) -> Shares:
    r"""Share of each sector in the region's total.

    .. math:: s_i = e_i / e

    where :math:`e` is the official total (code ``TOTAL``) when the Series has one with a
    value, and otherwise the sum over a non-overlapping partition of the listed sectors
    (:func:`~standortkompass.analysis.sectors.select_partition`), missing values left out.
    This is the same totals convention as for location quotients.

    Parameters
    ----------
    values
        Values of one region by sector code; ``name`` is the region code.

    References
    ----------
    Isard, W. (1960). *Methods of Regional Analysis: An Introduction to Regional Science*.
    MIT Press.
    """
    region = label_of(values, "region")
    sectors, array = vector(values, what="values")
    total, official, excluded = row_totals(sectors, array[np.newaxis, :], (region,))
    shown = [index for index, code in enumerate(sectors) if code != TOTAL]
    shares = divide(array[shown], total[0])
    excluded += [Exclusion(Reason.MISSING, region=region, sector=sectors[i]) for i in shown if np.isnan(array[i])]
    if total[0] == 0:
        excluded.append(Exclusion(Reason.ZERO_DENOMINATOR, region=region, sector=TOTAL))
    result = pd.Series(shares, index=pd.Index([sectors[i] for i in shown]), name=values.name).sort_index()
    return Shares(
        values=result, total=float(total[0]), official_total=bool(official[0]), excluded=sorted_exclusions(excluded)
    )


def growth(
    start: pd.Series[float],
    end: pd.Series[float],
    *,
    years: int | None = None,
    by: Literal["sector", "region"] = "sector",
) -> Growth:
    r"""Absolute change, growth rate and (optionally) compound annual growth rate.

    .. math::

        \Delta x_i = x_{i,1} - x_{i,0}, \qquad
        g_i = \frac{x_{i,1}}{x_{i,0}} - 1, \qquad
        \mathrm{CAGR}_i = \left(\frac{x_{i,1}}{x_{i,0}}\right)^{1/T} - 1

    Works element by element on any index (sectors, regions). A label present in only one
    of the two Series counts as missing in the other. Values must not be negative (a growth
    rate of a quantity that changes sign, such as a commuter balance, means nothing).

    Parameters
    ----------
    start, end
        Values at the beginning and the end of the period.
    years
        The length :math:`T` of the period in years; ``None`` skips the annual rate.
    by
        What the index holds, for the exclusion records: sector codes (the Series' ``name``
        is then the region code) or region codes.

    References
    ----------
    OECD (2001). *Measuring Productivity – OECD Manual*. OECD Publishing.
    """
    if years is not None and years <= 0:
        raise ValueError("years must be positive")
    start_labels, start_values = vector(start, what="start")
    end_labels, end_values = vector(end, what="end")
    labels = tuple(sorted(set(start_labels) | set(end_labels)))
    first = reindexed(start_labels, start_values, labels)
    last = reindexed(end_labels, end_values, labels)
    missing = np.isnan(first) | np.isnan(last)
    zero = ~missing & (first == 0)
    region = None if start.name is None else str(start.name)

    def record(reason: Reason, label: str) -> Exclusion:
        if by == "region":
            return Exclusion(reason, region=label)
        return Exclusion(reason, region=region, sector=label)

    excluded = [record(Reason.MISSING, labels[i]) for i in np.flatnonzero(missing)]
    excluded += [record(Reason.ZERO_AT_START, labels[i]) for i in np.flatnonzero(zero)]
    index = pd.Index(labels)
    absolute = pd.Series(last - first, index=index)
    quotient = divide(last, first)
    annual: pd.Series[float] | None = None
    if years is not None:
        powered = np.full(quotient.shape, np.nan)
        np.power(quotient, 1.0 / years, out=powered, where=~np.isnan(quotient))
        annual = pd.Series(powered - 1.0, index=index)
    return Growth(
        absolute=absolute,
        rate=pd.Series(quotient - 1.0, index=index),
        annual_rate=annual,
        excluded=sorted_exclusions(excluded),
    )


def cagr(start: float, end: float, years: float) -> float:
    r"""Compound annual growth rate :math:`(x_1 / x_0)^{1/T} - 1`.

    Raises
    ------
    ValueError
        If ``start`` is not positive, ``end`` is negative, ``years`` is not positive, or a
        value is NaN (a missing value has no growth rate).

    References
    ----------
    OECD (2001). *Measuring Productivity – OECD Manual*. OECD Publishing.
    """
    if any(math.isnan(value) for value in (start, end, years)):
        raise ValueError("cagr: a value is missing")
    if start <= 0 or end < 0 or years <= 0:
        raise ValueError("cagr needs a positive start value, a non-negative end value and a positive period")
    return float((end / start) ** (1.0 / years) - 1.0)


def index_series(values: pd.Series[float], *, base: int) -> pd.Series[float]:
    r"""A time series as an index with the base year = 100: :math:`I_t = 100 \cdot x_t / x_{base}`.

    Missing years stay NaN.

    Raises
    ------
    ValueError
        If the base year is absent, missing or zero.
    """
    years = year_labels(values.index, what="index series")
    array = float_array(values, what="index series", non_negative=False)
    if base not in years:
        raise ValueError(f"index series: the base year {base} is not in the data")
    base_value = array[years.index(base)]
    if np.isnan(base_value) or base_value == 0:
        raise ValueError(f"index series: the base year {base} has no usable value")
    return pd.Series(100.0 * array / base_value, index=pd.Index(years), name=values.name).sort_index()
