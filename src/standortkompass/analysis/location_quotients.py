"""Location quotients of a region's sectors against any reference region."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._arithmetic import FloatArray, divide
from standortkompass.analysis._validation import label_of, matrix, reindexed, vector
from standortkompass.analysis.missing import Exclusion, Reason, sorted_exclusions
from standortkompass.analysis.results import RegionTable
from standortkompass.analysis.sectors import TOTAL
from standortkompass.analysis.totals import row_totals


@dataclass(frozen=True, slots=True, eq=False)
class LocationQuotients:
    """Location quotients of one region.

    Attributes
    ----------
    values
        Location quotient by sector code (every listed code except ``TOTAL``, aggregates
        included); NaN where undefined.
    region_total, reference_total
        The denominators :math:`e_r` and :math:`E`.
    official_totals
        ``True`` if both denominators are official totals.
    excluded
        What was left out, and why.
    """

    values: pd.Series[float]
    region_total: float
    reference_total: float
    official_totals: bool
    excluded: tuple[Exclusion, ...]


def location_quotients(region: pd.Series[float], reference: pd.Series[float]) -> LocationQuotients:
    r"""Location quotient of each sector of a region against a reference region.

    .. math:: LQ_{ir} = \frac{e_{ir} / e_r}{E_i / E}

    :math:`e_{ir}` is the region's value in sector :math:`i`, :math:`e_r` its total,
    :math:`E_i` and :math:`E` the same for the reference region. Totals follow the
    totals convention (:mod:`standortkompass.analysis.totals`): the official ``TOTAL``
    when given, otherwise the sum of the listed non-overlapping sectors. Aggregates such
    as ``B-F`` get a quotient too. :math:`LQ > 1` means the sector is more strongly
    represented in the region than in the reference; the reference region measured
    against itself has :math:`LQ = 1` in every sector.

    Parameters
    ----------
    region, reference
        Values (employment, value added) by sector code; ``name`` is the region code.
        A sector listed on only one side counts as missing on the other.

    Returns
    -------
    LocationQuotients
        NaN where a value is missing or the reference has 0 in the sector.

    References
    ----------
    Isard, W. (1960). *Methods of Regional Analysis: An Introduction to Regional Science*.
    MIT Press. Farhauer, O. & Kröll, A. (2013). *Standorttheorien: Regional- und
    Stadtökonomik in Theorie und Praxis*. Springer Gabler, Wiesbaden.
    """
    region_code = label_of(region, "region")
    sectors, values = vector(region, what="region")
    frame = pd.DataFrame(values[np.newaxis, :], index=pd.Index([region_code]), columns=pd.Index(sectors))
    result = location_quotient_matrix(frame, reference)
    table = result.values
    quotients = table.drop(columns=_TOTAL_COLUMNS).iloc[0]
    return LocationQuotients(
        values=pd.Series(quotients.to_numpy(dtype=float), index=quotients.index, name=region.name),
        region_total=float(table[_REGION_TOTAL].iloc[0]),
        reference_total=float(table[_REFERENCE_TOTAL].iloc[0]),
        official_totals=bool(table[_OFFICIAL].iloc[0]),
        excluded=result.excluded,
    )


def location_quotient_matrix(regions: pd.DataFrame, reference: pd.Series[float]) -> RegionTable:
    r"""Location quotients of many regions at once (one row per region).

    Same formula and totals convention as :func:`location_quotients`, vectorised over the
    rows of ``regions`` (index: region codes; columns: sector codes).

    Returns
    -------
    RegionTable
        One row per region (sorted), one column per sector code except ``TOTAL``, plus the
        columns ``region_total``, ``reference_total`` and ``official_totals``.
    """
    reference_code = label_of(reference, "reference")
    region_codes, region_sectors, region_values = matrix(regions, what="regions")
    reference_sectors, reference_values = vector(reference, what="reference")
    sectors = tuple(sorted(set(region_sectors) | set(reference_sectors)))
    order = tuple(sorted(region_codes))
    values = reindexed(region_sectors, region_values, sectors)[[region_codes.index(code) for code in order], :]
    reference_array = reindexed(reference_sectors, reference_values, sectors)

    totals, official, excluded = row_totals(sectors, values, order)
    reference_totals, reference_official, reference_excluded = row_totals(
        sectors, reference_array[np.newaxis, :], (reference_code,)
    )
    excluded += reference_excluded
    shown = [index for index, code in enumerate(sectors) if code != TOTAL]
    region_shares = divide(values[:, shown], totals[:, np.newaxis])
    reference_shares = divide(reference_array[shown], reference_totals[0])
    quotients = divide(region_shares, reference_shares[np.newaxis, :])
    excluded += _exclusions(
        values[:, shown], reference_array[shown], totals, order, reference_code, [sectors[i] for i in shown]
    )
    if reference_totals[0] == 0:
        excluded.append(Exclusion(Reason.ZERO_DENOMINATOR, region=reference_code, sector=TOTAL))

    frame = pd.DataFrame(quotients, index=pd.Index(order), columns=pd.Index([sectors[i] for i in shown]))
    frame[_REGION_TOTAL] = totals
    frame[_REFERENCE_TOTAL] = float(reference_totals[0])
    frame[_OFFICIAL] = official & bool(reference_official[0])
    return RegionTable(values=frame, excluded=sorted_exclusions(excluded))


_REGION_TOTAL = "region_total"
_REFERENCE_TOTAL = "reference_total"
_OFFICIAL = "official_totals"
_TOTAL_COLUMNS = [_REGION_TOTAL, _REFERENCE_TOTAL, _OFFICIAL]


def _exclusions(
    values: FloatArray,
    reference: FloatArray,
    totals: FloatArray,
    regions: tuple[str, ...],
    reference_code: str,
    sectors: list[str],
) -> list[Exclusion]:
    excluded: list[Exclusion] = []
    for row, column in zip(*np.nonzero(np.isnan(values)), strict=True):
        excluded.append(Exclusion(Reason.MISSING, region=regions[row], sector=sectors[column]))
    for column in np.flatnonzero(np.isnan(reference)):
        excluded.append(Exclusion(Reason.MISSING_IN_REFERENCE, region=reference_code, sector=sectors[column]))
    for column in np.flatnonzero(reference == 0):
        excluded.append(Exclusion(Reason.ZERO_IN_REFERENCE, region=reference_code, sector=sectors[column]))
    for row in np.flatnonzero(totals == 0):
        excluded.append(Exclusion(Reason.ZERO_DENOMINATOR, region=regions[row], sector=TOTAL))
    return excluded
