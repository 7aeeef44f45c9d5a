"""Rank and percentile of a region among a set of regions for one indicator."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._validation import codes, float_array
from standortkompass.analysis.missing import Exclusion, Reason, sorted_exclusions
from standortkompass.analysis.results import RegionTable

VALUE = "value"
RANK = "rank"
PERCENTILE = "percentile"
COUNT = "count"


@dataclass(frozen=True, slots=True, eq=False)
class Benchmark:
    """Where one region stands among others for one indicator.

    Attributes
    ----------
    region, value
        The region and its value.
    rank
        1 = best; tied regions share the best of their ranks ("1, 2, 2, 4"). ``None`` if the
        region has no value.
    count
        Number of regions with a value that were compared (the region included).
    percentile
        Share of the other compared regions that the region beats, ties counting half, in
        per cent: 100 = best, 0 = worst. ``None`` if the region has no value or no other
        region has one.
    ties
        Number of other compared regions with exactly the same value.
    higher_is_better
        The direction used.
    excluded
        Regions left out (missing values), and why.
    """

    region: str
    value: float
    rank: int | None
    count: int
    percentile: float | None
    ties: int
    higher_is_better: bool
    excluded: tuple[Exclusion, ...]


def rank_regions(
    values: pd.Series[float], *, higher_is_better: bool = True, among: Iterable[str] | None = None
) -> RegionTable:
    r"""Rank and percentile of every region among the given regions.

    For :math:`N` regions with a value, ordered so that better comes first, the rank is
    the competition rank (ties share the best rank) and the percentile

    .. math:: P = 100 \cdot \frac{B + \tfrac12 T}{N - 1}

    where :math:`B` counts the regions with a worse value and :math:`T` the *other*
    regions with the same value (mid-rank percentile). :math:`P` is NaN for :math:`N = 1`.

    Parameters
    ----------
    values
        The indicator by region code.
    higher_is_better
        ``True`` for indicators such as productivity, ``False`` for unemployment.
    among
        Restrict the comparison to these region codes (a Land, a peer group); codes without
        an entry in ``values`` are ignored.

    Returns
    -------
    RegionTable
        Columns ``value``, ``rank``, ``percentile``, ``count``; one row per compared region,
        regions without a value have rank and percentile NaN.

    References
    ----------
    Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages. *The
    American Statistician* 50(4), 361–365 (on the competing definitions; the one used here
    is the mid-rank percentile rank, scaled so that the best region gets 100 and the
    worst 0).
    """
    labels = codes(values.index, what="values")
    array = float_array(values, what="values", non_negative=False)
    series = pd.Series(array, index=pd.Index(labels), dtype=float)
    if among is not None:
        wanted = {str(code) for code in among}
        series = series[series.index.isin(wanted)]
    series = series.sort_index()
    present = series.dropna()
    goodness = present if higher_is_better else -present
    count = len(present)
    rank = goodness.rank(method="min", ascending=False)
    average = goodness.rank(method="average", ascending=True)
    percentile = 100.0 * (average - 1.0) / (count - 1) if count > 1 else pd.Series(np.nan, index=present.index)
    frame = pd.DataFrame({VALUE: series, RANK: rank, PERCENTILE: percentile, COUNT: float(count)}, index=series.index)
    excluded = [Exclusion(Reason.MISSING, region=code) for code in series.index[series.isna()]]
    if count == 1:
        excluded.append(Exclusion(Reason.NO_OTHER_REGION, region=str(present.index[0])))
    return RegionTable(values=frame, excluded=sorted_exclusions(excluded))


def benchmark(
    values: pd.Series[float], region: str, *, higher_is_better: bool = True, among: Iterable[str] | None = None
) -> Benchmark:
    """Rank and percentile of one region among all regions in ``values`` or among a peer group.

    The region itself is always part of the comparison, also when ``among`` does not list
    it. See :func:`rank_regions` for the definitions.

    Raises
    ------
    KeyError
        If ``values`` has no entry for the region.
    """
    group = None if among is None else {*(str(code) for code in among), region}
    table = rank_regions(values, higher_is_better=higher_is_better, among=group)
    if region not in table.values.index:
        raise KeyError(f"no value for region {region}")
    row = table.values.loc[region]
    value = float(row[VALUE])
    compared = table.values[VALUE].dropna()
    has_value = not np.isnan(value)
    return Benchmark(
        region=region,
        value=value,
        rank=int(row[RANK]) if has_value else None,
        count=len(compared),
        percentile=float(row[PERCENTILE]) if has_value and len(compared) > 1 else None,
        ties=int((compared == value).sum()) - 1 if has_value else 0,
        higher_is_better=higher_is_better,
        excluded=table.excluded,
    )
