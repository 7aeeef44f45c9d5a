"""Contributions as read from the database, turned into the votes, ratings, comparisons and ballots that the
other modules count — mapped to the items they count for (``items.ItemTree.root_of``)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from standortkompass.analysis.workshop.pairwise import STRENGTHS, Comparison
from standortkompass.analysis.workshop.points import PointVote
from standortkompass.analysis.workshop.ratings import Rating


@dataclass(frozen=True, slots=True)
class Entry:
    """One contribution: ``item`` and ``value`` as stored (points, a scale value or ``None`` for "cannot
    judge", a pairwise strength with ``item`` the preferred one, a rank); ``voter`` ``None`` for a paper count;
    ``other_item`` and ``key`` (the ballot key ``"<min>-<max>"``) name a pairwise comparison's pair."""

    item: int
    value: int | None
    voter: Hashable | None = None
    group: str = ""
    criterion: str = ""
    other_item: int | None = None
    key: str = ""
    paper: bool = False


def point_votes(entries: Iterable[Entry], root_of: Mapping[int, int]) -> list[PointVote]:
    """Points for the counted items (entries on items not counted are left out; a negative value counts 0)."""
    return [
        PointVote(
            item=root_of[entry.item],
            points=max(entry.value or 0, 0),
            voter=None if entry.paper else entry.voter,
            group="" if entry.paper else entry.group,
            paper=entry.paper or entry.voter is None,
        )
        for entry in entries
        if entry.item in root_of
    ]


def ratings(entries: Iterable[Entry], root_of: Mapping[int, int]) -> list[Rating]:
    """Ratings of the counted items, one per voter, root and criterion.

    A voter who rated a card and its merged duplicate rated the same item twice: the rating of the root itself
    counts, else that of the item with the smallest id. Ratings without a voter (paper) all count.
    """
    chosen: dict[tuple[Hashable, int, str], tuple[tuple[bool, int], Rating]] = {}
    anonymous: list[Rating] = []
    for entry in entries:
        root = root_of.get(entry.item)
        if root is None:
            continue
        rating = Rating(item=root, value=entry.value, criterion=entry.criterion, voter=entry.voter, group=entry.group)
        if entry.voter is None:
            anonymous.append(rating)
            continue
        rank = (entry.item != root, entry.item)
        key = (entry.voter, root, entry.criterion)
        if key not in chosen or rank < chosen[key][0]:
            chosen[key] = (rank, rating)
    return [rating for _, rating in chosen.values()] + anonymous


def _pair(entry: Entry) -> tuple[int, int] | None:
    if entry.other_item is not None:
        return entry.item, entry.other_item
    first, _, second = entry.key.partition("-")
    if first.isdigit() and second.isdigit():
        return int(first), int(second)
    return None


def comparisons(entries: Iterable[Entry], root_of: Mapping[int, int]) -> list[Comparison]:
    """Pairwise comparisons of the counted items.

    A comparison counts for the pair of roots; per voter only the first comparison of a pair counts (a merged
    duplicate makes two comparisons the same). Comparisons of an item with its own duplicate, of items not
    counted and with a value outside 0–3 are left out; value 0 is "equal".
    """
    result: list[Comparison] = []
    seen: set[tuple[Hashable, int, int]] = set()
    for entry in entries:
        pair = _pair(entry)
        strength = entry.value
        if pair is None or strength is None or (strength != 0 and strength not in STRENGTHS):
            continue
        first, second = root_of.get(pair[0]), root_of.get(pair[1])
        if first is None or second is None or first == second:
            continue
        if entry.voter is not None:
            key = (entry.voter, min(first, second), max(first, second))
            if key in seen:
                continue
            seen.add(key)
        preferred = root_of.get(entry.item) if strength else None
        if preferred not in (first, second):
            preferred, strength = None, 0
        result.append(Comparison(first, second, preferred, strength, voter=entry.voter, group=entry.group))
    return result


def ranking_ballots(entries: Iterable[Entry], root_of: Mapping[int, int]) -> dict[Hashable, tuple[str, list[int]]]:
    """Per voter their group and their ballot, best first: entries ordered by rank (``value``), then item id,
    mapped to roots (``ranking.borda`` keeps a repeated root at its best place). Entries without a voter or a
    rank, or on items not counted, are left out."""
    ranks: dict[Hashable, list[tuple[int, int]]] = {}
    groups: dict[Hashable, str] = {}
    for entry in entries:
        if entry.voter is None or entry.value is None or entry.item not in root_of:
            continue
        ranks.setdefault(entry.voter, []).append((entry.value, entry.item))
        groups.setdefault(entry.voter, entry.group)
    return {voter: (groups[voter], [root_of[item] for _, item in sorted(found)]) for voter, found in ranks.items()}


def voters(entries: Iterable[Entry]) -> tuple[int, dict[str, int]]:
    """Distinct voters (paper counts have none), in all and by group (a voter's group is that of their first
    entry)."""
    groups: dict[Hashable, str] = {}
    for entry in entries:
        if entry.voter is not None and not entry.paper:
            groups.setdefault(entry.voter, entry.group)
    by_group: dict[str, int] = {}
    for group in groups.values():
        by_group[group] = by_group.get(group, 0) + 1
    return len(groups), by_group
