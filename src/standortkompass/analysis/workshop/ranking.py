"""Rankings: Borda points and the mean rank per item."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RankScore:
    """One item's Borda points, its mean rank over the ballots that rank it (``None`` if none does) and the
    number ``n`` of those ballots."""

    points: int
    mean_rank: float | None
    n: int


def borda(ballots: Iterable[Sequence[int]], *, items: Sequence[int]) -> dict[int, RankScore]:
    r"""Borda count of ballots, each a sequence of item ids from best to worst.

    With :math:`n` = ``len(items)``, the item on rank :math:`r` of a ballot gets :math:`n - r` points (rank 1
    gets :math:`n - 1`, rank :math:`n` none); an item a ballot leaves out gets no points from it. A ballot is
    first reduced to ``items`` (ids not among them are dropped, a repeated id counts at its first place) and
    the ranks are counted in what remains, so a ballot over items that were later hidden or merged still
    ranks the others 1, 2, 3 … Every item of ``items`` is present in the result, in that order.
    """
    order = list(dict.fromkeys(items))
    n = len(order)
    known = set(order)
    points = dict.fromkeys(order, 0)
    rank_sums = dict.fromkeys(order, 0)
    counts = dict.fromkeys(order, 0)
    for ballot in ballots:
        ranked = [item for item in dict.fromkeys(ballot) if item in known]
        for rank, item in enumerate(ranked, start=1):
            points[item] += n - rank
            rank_sums[item] += rank
            counts[item] += 1
    return {
        item: RankScore(
            points=points[item],
            mean_rank=rank_sums[item] / counts[item] if counts[item] else None,
            n=counts[item],
        )
        for item in order
    }
