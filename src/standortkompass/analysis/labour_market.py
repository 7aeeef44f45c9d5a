"""Unemployment rate."""

from __future__ import annotations

import pandas as pd

from standortkompass.analysis._ratios import region_ratio
from standortkompass.analysis.results import RegionValues


def unemployment_rate(unemployed: pd.Series[float], labour_force: pd.Series[float]) -> RegionValues:
    r"""Unemployment rate :math:`u_r = U_r / (E_r + U_r)` given the civilian labour force :math:`E_r + U_r`.

    A plain fraction (0.045 = 4.5 %). The Bundesagentur für Arbeit publishes two rates:
    on all civilian labour force (the headline rate) and on dependent civilian labour
    force only; pass the matching denominator.

    Parameters
    ----------
    unemployed
        Registered unemployed persons (annual average) by region code.
    labour_force
        Civilian labour force (employed plus unemployed) by region code.

    References
    ----------
    Bundesagentur für Arbeit, Arbeitsmarktstatistik: Arbeitslosenquoten, Regionaldatenbank
    table 13211-02-05-4. International Labour Organization (1982). Resolution concerning statistics of the
    economically active population, employment, unemployment and underemployment.
    """
    return region_ratio(unemployed, labour_force, what=("unemployed", "labour_force"))
