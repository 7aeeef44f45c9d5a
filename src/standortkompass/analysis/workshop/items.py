"""Which items of a phase count on their own: the tree of clusters, cards and merged duplicates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

CLUSTER = "cluster"
# A chain of merged cards and clusters is short; the limit only guards against a loop in broken data.
MAX_DEPTH = 50


@dataclass(frozen=True, slots=True)
class ItemNode:
    """An item of a phase: ``cluster`` is the item it is counted with (its cluster, or the card it was merged
    into), ``None`` if it stands on its own."""

    id: int
    cluster: int | None = None
    hidden: bool = False
    position: int = 0
    kind: str = "card"


@dataclass(frozen=True, slots=True)
class ItemTree:
    """The counted items of a phase.

    ``roots``: the items that stand on their own, by position then id (with ``clusters_first``: the clusters,
    then the other items); ``root_of``: every counted item's root (a root is its own); ``members``: the direct
    members of an item, by position then id; ``hidden``: how many items are hidden.
    """

    roots: tuple[int, ...]
    root_of: dict[int, int]
    members: dict[int, tuple[int, ...]]
    hidden: int


def item_tree(nodes: Iterable[ItemNode], *, clusters_first: bool = False) -> ItemTree:
    """The tree of the items: an item counts with the item at the top of its ``cluster`` chain.

    A hidden item is not counted, and neither is anything counted with it (its members and theirs); an item
    whose ``cluster`` is not among the nodes, or that lies on a loop, is not counted either.
    """
    ordered = sorted(nodes, key=lambda node: (node.position, node.id))
    by_id = {node.id: node for node in ordered}
    root_of: dict[int, int] = {}
    for node in ordered:
        current, depth, counted = node, 0, not node.hidden
        while counted and current.cluster is not None:
            parent = by_id.get(current.cluster)
            depth += 1
            counted = parent is not None and not parent.hidden and parent.id != node.id and depth <= MAX_DEPTH
            current = parent if parent is not None else current
        if counted:
            root_of[node.id] = current.id
    members: dict[int, list[int]] = {}
    roots: list[int] = []
    for node in ordered:
        if node.id not in root_of:
            continue
        if node.cluster is None:
            roots.append(node.id)
        else:
            members.setdefault(node.cluster, []).append(node.id)
    if clusters_first:
        roots = [r for r in roots if by_id[r].kind == CLUSTER] + [r for r in roots if by_id[r].kind != CLUSTER]
    return ItemTree(
        roots=tuple(roots),
        root_of=root_of,
        members={item: tuple(ids) for item, ids in members.items()},
        hidden=sum(1 for node in ordered if node.hidden),
    )
