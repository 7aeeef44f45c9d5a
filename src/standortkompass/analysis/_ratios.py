"""A ratio of two indicators, region by region, with the missing-value policy applied."""

from __future__ import annotations

import numpy as np
import pandas as pd

from standortkompass.analysis._arithmetic import divide
from standortkompass.analysis._validation import reindexed, vector
from standortkompass.analysis.missing import Exclusion, Reason, sorted_exclusions
from standortkompass.analysis.results import RegionValues


def region_ratio(
    numerator: pd.Series[float],
    denominator: pd.Series[float],
    *,
    what: tuple[str, str],
    scale: float = 1.0,
    non_negative: bool = True,
) -> RegionValues:
    """``scale * numerator / denominator`` by region code (sorted); NaN and reported where undefined."""
    top_labels, top = vector(numerator, what=what[0], non_negative=non_negative)
    bottom_labels, bottom = vector(denominator, what=what[1], non_negative=non_negative)
    regions = tuple(sorted(set(top_labels) | set(bottom_labels)))
    top = reindexed(top_labels, top, regions)
    bottom = reindexed(bottom_labels, bottom, regions)
    missing = np.isnan(top) | np.isnan(bottom)
    excluded = [Exclusion(Reason.MISSING, region=regions[i]) for i in np.flatnonzero(missing)]
    excluded += [
        Exclusion(Reason.ZERO_DENOMINATOR, region=regions[i]) for i in np.flatnonzero(~missing & (bottom == 0))
    ]
    values = pd.Series(scale * divide(top, bottom), index=pd.Index(regions), dtype=float)
    return RegionValues(values=values, excluded=sorted_exclusions(excluded))
