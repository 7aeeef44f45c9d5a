"""Labour productivity: output per employed person."""

from __future__ import annotations

import pandas as pd

from standortkompass.analysis._ratios import region_ratio
from standortkompass.analysis.results import RegionValues


def productivity(output: pd.Series[float], employed: pd.Series[float], *, scale: float = 1.0) -> RegionValues:
    r"""GDP or gross value added per employed person, by region.

    .. math:: \pi_r = c \cdot Y_r / L_r

    with output :math:`Y_r` (GDP or GVA), employed persons :math:`L_r` and a unit factor
    :math:`c` (``scale``; 1000 turns output in thousand euros into euros per person).
    The VGR der Länder divide by *Erwerbstätige* (all persons in employment); dividing by
    employees subject to social insurance gives a higher, differently defined figure.

    Parameters
    ----------
    output, employed
        Values by region code; a region listed in only one of them counts as missing.

    References
    ----------
    OECD (2001). *Measuring Productivity – OECD Manual*. OECD Publishing.
    Arbeitskreis "Volkswirtschaftliche Gesamtrechnungen der Länder": Bruttoinlandsprodukt je
    Erwerbstätigen, Regionaldatenbank table 82111-01-05-4.
    """
    return region_ratio(output, employed, what=("output", "employed"), scale=scale)
