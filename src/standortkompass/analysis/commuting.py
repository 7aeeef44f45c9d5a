"""Job centrality and commuter balance from employment at the workplace and at the residence."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from standortkompass.analysis._ratios import region_ratio
from standortkompass.analysis._validation import reindexed, vector
from standortkompass.analysis.missing import Exclusion, sorted_exclusions


@dataclass(frozen=True, slots=True, eq=False)
class Commuting:
    """Job centrality and commuter balance by region.

    Attributes
    ----------
    centrality
        Employees working in the region per employee living there (> 1: in-commuting).
    balance
        Employees working in the region minus employees living there (Pendlersaldo).
    excluded
        What was left out, and why.
    """

    centrality: pd.Series[float]
    balance: pd.Series[float]
    excluded: tuple[Exclusion, ...]


def commuting(workplace: pd.Series[float], residence: pd.Series[float]) -> Commuting:
    r"""Job centrality :math:`Z_r = B^{AO}_r / B^{WO}_r` and commuter balance :math:`P_r = B^{AO}_r - B^{WO}_r`.

    :math:`B^{AO}_r` are the employees subject to social insurance at their workplace in
    region :math:`r`, :math:`B^{WO}_r` those resident there. The difference counts the net
    in-commuters across the region's border. At the national level the two totals are
    defined differently (the workplace count includes persons without a known place), so
    they should not be compared there.

    References
    ----------
    Bundesagentur für Arbeit, Beschäftigungsstatistik: employees subject to social insurance
    at the workplace and at the residence, Regionaldatenbank tables 13111-01-03-4 and
    13111-02-02-4. BBSR, INKAR: indicators of commuting and job centrality.
    """
    centrality = region_ratio(workplace, residence, what=("workplace", "residence"))
    workplace_labels, workplace_values = vector(workplace, what="workplace")
    residence_labels, residence_values = vector(residence, what="residence")
    regions = tuple(centrality.values.index)
    balance = reindexed(workplace_labels, workplace_values, regions) - reindexed(
        residence_labels, residence_values, regions
    )
    return Commuting(
        centrality=centrality.values,
        balance=pd.Series(balance, index=pd.Index(regions), dtype=float),
        excluded=sorted_exclusions(item for item in centrality.excluded),
    )
