"""Age structure and old-age dependency ratio from population by age group."""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
import pandas as pd

from standortkompass.analysis._arithmetic import FloatArray, divide
from standortkompass.analysis._validation import matrix
from standortkompass.analysis.missing import Exclusion, Reason, sorted_exclusions
from standortkompass.analysis.results import RegionTable, RegionValues

_UNDER = re.compile(r"^(?:u|<|unter\s*)(\d+)$", re.IGNORECASE)
_BETWEEN = re.compile(r"^(\d+)\s*(?:-|–|bis)\s*(?:u|<|unter\s*)?\s*(\d+)$", re.IGNORECASE)
_AND_OVER = re.compile(r"^(\d+)\s*(?:\+|und mehr|und älter)$", re.IGNORECASE)


def age_bounds(label: str) -> tuple[int, float]:
    """Lower bound (inclusive) and upper bound (exclusive) of an age-group label.

    Understands the labels of the population tables: ``u3``/``unter 3`` (0 to 3),
    ``3-6``/``3 bis u6`` (3 to 6), ``75+``/``75 und mehr`` (75 and over, upper bound ∞).

    Raises
    ------
    ValueError
        For any other label.
    """
    text = label.strip()
    if match := _UNDER.match(text):
        return 0, float(match[1])
    if match := _BETWEEN.match(text):
        lower, upper = int(match[1]), float(match[2])
        if upper <= lower:
            raise ValueError(f"age group {label!r}: the upper bound must exceed the lower")
        return lower, upper
    if match := _AND_OVER.match(text):
        return int(match[1]), math.inf
    raise ValueError(f"age group {label!r} is not understood (expected e.g. 'u3', '3-6', '75+')")


def old_age_dependency_ratio(
    population: pd.DataFrame, *, working_age_from: int = 20, old_age_from: int = 65
) -> RegionValues:
    r"""Old-age dependency ratio (Altenquotient): persons of pension age per person of working age.

    .. math:: AQ_r = \frac{P_r[a \ge 65]}{P_r[20 \le a < 65]}

    (a fraction: 0.35 = 35 per 100). The age limits are parameters; Destatis uses 20 and
    65, Eurostat 15 and 65.

    Parameters
    ----------
    population
        Persons by region (rows) and age group (columns, labels as in :func:`age_bounds`);
        sum men and women first. The groups must not overlap, and no group may straddle
        one of the age limits.

    References
    ----------
    Statistisches Bundesamt (2019). *Bevölkerung im Wandel – 14. koordinierte
    Bevölkerungsvorausberechnung*, Glossar "Altenquotient". Eurostat, Statistics Explained:
    "Old-age dependency ratio".
    """
    groups, regions, values, bounds = _age_groups(population, (working_age_from, old_age_from))
    old = [column for column, (lower, _) in enumerate(bounds) if lower >= old_age_from]
    working = [
        column for column, (lower, upper) in enumerate(bounds) if lower >= working_age_from and upper <= old_age_from
    ]
    numerator, numerator_excluded = _band_sum(values, old, regions, groups)
    denominator, denominator_excluded = _band_sum(values, working, regions, groups)
    excluded = numerator_excluded + denominator_excluded
    excluded += [Exclusion(Reason.ZERO_DENOMINATOR, region=regions[row]) for row in np.flatnonzero(denominator == 0)]
    return RegionValues(
        values=pd.Series(divide(numerator, denominator), index=pd.Index(regions), dtype=float),
        excluded=sorted_exclusions(excluded),
    )


def age_structure(population: pd.DataFrame, *, limits: tuple[int, ...] = (20, 65)) -> RegionTable:
    r"""Share of each age band in the population, by region.

    .. math:: a_{rb} = P_r[b] / \sum_{b'} P_r[b']

    The bands run from 0 to the first limit, between the limits, and from the last limit
    on; with the default limits: ``0-20``, ``20-65``, ``65+``. Missing groups are left out of
    the band and of the total, and reported.

    References
    ----------
    Statistisches Bundesamt (2019). *Bevölkerung im Wandel – 14. koordinierte
    Bevölkerungsvorausberechnung* (age groups under 20, 20 to 64, 65 and over).
    """
    if list(limits) != sorted(set(limits)) or not limits or limits[0] <= 0:
        raise ValueError("limits must be positive, distinct and ascending")
    groups, regions, values, bounds = _age_groups(population, limits)
    edges = [0, *limits, math.inf]
    columns: dict[str, FloatArray] = {}
    excluded: list[Exclusion] = []
    total, total_excluded = _band_sum(values, list(range(len(groups))), regions, groups)
    excluded += total_excluded
    for lower, upper in itertools.pairwise(edges):
        members = [column for column, (low, high) in enumerate(bounds) if low >= lower and high <= upper]
        band, _ = _band_sum(values, members, regions, groups)
        name = f"{lower}+" if math.isinf(upper) else f"{lower}-{int(upper)}"
        columns[name] = divide(band, total)
    excluded += [Exclusion(Reason.ZERO_DENOMINATOR, region=regions[row]) for row in np.flatnonzero(total == 0)]
    return RegionTable(values=pd.DataFrame(columns, index=pd.Index(regions)), excluded=sorted_exclusions(excluded))


def _age_groups(
    population: pd.DataFrame, limits: tuple[int, ...]
) -> tuple[tuple[str, ...], tuple[str, ...], FloatArray, list[tuple[int, float]]]:
    regions, groups, values = matrix(population, what="population")
    bounds = [age_bounds(group) for group in groups]
    ordered = sorted(zip(bounds, groups, strict=True))
    for (first, first_label), (second, second_label) in itertools.pairwise(ordered):
        if first[1] > second[0]:
            raise ValueError(f"age groups {first_label!r} and {second_label!r} overlap")
    for (lower, upper), group in zip(bounds, groups, strict=True):
        for limit in limits:
            if lower < limit < upper:
                raise ValueError(f"age group {group!r} straddles the age limit {limit}")
    order = sorted(range(len(regions)), key=lambda row: regions[row])
    return groups, tuple(regions[row] for row in order), values[order, :], bounds


def _band_sum(
    values: FloatArray, columns: list[int], regions: tuple[str, ...], groups: tuple[str, ...]
) -> tuple[FloatArray, list[Exclusion]]:
    """Row sums over ``columns`` leaving missing cells out; NaN where all are missing or there are none."""
    part = values[:, columns]
    present = ~np.isnan(part)
    sums = np.where(present.any(axis=1), np.where(present, part, 0.0).sum(axis=1), np.nan)
    excluded = [
        Exclusion(Reason.MISSING, region=regions[row], sector=groups[columns[column]])
        for row, column in zip(*np.nonzero(~present), strict=True)
    ]
    return sums, excluded
