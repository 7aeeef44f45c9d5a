"""Commitments: how many signed up to carry each item forward, and in which role."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CommitmentRow:
    item: int
    role: str


@dataclass(slots=True)
class CommitmentCount:
    """One item's commitments in all and by role (lead, partner, support)."""

    total: int = 0
    by_role: dict[str, int] = field(default_factory=dict)


def commitment_counts(rows: Iterable[CommitmentRow], *, items: Sequence[int] = ()) -> dict[int, CommitmentCount]:
    """Commitments per item (every item of ``items`` present, then items in order of first appearance)."""
    counts: dict[int, CommitmentCount] = {item: CommitmentCount() for item in items}
    for row in rows:
        entry = counts.setdefault(row.item, CommitmentCount())
        entry.total += 1
        entry.by_role[row.role] = entry.by_role.get(row.role, 0) + 1
    return counts
