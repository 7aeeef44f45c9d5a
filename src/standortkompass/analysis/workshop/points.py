"""Dot votes and 100-point allocations: points per item, online and on paper, by stakeholder group."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class PointVote:
    """Points given to one item: by a voter online, or counted on a pinboard (``paper``, no voter, no group)."""

    item: int
    points: int
    voter: Hashable | None = None
    group: str = ""
    paper: bool = False


@dataclass(slots=True)
class PointTotals:
    """One item's points.

    ``total = online + paper``; ``by_group`` splits the online points by the voter's stakeholder group (``""``
    for none; paper points have no group and are only in ``paper``); ``voters`` counts the distinct online
    voters who gave the item at least one point (a paper count has no voters).
    """

    total: int = 0
    online: int = 0
    paper: int = 0
    voters: int = 0
    by_group: dict[str, int] = field(default_factory=dict)


def point_totals(votes: Iterable[PointVote], *, items: Sequence[int] | None = None) -> dict[int, PointTotals]:
    """Totals per item, in the order of ``items`` (then of first appearance).

    With ``items``, every listed item has an entry (zero without votes) and a vote for any other item raises
    ``ValueError``; negative points raise ``ValueError`` too. A voter's several rows for the same item (a merged
    duplicate counted with its card) add up and the voter counts once.
    """
    totals: dict[int, PointTotals] = {item: PointTotals() for item in items or ()}
    voters: dict[int, set[Hashable]] = {}
    for vote in votes:
        if vote.points < 0:
            raise ValueError(f"item {vote.item}: negative points ({vote.points})")
        entry = totals.get(vote.item)
        if entry is None:
            if items is not None:
                raise ValueError(f"a vote for item {vote.item}, which is not among the items")
            entry = totals[vote.item] = PointTotals()
        entry.total += vote.points
        if vote.paper:
            entry.paper += vote.points
            continue
        entry.online += vote.points
        entry.by_group[vote.group] = entry.by_group.get(vote.group, 0) + vote.points
        if vote.points and vote.voter is not None:
            voters.setdefault(vote.item, set()).add(vote.voter)
    for item, entry in totals.items():
        entry.voters = len(voters.get(item, ()))
    return totals


def voter_counts(votes: Iterable[PointVote]) -> tuple[int, dict[str, int]]:
    """Distinct online voters with at least one point, in all and by stakeholder group (a voter's group is the
    one of their first row)."""
    groups: dict[Hashable, str] = {}
    for vote in votes:
        if not vote.paper and vote.points and vote.voter is not None:
            groups.setdefault(vote.voter, vote.group)
    by_group: dict[str, int] = {}
    for group in groups.values():
        by_group[group] = by_group.get(group, 0) + 1
    return len(groups), by_group
