"""Dot votes and 100-point allocations (analysis.workshop.points), hand-computed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.strategies import FAST
from standortkompass.analysis.workshop import PointVote, point_totals, voter_counts


def test_dot_vote_totals_online_paper_groups_and_voters() -> None:
    votes = [
        PointVote(item=1, points=2, voter="a", group="company"),
        PointVote(item=1, points=1, voter="b", group="municipality"),
        PointVote(item=2, points=3, voter="a", group="company"),
        PointVote(item=2, points=0, voter="b", group="municipality"),  # a zero row: no voter
        PointVote(item=1, points=4, paper=True),
        PointVote(item=3, points=5, paper=True),
    ]
    totals = point_totals(votes, items=[1, 2, 3, 4])
    # item 1: online 2 (a) + 1 (b) = 3, paper 4, total 7; voters a, b = 2; company 2, municipality 1
    assert (totals[1].total, totals[1].online, totals[1].paper, totals[1].voters) == (7, 3, 4, 2)
    assert totals[1].by_group == {"company": 2, "municipality": 1}
    # item 2: online 3 + 0 = 3, no paper; only a gave points → 1 voter; b's zero still shows the group with 0
    assert (totals[2].total, totals[2].online, totals[2].paper, totals[2].voters) == (3, 3, 0, 1)
    assert totals[2].by_group == {"company": 3, "municipality": 0}
    # item 3: paper only: total 5, no voters, no group
    assert (totals[3].total, totals[3].online, totals[3].paper, totals[3].voters) == (5, 0, 5, 0)
    assert totals[3].by_group == {}
    # item 4: no votes
    assert (totals[4].total, totals[4].voters) == (0, 0)
    assert list(totals) == [1, 2, 3, 4]
    # voters: a (company), b (municipality: the 1 point on item 1) = 2
    assert voter_counts(votes) == (2, {"company": 1, "municipality": 1})


def test_hundred_points_and_a_merged_duplicate() -> None:
    # Two voters spend 100 points each; voter a's 10 points on a duplicate (merged into item 1) arrive as a
    # second row for item 1: a counts once.
    votes = [
        PointVote(item=1, points=60, voter="a", group="science"),
        PointVote(item=1, points=10, voter="a", group="science"),
        PointVote(item=2, points=30, voter="a", group="science"),
        PointVote(item=1, points=25, voter="b"),
        PointVote(item=2, points=75, voter="b"),
    ]
    totals = point_totals(votes)
    # item 1: 60 + 10 + 25 = 95 by a and b; item 2: 30 + 75 = 105; together 200 = 2 × 100
    assert (totals[1].total, totals[1].voters) == (95, 2)
    assert (totals[2].total, totals[2].voters) == (105, 2)
    assert totals[1].by_group == {"science": 70, "": 25}
    assert sum(t.total for t in totals.values()) == 200


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        point_totals([PointVote(item=1, points=-1, voter="a")])
    with pytest.raises(ValueError, match="not among the items"):
        point_totals([PointVote(item=9, points=1, voter="a")], items=[1, 2])


votes_strategy = st.lists(
    st.builds(
        PointVote,
        item=st.integers(1, 6),
        points=st.integers(0, 20),
        voter=st.sampled_from(["a", "b", "c", None]),
        group=st.sampled_from(["", "company", "science"]),
        paper=st.booleans(),
    ),
    max_size=40,
)


@FAST
@given(votes_strategy)
def test_totals_add_up_to_the_input(votes: list[PointVote]) -> None:
    totals = point_totals(votes)
    assert sum(t.total for t in totals.values()) == sum(v.points for v in votes)
    assert sum(t.paper for t in totals.values()) == sum(v.points for v in votes if v.paper)
    for entry in totals.values():
        assert entry.total == entry.online + entry.paper
        assert sum(entry.by_group.values()) == entry.online
    voters, by_group = voter_counts(votes)
    assert sum(by_group.values()) == voters
    assert all(entry.voters <= voters for entry in totals.values())
