"""Ratings on a scale and the matrix of two criteria: n, mean, sample standard deviation, distribution."""

from __future__ import annotations

import statistics
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rating:
    """One rating of an item; ``value`` ``None`` is "kann ich nicht beurteilen" (cannot judge).

    ``criterion`` names the matrix axis (``""`` for a plain rating).
    """

    item: int
    value: int | None
    criterion: str = ""
    voter: Hashable | None = None
    group: str = ""


@dataclass(frozen=True, slots=True)
class RatingStats:
    """The ratings of one item (on one criterion).

    ``n`` counts the values (not "cannot judge"), ``cannot_judge`` the "cannot judge" answers. ``mean`` is
    ``None`` without values; ``sd`` is the sample standard deviation (divisor n − 1), ``None`` for n < 2.
    ``distribution`` holds ``(value, count)`` for every value of the scale in order, zero counts included, plus
    any value outside the scale that occurs (so the counts always add up to ``n``).
    """

    n: int
    mean: float | None
    sd: float | None
    distribution: tuple[tuple[int, int], ...]
    cannot_judge: int


def rating_stats(values: Iterable[int | None], *, scale: Sequence[int] = ()) -> RatingStats:
    """Statistics of one item's ratings; ``None`` counts as "cannot judge"."""
    given: list[int] = []
    cannot_judge = 0
    for value in values:
        if value is None:
            cannot_judge += 1
        else:
            given.append(int(value))
    counts = dict.fromkeys(scale, 0)
    for value in given:
        counts[value] = counts.get(value, 0) + 1
    n = len(given)
    return RatingStats(
        n=n,
        mean=statistics.fmean(given) if n else None,
        sd=statistics.stdev(given) if n >= 2 else None,
        distribution=tuple(sorted(counts.items())),
        cannot_judge=cannot_judge,
    )


def ratings_by_item(
    ratings: Iterable[Rating], *, items: Sequence[int] = (), scale: Sequence[int] = ()
) -> dict[int, RatingStats]:
    """:func:`rating_stats` per item (whatever the criterion), in the order of ``items`` (each of them present,
    also without ratings), then of first appearance."""
    values: dict[int, list[int | None]] = {item: [] for item in items}
    for rating in ratings:
        values.setdefault(rating.item, []).append(rating.value)
    return {item: rating_stats(item_values, scale=scale) for item, item_values in values.items()}


@dataclass(frozen=True, slots=True)
class MatrixPoint:
    """One item in the matrix of two criteria: its statistics on the x axis and on the y axis."""

    x: RatingStats
    y: RatingStats

    @property
    def score(self) -> float | None:
        """The mean of the two axes' means (the order of a matrix phase); ``None`` unless both have values."""
        if self.x.mean is None or self.y.mean is None:
            return None
        return (self.x.mean + self.y.mean) / 2


def matrix_points(
    ratings: Iterable[Rating], *, x: str, y: str, items: Sequence[int] = (), scale: Sequence[int] = ()
) -> dict[int, MatrixPoint]:
    """Per item the statistics of the ratings on criterion ``x`` and on criterion ``y``.

    Every item of ``items`` is present (then items in order of first appearance); ratings on other criteria
    are ignored. The projector draws each item at (mean x, mean y) with its spread (sd x, sd y).
    """
    if x == y:
        raise ValueError(f"the matrix needs two different criteria, got {x!r} twice")
    values: dict[int, tuple[list[int | None], list[int | None]]] = {item: ([], []) for item in items}
    for rating in ratings:
        if rating.criterion not in (x, y):
            continue
        axes = values.setdefault(rating.item, ([], []))
        axes[0 if rating.criterion == x else 1].append(rating.value)
    return {
        item: MatrixPoint(x=rating_stats(xs, scale=scale), y=rating_stats(ys, scale=scale))
        for item, (xs, ys) in values.items()
    }
