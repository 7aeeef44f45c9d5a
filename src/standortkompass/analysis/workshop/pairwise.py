"""Pairwise comparison with strengths: points, weights, wins, losses and ties per item."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

STRENGTHS = (1, 2, 3)
"""How strongly the preferred item wins a comparison (a little, clearly, much more important)."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """One voter's comparison of ``first`` and ``second``: ``preferred`` is one of them, or ``None`` for
    "equal"; ``strength`` 1–3 for a preference (ignored for "equal", stored as 0)."""

    first: int
    second: int
    preferred: int | None
    strength: int = 1
    voter: Hashable | None = None
    group: str = ""


@dataclass(slots=True)
class PairwiseScore:
    """One item's share of the pairwise comparisons.

    ``points``: the strengths of the comparisons it won plus 0.5 for each "equal"; ``weight``:
    ``points / all points`` (the weights of all items add up to 1), ``None`` when there are no comparisons at
    all; ``wins``, ``losses``, ``ties`` and ``comparisons`` (their sum) count comparisons.
    """

    points: float = 0.0
    weight: float | None = None
    wins: int = 0
    losses: int = 0
    ties: int = 0
    comparisons: int = 0


def pairwise_weights(comparisons: Iterable[Comparison], *, items: Sequence[int] = ()) -> dict[int, PairwiseScore]:
    r"""Points and weights of the items from pairwise comparisons.

    A comparison in which item :math:`i` is preferred with strength :math:`s \in \{1, 2, 3\}` gives :math:`i`
    :math:`s` points and the other item none; "equal" gives each 0.5. The weight of item :math:`i` is
    :math:`w_i = p_i / \sum_j p_j`, so the weights add up to 1 (each comparison adds at least one point, so
    the sum is positive as soon as there is one comparison). Every item of ``items`` is present (then items in
    order of first appearance). A comparison of an item with itself, a preferred item that is neither of the
    two or a strength outside 1–3 raises ``ValueError``.
    """
    scores: dict[int, PairwiseScore] = {item: PairwiseScore() for item in items}
    for comparison in comparisons:
        first, second = comparison.first, comparison.second
        if first == second:
            raise ValueError(f"item {first} compared with itself")
        a = scores.setdefault(first, PairwiseScore())
        b = scores.setdefault(second, PairwiseScore())
        a.comparisons += 1
        b.comparisons += 1
        if comparison.preferred is None:
            a.points += 0.5
            b.points += 0.5
            a.ties += 1
            b.ties += 1
            continue
        if comparison.preferred not in (first, second):
            raise ValueError(f"item {comparison.preferred} preferred in a comparison of {first} and {second}")
        if comparison.strength not in STRENGTHS:
            raise ValueError(f"strength {comparison.strength} of a comparison is not 1, 2 or 3")
        winner, loser = (a, b) if comparison.preferred == first else (b, a)
        winner.points += comparison.strength
        winner.wins += 1
        loser.losses += 1
    total = sum(score.points for score in scores.values())
    if total > 0:
        for score in scores.values():
            score.weight = score.points / total
    return scores
