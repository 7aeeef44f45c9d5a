"""Which items count (analysis.workshop.items) and contributions turned into votes (analysis.workshop.ballots)."""

from __future__ import annotations

from standortkompass.analysis.workshop import (
    Entry,
    ItemNode,
    comparisons,
    item_tree,
    point_votes,
    ranking_ballots,
    ratings,
    voters,
)


def test_item_tree_roots_members_and_hidden() -> None:
    nodes = [
        ItemNode(1, position=2),
        ItemNode(2, cluster=1, position=3),  # merged into 1
        ItemNode(3, cluster=2, position=4),  # merged into 2, so counted with 1
        ItemNode(4, position=0, hidden=True),
        ItemNode(5, cluster=4, position=5),  # counted with a hidden item: left out
        ItemNode(6, position=1, kind="cluster"),
        ItemNode(7, cluster=99, position=6),  # its cluster is not in the phase: left out
        ItemNode(8, cluster=9, position=7),  # a loop: left out
        ItemNode(9, cluster=8, position=8),
    ]
    tree = item_tree(nodes)
    assert tree.roots == (6, 1)  # by position
    assert tree.root_of == {1: 1, 2: 1, 3: 1, 6: 6}
    assert tree.members == {1: (2,), 2: (3,)}
    assert tree.hidden == 1
    assert item_tree([ItemNode(1, position=0), ItemNode(2, position=1, kind="cluster")], clusters_first=True).roots == (
        2,
        1,
    )


ROOTS = {10: 10, 11: 10, 20: 20, 30: 30}  # 11 is merged into 10; 40 is hidden (not counted)


def test_point_votes_map_to_roots_and_mark_paper() -> None:
    votes = point_votes(
        [
            Entry(item=11, value=2, voter="a", group="company"),
            Entry(item=40, value=3, voter="a"),
            Entry(item=20, value=4, paper=True),
            Entry(item=20, value=-1, voter="b"),
        ],
        ROOTS,
    )
    assert [(v.item, v.points, v.voter, v.paper) for v in votes] == [
        (10, 2, "a", False),
        (20, 4, None, True),
        (20, 0, "b", False),
    ]


def test_ratings_count_once_per_voter_and_root() -> None:
    found = ratings(
        [
            Entry(item=11, value=2, voter="a"),  # the duplicate first …
            Entry(item=10, value=4, voter="a"),  # … but the rating of the root itself counts
            Entry(item=11, value=3, voter="b"),  # b rated only the duplicate
            Entry(item=10, value=5, voter="c", criterion="x"),
            Entry(item=10, value=1, voter="c", criterion="y"),  # another criterion: both count
            Entry(item=40, value=5, voter="a"),
            Entry(item=20, value=3),  # no voter: counts
            Entry(item=20, value=3),
        ],
        ROOTS,
    )
    assert sorted((r.item, r.value, r.voter or "", r.criterion) for r in found) == [
        (10, 1, "c", "y"),
        (10, 3, "b", ""),
        (10, 4, "a", ""),
        (10, 5, "c", "x"),
        (20, 3, "", ""),
        (20, 3, "", ""),
    ]


def test_comparisons_from_entries() -> None:
    found = comparisons(
        [
            Entry(item=10, value=2, voter="a", other_item=20, key="10-20"),
            Entry(item=30, value=0, voter="a", key="20-30"),  # equal; the pair from the ballot key
            Entry(item=11, value=1, voter="a", other_item=30, key="11-30"),  # 11 counts as 10
            Entry(item=10, value=3, voter="a", other_item=30, key="10-30"),  # a second 10–30 by a: left out
            Entry(item=10, value=1, voter="b", other_item=11, key="10-11"),  # with its own duplicate: left out
            Entry(item=10, value=4, voter="b", other_item=20, key="10-20"),  # strength out of range
            Entry(item=40, value=1, voter="b", other_item=20, key="20-40"),  # hidden
        ],
        ROOTS,
    )
    assert [(c.first, c.second, c.preferred, c.strength) for c in found] == [
        (10, 20, 10, 2),
        (20, 30, None, 0),
        (10, 30, 10, 1),
    ]


def test_ranking_ballots_and_voters() -> None:
    entries = [
        Entry(item=20, value=2, voter="a", group="company"),
        Entry(item=11, value=1, voter="a", group="company"),
        Entry(item=30, value=1, voter="b"),
        Entry(item=40, value=2, voter="b"),
        Entry(item=10, value=None, voter="c"),
        Entry(item=20, value=3, paper=True),
    ]
    assert ranking_ballots(entries, ROOTS) == {"a": ("company", [10, 20]), "b": ("", [30])}
    # a, b and c (paper has no voter)
    assert voters(entries) == (3, {"company": 1, "": 2})
