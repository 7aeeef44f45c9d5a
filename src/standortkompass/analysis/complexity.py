r"""Economic complexity (ECI, PCI) and relatedness density on a region × sector matrix.

Revealed comparative advantage and the binary matrix:

.. math::

    RCA_{rp} = \frac{x_{rp} / \sum_{p'} x_{rp'}}{\sum_{r'} x_{r'p} / \sum_{r'p'} x_{r'p'}}, \qquad
    M_{rp} = [RCA_{rp} \ge 1]

with diversity :math:`k_r = \sum_p M_{rp}` and ubiquity :math:`k_p = \sum_r M_{rp}`.

**ECI** is the eigenvector of :math:`\tilde M = D^{-1} M U^{-1} M^\top`
(:math:`D = \mathrm{diag}(k_r)`, :math:`U = \mathrm{diag}(k_p)`) for the second largest
eigenvalue — the limit of the method of reflections — standardised to mean 0 and
standard deviation 1 (population form), its sign chosen so that it correlates positively
with diversity. **PCI** is :math:`U^{-1} M^\top` applied to that eigenvector (the
corresponding eigenvector of :math:`U^{-1} M^\top D^{-1} M`), standardised the same way:
a sector is complex if complex regions are specialised in it. The eigenvector is computed
from the symmetric matrix :math:`D^{-1/2} M U^{-1} M^\top D^{-1/2}` for numerical
stability.

**Relatedness**: proximity :math:`\phi_{pp'} = \sum_r M_{rp} M_{rp'} / \max(k_p, k_{p'})`
and density :math:`\omega_{rp} = \sum_{p'} M_{rp'} \phi_{pp'} / \sum_{p'} \phi_{pp'}` —
how much of what is related to sector :math:`p` the region already has.

When the measures are not meaningful
-------------------------------------
ECI rests on how the regions' portfolios nest across many distinct activities. With the
ten or so WZ sections of the employment statistics almost every district has a
comparative advantage in several broad sections, and the eigenvector reflects
"manufacturing versus services" rather than capabilities. Studies of German regions use
WZ divisions or finer (88 divisions, 3-digit groups). The result therefore reports the
status :attr:`ComplexityStatus.TOO_FEW_SECTORS` — and gives no ECI, PCI or density —
when fewer than :data:`MIN_SECTORS` (20) sectors are usable, and
:attr:`ComplexityStatus.TOO_FEW_REGIONS` for fewer than :data:`MIN_REGIONS` (20) regions.
Both thresholds are conventions of this package, not of the literature; they are
parameters so tests can use small matrices.

Missing values: a region with a missing cell is left out (its RCA cannot be computed);
regions and sectors without any :math:`M = 1` are left out (division by zero). All
reported.

References
----------
Hidalgo, C. A. & Hausmann, R. (2009). The building blocks of economic complexity. *PNAS*
106(26), 10570–10575.
Hidalgo, C. A., Klinger, B., Barabási, A.-L. & Hausmann, R. (2007). The product space
conditions the development of nations. *Science* 317(5837), 482–487.
Mealy, P., Farmer, J. D. & Teytelboym, A. (2019). Interpreting economic complexity.
*Science Advances* 5(1), eaau1705.
Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage. *The
Manchester School* 33(2), 99–123.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._alignment import on_partition
from standortkompass.analysis._arithmetic import FloatArray, divide
from standortkompass.analysis.missing import Exclusion, Reason, sorted_exclusions

MIN_SECTORS = 20
MIN_REGIONS = 20
_EIGEN_TOLERANCE = 1e-9


class ComplexityStatus(enum.StrEnum):
    """Whether ECI and PCI could be computed meaningfully."""

    COMPUTED = "computed"
    TOO_FEW_SECTORS = "too few sectors"
    TOO_FEW_REGIONS = "too few regions"
    NOT_IDENTIFIED = "not identified"


@dataclass(frozen=True, slots=True, eq=False)
class EconomicComplexity:
    """Economic complexity of regions and sectors.

    Attributes
    ----------
    status
        :attr:`ComplexityStatus.COMPUTED`, or why the measures are not given.
    explanation
        One sentence saying what the status means for this input.
    rca, presence
        Revealed comparative advantage and the binary matrix :math:`M` (regions × sectors),
        for the regions and sectors used; always given.
    diversity, ubiquity
        :math:`k_r` and :math:`k_p`.
    eci, pci, proximity, density
        ``None`` unless ``status`` is ``COMPUTED``.
    excluded
        Regions and sectors left out, and why.
    """

    status: ComplexityStatus
    explanation: str
    rca: pd.DataFrame
    presence: pd.DataFrame
    diversity: pd.Series[float]
    ubiquity: pd.Series[float]
    eci: pd.Series[float] | None
    pci: pd.Series[float] | None
    proximity: pd.DataFrame | None
    density: pd.DataFrame | None
    excluded: tuple[Exclusion, ...]


def economic_complexity(
    values: pd.DataFrame, *, min_sectors: int = MIN_SECTORS, min_regions: int = MIN_REGIONS
) -> EconomicComplexity:
    """ECI, PCI, proximity and density of a region × sector matrix (see the module docstring).

    Parameters
    ----------
    values
        Employment (or value added) with one row per region and one column per sector;
        overlapping aggregates and ``TOTAL`` are replaced by the non-overlapping partition.
    min_sectors, min_regions
        Below these counts of usable sectors and regions the measures are not computed.
    """
    if min_sectors < 2 or min_regions < 2:
        raise ValueError("at least two sectors and two regions are needed")
    aligned = on_partition((values,), (), what=("values",))
    excluded = list(aligned.dropped)
    kept, region_codes, sector_codes = _usable(aligned.regions[0], aligned.region_codes, aligned.sectors, excluded)
    rca = divide(divide(kept, kept.sum(axis=1)[:, np.newaxis]), divide(kept.sum(axis=0), kept.sum())[np.newaxis, :])
    presence = (rca >= 1.0).astype(float)

    diverse = presence.sum(axis=1) > 0
    ubiquitous = presence.sum(axis=0) > 0
    excluded += [
        Exclusion(Reason.REGION_WITHOUT_ADVANTAGE, region=region_codes[row]) for row in np.flatnonzero(~diverse)
    ]
    excluded += [
        Exclusion(Reason.SECTOR_WITHOUT_ADVANTAGE, sector=sector_codes[column])
        for column in np.flatnonzero(~ubiquitous)
    ]
    used_regions = tuple(code for code, used in zip(region_codes, diverse, strict=True) if used)
    used_sectors = tuple(code for code, used in zip(sector_codes, ubiquitous, strict=True) if used)
    rca = rca[np.ix_(diverse, ubiquitous)]
    presence = presence[np.ix_(diverse, ubiquitous)]
    diversity = presence.sum(axis=1)
    ubiquity = presence.sum(axis=0)

    def frame(data: FloatArray) -> pd.DataFrame:
        return pd.DataFrame(data, index=pd.Index(used_regions), columns=pd.Index(used_sectors))

    def result(
        status: ComplexityStatus,
        explanation: str,
        eci: FloatArray | None = None,
        pci: FloatArray | None = None,
        proximity: FloatArray | None = None,
        density: FloatArray | None = None,
    ) -> EconomicComplexity:
        return EconomicComplexity(
            status=status,
            explanation=explanation,
            rca=frame(rca),
            presence=frame(presence),
            diversity=pd.Series(diversity, index=pd.Index(used_regions), dtype=float),
            ubiquity=pd.Series(ubiquity, index=pd.Index(used_sectors), dtype=float),
            eci=None if eci is None else pd.Series(eci, index=pd.Index(used_regions), dtype=float),
            pci=None if pci is None else pd.Series(pci, index=pd.Index(used_sectors), dtype=float),
            proximity=None
            if proximity is None
            else pd.DataFrame(proximity, index=pd.Index(used_sectors), columns=pd.Index(used_sectors)),
            density=None if density is None else frame(density),
            excluded=sorted_exclusions(excluded),
        )

    if len(used_sectors) < min_sectors:
        return result(
            ComplexityStatus.TOO_FEW_SECTORS,
            f"Only {len(used_sectors)} sectors are usable; economic complexity needs at least {min_sectors} "
            "(for example WZ 2008 divisions), so no ECI, PCI or density is given.",
        )
    if len(used_regions) < min_regions:
        return result(
            ComplexityStatus.TOO_FEW_REGIONS,
            f"Only {len(used_regions)} regions are usable; economic complexity needs at least {min_regions}, "
            "so no ECI, PCI or density is given.",
        )
    eci, pci, problem = _eigenvector(presence, diversity, ubiquity)
    if problem is not None:
        return result(ComplexityStatus.NOT_IDENTIFIED, problem)
    proximity = divide(presence.T @ presence, np.maximum.outer(ubiquity, ubiquity))
    density = divide(presence @ proximity, proximity.sum(axis=0)[np.newaxis, :])
    return result(
        ComplexityStatus.COMPUTED,
        f"Computed from {len(used_regions)} regions and {len(used_sectors)} sectors.",
        eci,
        pci,
        proximity,
        density,
    )


def _usable(
    array: FloatArray, regions: tuple[str, ...], sectors: tuple[str, ...], excluded: list[Exclusion]
) -> tuple[FloatArray, list[str], list[str]]:
    """The matrix of the complete regions with employment and the sectors with employment, and their codes.

    Missing values, regions without employment and sectors without employment are added to ``excluded``.
    """
    complete = ~np.isnan(array).any(axis=1)
    excluded += [
        Exclusion(Reason.MISSING, region=regions[row], sector=sectors[column])
        for row, column in zip(*np.nonzero(np.isnan(array)), strict=True)
    ]
    region_rows = np.flatnonzero(complete & (np.nan_to_num(array).sum(axis=1) > 0))
    excluded += [
        Exclusion(Reason.ZERO_DENOMINATOR, region=regions[row])
        for row in np.flatnonzero(complete & (np.nan_to_num(array).sum(axis=1) == 0))
    ]
    kept = array[region_rows]
    sector_totals = kept.sum(axis=0)
    sector_columns = np.flatnonzero(sector_totals > 0)
    excluded += [
        Exclusion(Reason.ZERO_DENOMINATOR, sector=sectors[column]) for column in np.flatnonzero(sector_totals == 0)
    ]
    return (
        kept[:, sector_columns],
        [regions[row] for row in region_rows],
        [sectors[column] for column in sector_columns],
    )


def _eigenvector(
    presence: FloatArray, diversity: FloatArray, ubiquity: FloatArray
) -> tuple[FloatArray, FloatArray, str | None]:
    """Standardised ECI and PCI, or a reason why the second eigenvector is not unique."""
    root = 1.0 / np.sqrt(diversity)
    symmetric = (root[:, np.newaxis] * presence) @ np.diag(1.0 / ubiquity) @ (presence.T * root[np.newaxis, :])
    eigenvalues, eigenvectors = np.linalg.eigh((symmetric + symmetric.T) / 2.0)
    if eigenvalues[-2] > eigenvalues[-1] - _EIGEN_TOLERANCE:
        return (
            np.array([]),
            np.array([]),
            "The regions fall into groups that share no sector with a comparative advantage, so the complexity ranking "
            "is not defined.",
        )
    if len(eigenvalues) > 2 and eigenvalues[-3] > eigenvalues[-2] - _EIGEN_TOLERANCE:
        return (
            np.array([]),
            np.array([]),
            "Two rankings fit the data equally well (a repeated eigenvalue), so the complexity ranking is not defined.",
        )
    raw = root * eigenvectors[:, -2]
    eci = _standardised(raw)
    if float(((eci - eci.mean()) * (diversity - diversity.mean())).sum()) < 0:
        eci = -eci
    pci = _standardised((presence.T @ eci) / ubiquity)
    return eci, pci, None


def _standardised(values: FloatArray) -> FloatArray:
    spread = float(np.std(values))
    if spread == 0:
        return np.zeros_like(values)
    result: FloatArray = (values - values.mean()) / spread
    return result
