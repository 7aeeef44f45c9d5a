r"""Specialisation and concentration of a region's sector structure.

With the region's shares :math:`s_i = e_i / \sum_j e_j` and the reference's shares
:math:`S_i = E_i / \sum_j E_j` over the listed, non-overlapping sectors (totals convention,
:mod:`standortkompass.analysis.totals`):

========================  ==========================================  =======================
index                     formula                                     range, meaning
========================  ==========================================  =======================
Krugman dissimilarity     :math:`K = \sum_i |s_i - S_i|`               0 (same structure) – 2
Hachman                   :math:`HI = 1 / \sum_i s_i^2 / S_i`          (0, 1]; 1 = same structure
Herfindahl-Hirschman      :math:`H = \sum_i s_i^2`                     1/n – 1; 1 = one sector
normalised HHI            :math:`H^* = (H - 1/n) / (1 - 1/n)`          0 – 1
relative Theil            :math:`T = \sum_i s_i \ln(s_i / S_i)`        ≥ 0; 0 = same structure
Shannon entropy           :math:`D = -\sum_i s_i \ln s_i`              0 – ln n; high = diverse
normalised entropy        :math:`D / \ln n`                            0 – 1
========================  ==========================================  =======================

Terms with :math:`s_i = 0` contribute 0 to the Theil index and the entropy (the limit of
:math:`x \ln x`). A sector enters only where the region's and the reference's values are
present and the reference's is positive; so all indices of one call are computed on the
same sectors, and what was left out is reported.

References
----------
Krugman, P. (1991). *Geography and Trade*. MIT Press.
Hachman, F. (1995). *Economic Report to the Governor*. Utah Governor's Office of Planning
and Budget; see Mack, E., Grubesic, T. H. & Kessler, E. (2007). Indices of industrial
diversity and regional economic composition. *Growth and Change* 38(3), 474–509.
Rhoades, S. A. (1993). The Herfindahl-Hirschman index. *Federal Reserve Bulletin* 79, 188–189.
Theil, H. (1967). *Economics and Information Theory*. North-Holland; Bickenbach, F. &
Bode, E. (2008). Disproportionality measures of concentration, specialization, and
localization. *International Regional Science Review* 31(4), 359–388.
Shannon, C. E. (1948). A mathematical theory of communication. *Bell System Technical
Journal* 27(3), 379–423; Attaran, M. (1986). Industrial diversity and economic
performance in U.S. areas. *Annals of Regional Science* 20(2), 44–54.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._alignment import OnPartition, on_partition, one_row
from standortkompass.analysis._arithmetic import BoolArray, FloatArray, divide, x_log_x_over_y
from standortkompass.analysis._validation import label_of
from standortkompass.analysis.missing import Exclusion, Reason, sorted_exclusions
from standortkompass.analysis.results import RegionTable

KRUGMAN = "krugman"
HACHMAN = "hachman"
HERFINDAHL = "herfindahl"
HERFINDAHL_NORMALISED = "herfindahl_normalised"
THEIL = "theil"
ENTROPY = "entropy"
ENTROPY_NORMALISED = "entropy_normalised"
SECTORS = "sectors"
INDEX_COLUMNS = (KRUGMAN, HACHMAN, HERFINDAHL, HERFINDAHL_NORMALISED, THEIL, ENTROPY, ENTROPY_NORMALISED, SECTORS)


@dataclass(frozen=True, slots=True, eq=False)
class SpecialisationIndices:
    """All specialisation and concentration indices of one region (see the module docstring).

    ``sectors`` is the number :math:`n` of sectors the indices were computed on.
    """

    krugman: float
    hachman: float
    herfindahl: float
    herfindahl_normalised: float
    theil: float
    entropy: float
    entropy_normalised: float
    sectors: int
    excluded: tuple[Exclusion, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Concentration:
    """Herfindahl-Hirschman index and Shannon entropy of one region on its own (no reference)."""

    herfindahl: float
    herfindahl_normalised: float
    entropy: float
    entropy_normalised: float
    sectors: int
    excluded: tuple[Exclusion, ...]


def specialisation_indices(region: pd.Series[float], reference: pd.Series[float]) -> SpecialisationIndices:
    """Krugman, Hachman, Herfindahl-Hirschman, relative Theil and entropy of a region against a reference.

    Parameters
    ----------
    region, reference
        Values (employment) by sector code; ``name`` = region code. Overlapping aggregates
        and ``TOTAL`` are replaced by the non-overlapping partition and reported.

    Returns
    -------
    SpecialisationIndices
        NaN for every index if no sector is usable or the region's sum is 0.

    See the module docstring for the formulas and references.
    """
    aligned = on_partition((one_row(region, what="region"),), (reference,), what=("region", "reference"))
    values, excluded = _indices(aligned)
    row = {column: values[column][0] for column in INDEX_COLUMNS}
    return SpecialisationIndices(
        krugman=float(row[KRUGMAN]),
        hachman=float(row[HACHMAN]),
        herfindahl=float(row[HERFINDAHL]),
        herfindahl_normalised=float(row[HERFINDAHL_NORMALISED]),
        theil=float(row[THEIL]),
        entropy=float(row[ENTROPY]),
        entropy_normalised=float(row[ENTROPY_NORMALISED]),
        sectors=int(row[SECTORS]),
        excluded=excluded,
    )


def specialisation_by_region(regions: pd.DataFrame, reference: pd.Series[float]) -> RegionTable:
    """All indices for many regions (rows of ``regions``) against one reference.

    Columns: ``krugman``, ``hachman``, ``herfindahl``, ``herfindahl_normalised``, ``theil``,
    ``entropy``, ``entropy_normalised``, ``sectors``. See :func:`specialisation_indices`.
    """
    aligned = on_partition((regions,), (reference,), what=("regions", "reference"))
    values, excluded = _indices(aligned)
    frame = pd.DataFrame(values, index=pd.Index(aligned.region_codes), columns=list(INDEX_COLUMNS))
    frame[SECTORS] = frame[SECTORS].astype(int)
    return RegionTable(values=frame, excluded=excluded)


def krugman_index(region: pd.Series[float], reference: pd.Series[float]) -> float:
    r"""Krugman dissimilarity index :math:`K = \sum_i |s_i - S_i|` (0 to 2); see the module docstring."""
    return specialisation_indices(region, reference).krugman


def hachman_index(region: pd.Series[float], reference: pd.Series[float]) -> float:
    r"""Hachman index :math:`HI = 1 / \sum_i s_i LQ_i = 1 / \sum_i s_i^2 / S_i`; see the module docstring."""
    return specialisation_indices(region, reference).hachman


def theil_index(region: pd.Series[float], reference: pd.Series[float]) -> float:
    r"""Relative Theil index :math:`T = \sum_i s_i \ln(s_i / S_i)`; see the module docstring."""
    return specialisation_indices(region, reference).theil


def concentration(region: pd.Series[float]) -> Concentration:
    r"""Herfindahl-Hirschman index and Shannon entropy of a region's own structure.

    .. math::

        H = \sum_i s_i^2, \quad H^* = \frac{H - 1/n}{1 - 1/n}, \quad
        D = -\sum_i s_i \ln s_i, \quad D^* = D / \ln n

    over the region's sectors with a value (non-overlapping partition). :math:`H^*` and
    :math:`D^*` are NaN for fewer than two sectors.

    References
    ----------
    Rhoades, S. A. (1993). The Herfindahl-Hirschman index. *Federal Reserve Bulletin* 79,
    188–189. Attaran, M. (1986). Industrial diversity and economic performance in U.S.
    areas. *Annals of Regional Science* 20(2), 44–54.
    """
    frame = one_row(region, what="region")
    # Against a reference with equal values in every sector only the region's own shares matter.
    flat = pd.Series(1.0, index=frame.columns, name="uniform")
    indices = specialisation_indices(region.rename(label_of(region, "region")), flat)
    return Concentration(
        herfindahl=indices.herfindahl,
        herfindahl_normalised=indices.herfindahl_normalised,
        entropy=indices.entropy,
        entropy_normalised=indices.entropy_normalised,
        sectors=indices.sectors,
        excluded=indices.excluded,
    )


def _indices(aligned: OnPartition) -> tuple[dict[str, FloatArray], tuple[Exclusion, ...]]:
    values = aligned.regions[0]
    reference = aligned.references[0]
    reference_usable = ~np.isnan(reference) & (reference > 0)
    included: BoolArray = ~np.isnan(values) & reference_usable[np.newaxis, :]
    region_values = np.where(included, values, 0.0)
    reference_values = np.where(included, reference[np.newaxis, :], 0.0)
    region_sum = region_values.sum(axis=1)
    usable = included.any(axis=1) & (region_sum > 0)
    shares = divide(region_values, region_sum[:, np.newaxis])
    reference_shares = divide(reference_values, reference_values.sum(axis=1)[:, np.newaxis])
    shares = np.where(included, shares, 0.0)
    count = included.sum(axis=1).astype(float)

    krugman = np.abs(shares - np.where(included, reference_shares, 0.0)).sum(axis=1)
    hachman = divide(1.0, np.where(included, divide(shares**2, reference_shares), 0.0).sum(axis=1))
    herfindahl = (shares**2).sum(axis=1)
    herfindahl_normalised = divide(herfindahl - divide(1.0, count), 1.0 - divide(1.0, count))
    theil = np.where(included, x_log_x_over_y(shares, reference_shares), 0.0).sum(axis=1)
    entropy = -np.where(included, x_log_x_over_y(shares, np.ones_like(shares)), 0.0).sum(axis=1)
    logarithm = np.full(count.shape, np.nan)
    np.log(count, out=logarithm, where=count > 1)
    entropy_normalised = divide(entropy, logarithm)
    few = count < 2
    result = {
        KRUGMAN: krugman,
        HACHMAN: hachman,
        HERFINDAHL: herfindahl,
        HERFINDAHL_NORMALISED: np.where(few, np.nan, herfindahl_normalised),
        THEIL: theil,
        ENTROPY: entropy,
        ENTROPY_NORMALISED: np.where(few, np.nan, entropy_normalised),
    }
    result = {name: np.where(usable, column, np.nan) for name, column in result.items()}
    result[SECTORS] = count

    regions, sectors = aligned.region_codes, aligned.sectors
    excluded = list(aligned.dropped)
    excluded += [
        Exclusion(Reason.MISSING, region=regions[row], sector=sectors[column])
        for row, column in zip(*np.nonzero(np.isnan(values) & reference_usable[np.newaxis, :]), strict=True)
    ]
    excluded += [
        Exclusion(Reason.MISSING_IN_REFERENCE, region=aligned.reference_code, sector=sectors[column])
        for column in np.flatnonzero(np.isnan(reference))
    ]
    excluded += [
        Exclusion(Reason.ZERO_IN_REFERENCE, region=aligned.reference_code, sector=sectors[column])
        for column in np.flatnonzero(reference == 0)
    ]
    excluded += [
        Exclusion(Reason.ZERO_DENOMINATOR, region=regions[row])
        for row in np.flatnonzero(~usable & included.any(axis=1))
    ]
    excluded += [Exclusion(Reason.FEWER_THAN_TWO_SECTORS, region=regions[row]) for row in np.flatnonzero(few & usable)]
    return result, sorted_exclusions(excluded)
