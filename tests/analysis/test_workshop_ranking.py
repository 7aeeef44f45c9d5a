"""Rankings (Borda), the order by score with the top N, and commitments (analysis.workshop), hand-computed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.strategies import FAST
from standortkompass.analysis.workshop import (
    CommitmentRow,
    borda,
    commitment_counts,
    ranked_ids,
    tied_at_cut,
    top_n,
)


def test_borda_by_hand() -> None:
    # n = 4 items: rank 1 → 3 points, rank 2 → 2, rank 3 → 1, rank 4 → 0
    ballots = [
        [10, 20, 30, 40],  # 10: 3, 20: 2, 30: 1, 40: 0
        [20, 10, 40, 30],  # 20: 3, 10: 2, 40: 1, 30: 0
        [20, 30],  # a short ballot: 20: 3, 30: 2, 10 and 40 nothing
    ]
    scores = borda(ballots, items=[10, 20, 30, 40])
    # 10: 3 + 2 = 5, ranks 1, 2 → mean 1.5, n 2
    assert (scores[10].points, scores[10].mean_rank, scores[10].n) == (5, 1.5, 2)
    # 20: 2 + 3 + 3 = 8, ranks 2, 1, 1 → mean 4 / 3
    assert (scores[20].points, scores[20].n) == (8, 3)
    assert scores[20].mean_rank == pytest.approx(4 / 3)
    # 30: 1 + 0 + 2 = 3, ranks 3, 4, 2 → mean 3
    assert (scores[30].points, scores[30].mean_rank, scores[30].n) == (3, 3.0, 3)
    # 40: 0 + 1 = 1, ranks 4, 3 → mean 3.5
    assert (scores[40].points, scores[40].mean_rank, scores[40].n) == (1, 3.5, 2)


def test_borda_drops_unknown_items_and_counts_the_rest_again() -> None:
    # item 99 was hidden: the ballot [99, 10, 20] ranks 10 first and 20 second among items 10, 20, 30
    scores = borda([[99, 10, 20, 10]], items=[10, 20, 30])
    assert (scores[10].points, scores[10].mean_rank) == (2, 1.0)
    assert (scores[20].points, scores[20].mean_rank) == (1, 2.0)
    assert (scores[30].points, scores[30].mean_rank, scores[30].n) == (0, None, 0)


@FAST
@given(
    st.lists(st.permutations([1, 2, 3, 4, 5]).flatmap(lambda p: st.integers(0, 5).map(lambda k: p[:k])), max_size=30)
)
def test_borda_hands_out_the_points_of_the_ranks(ballots: list[list[int]]) -> None:
    scores = borda(ballots, items=[1, 2, 3, 4, 5])
    # a ballot of k items hands out (5 − 1) + (5 − 2) + … + (5 − k)
    assert sum(s.points for s in scores.values()) == sum(sum(5 - r for r in range(1, len(b) + 1)) for b in ballots)
    assert sum(s.n for s in scores.values()) == sum(len(b) for b in ballots)


def test_order_and_top_n_with_ties() -> None:
    scores = {1: 5.0, 2: 7.0, 3: 5.0, 4: None, 5: 5.0, 6: 0.0}
    positions = {1: 3, 2: 4, 3: 1, 4: 0, 5: 2, 6: 5}
    # by score: 2 (7); then the 5s by position: 3 (pos 1), 5 (pos 2), 1 (pos 3); then 6 (0); 4 (no score) last
    assert ranked_ids(scores, positions=positions) == [2, 3, 5, 1, 6, 4]
    # exactly N: the top 3 cuts through the 5s; item 1 is tied with the 3rd and left out
    assert top_n(scores, 3, positions=positions) == [2, 3, 5]
    assert tied_at_cut(scores, 3, positions=positions) == [1]
    assert tied_at_cut(scores, 4, positions=positions) == []
    assert top_n(scores, 10, positions=positions) == [2, 3, 5, 1, 6, 4]
    assert top_n(scores, 0) == []
    # without positions: equal scores by id
    assert ranked_ids({7: 1.0, 3: 1.0, 5: 2.0}) == [5, 3, 7]
    with pytest.raises(ValueError, match="negative"):
        top_n(scores, -1)


def test_commitment_counts() -> None:
    rows = [
        CommitmentRow(1, "lead"),
        CommitmentRow(1, "support"),
        CommitmentRow(1, "support"),
        CommitmentRow(2, "partner"),
    ]
    counts = commitment_counts(rows, items=[1, 2, 3])
    assert (counts[1].total, counts[1].by_role) == (3, {"lead": 1, "support": 2})
    assert (counts[2].total, counts[2].by_role) == (1, {"partner": 1})
    assert (counts[3].total, counts[3].by_role) == (0, {})
