"""Pairwise comparison with strengths (analysis.workshop.pairwise), hand-computed."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.strategies import FAST
from standortkompass.analysis.workshop import Comparison, pairwise_weights


def test_weights_by_hand() -> None:
    comparisons = [
        # voter a: A over B clearly (2), A over C a little (1), B and C equal
        Comparison(1, 2, preferred=1, strength=2, voter="a"),
        Comparison(1, 3, preferred=1, strength=1, voter="a"),
        Comparison(2, 3, preferred=None, strength=0, voter="a"),
        # voter b: B over A much (3), C over A a little (1), C over B clearly (2)
        Comparison(1, 2, preferred=2, strength=3, voter="b"),
        Comparison(1, 3, preferred=3, strength=1, voter="b"),
        Comparison(2, 3, preferred=3, strength=2, voter="b"),
    ]
    scores = pairwise_weights(comparisons, items=[1, 2, 3, 4])
    # points: A = 2 + 1 = 3; B = 0.5 + 3 = 3.5; C = 0.5 + 1 + 2 = 3.5; D = 0; all = 10
    assert [scores[i].points for i in (1, 2, 3, 4)] == [3.0, 3.5, 3.5, 0.0]
    # weights: 3 / 10 = 0.3, 0.35, 0.35, 0
    assert [scores[i].weight for i in (1, 2, 3, 4)] == pytest.approx([0.3, 0.35, 0.35, 0.0])
    # A won twice (a), lost twice (b); B won once, lost twice, one tie; C won twice, lost once, one tie
    assert (scores[1].wins, scores[1].losses, scores[1].ties, scores[1].comparisons) == (2, 2, 0, 4)
    assert (scores[2].wins, scores[2].losses, scores[2].ties, scores[2].comparisons) == (1, 2, 1, 4)
    assert (scores[3].wins, scores[3].losses, scores[3].ties, scores[3].comparisons) == (2, 1, 1, 4)
    assert scores[4].comparisons == 0


def test_no_comparisons_no_weights() -> None:
    scores = pairwise_weights([], items=[1, 2])
    assert scores[1].weight is None
    assert scores[2].weight is None


@pytest.mark.parametrize(
    ("comparison", "message"),
    [
        (Comparison(1, 1, preferred=1, strength=1), "itself"),
        (Comparison(1, 2, preferred=3, strength=1), "preferred"),
        (Comparison(1, 2, preferred=1, strength=4), "strength"),
        (Comparison(1, 2, preferred=2, strength=0), "strength"),
    ],
)
def test_bad_comparisons_are_refused(comparison: Comparison, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pairwise_weights([comparison])


@st.composite
def comparison_lists(draw: st.DrawFn) -> list[Comparison]:
    items = list(range(1, draw(st.integers(2, 7)) + 1))
    pairs = list(itertools.combinations(items, 2))
    result = []
    for voter in range(draw(st.integers(1, 5))):
        for a, b in draw(st.lists(st.sampled_from(pairs), max_size=len(pairs), unique=True)):
            preferred = draw(st.sampled_from([a, b, None]))
            strength = 0 if preferred is None else draw(st.integers(1, 3))
            result.append(Comparison(a, b, preferred=preferred, strength=strength, voter=voter))
    return result


@FAST
@given(comparison_lists())
def test_weights_add_up_to_one(comparisons: list[Comparison]) -> None:
    scores = pairwise_weights(comparisons)
    # each comparison hands out its strength, or 2 × 0.5 = 1 for "equal"
    assert math.isclose(
        sum(s.points for s in scores.values()), sum(c.strength if c.preferred else 1 for c in comparisons)
    )
    assert sum(s.wins for s in scores.values()) == sum(s.losses for s in scores.values())
    assert sum(s.comparisons for s in scores.values()) == 2 * len(comparisons)
    if comparisons:
        assert math.isclose(sum(s.weight or 0.0 for s in scores.values()), 1.0)
