"""The order of items by score, and the top N (the funnel's "top N of an earlier phase")."""

from __future__ import annotations

from collections.abc import Mapping


def _key(item: int, scores: Mapping[int, float | None], positions: Mapping[int, int] | None) -> tuple[object, ...]:
    score = scores[item]
    position = positions.get(item, 0) if positions is not None else 0
    # Items without a score (nobody rated them) come after all items with one.
    return (score is None, -(score or 0.0), position, item)


def ranked_ids(scores: Mapping[int, float | None], *, positions: Mapping[int, int] | None = None) -> list[int]:
    """The item ids by score, highest first; equal scores by the item's position, then by id; items whose
    score is ``None`` last (in the same order among themselves)."""
    return sorted(scores, key=lambda item: _key(item, scores, positions))


def top_n(scores: Mapping[int, float | None], n: int, *, positions: Mapping[int, int] | None = None) -> list[int]:
    """The first ``n`` ids of :func:`ranked_ids`: **exactly** ``n`` (or all if there are fewer).

    Ties at the cut are not widened: of several items with the same score as the N-th, the one with the
    earlier position (then the smaller id) goes on. :func:`tied_at_cut` names the ones that did not, so a
    facilitator can be told and pick by hand. Items without a score are only taken when fewer than ``n``
    items have one.
    """
    if n < 0:
        raise ValueError(f"top {n}: N must not be negative")
    return ranked_ids(scores, positions=positions)[:n]


def tied_at_cut(scores: Mapping[int, float | None], n: int, *, positions: Mapping[int, int] | None = None) -> list[int]:
    """The items left out of :func:`top_n` although their score equals that of the N-th item (in order)."""
    ranked = ranked_ids(scores, positions=positions)
    if n <= 0 or n >= len(ranked):
        return []
    last = scores[ranked[n - 1]]
    return [item for item in ranked[n:] if scores[item] == last]
