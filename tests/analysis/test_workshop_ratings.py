"""Ratings on a scale and the two-criteria matrix (analysis.workshop.ratings), hand-computed."""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.strategies import FAST
from standortkompass.analysis.workshop import MatrixPoint, Rating, matrix_points, rating_stats, ratings_by_item

SCALE = range(1, 6)


def test_rating_stats_by_hand() -> None:
    stats = rating_stats([4, 5, 3, 4, None, 4, None], scale=SCALE)
    # values 4, 5, 3, 4, 4: n = 5, mean = 20 / 5 = 4.0
    # squared deviations 0, 1, 1, 0, 0 → sum 2; sample variance 2 / (5 − 1) = 0.5; sd = √0.5 ≈ 0.7071
    assert stats.n == 5
    assert stats.mean == 4.0
    assert stats.sd == pytest.approx(math.sqrt(0.5))
    assert stats.cannot_judge == 2
    assert stats.distribution == ((1, 0), (2, 0), (3, 1), (4, 3), (5, 1))


def test_one_value_has_no_sd_and_none_has_no_mean() -> None:
    one = rating_stats([2], scale=SCALE)
    assert (one.n, one.mean, one.sd) == (1, 2.0, None)
    nothing = rating_stats([None, None], scale=SCALE)
    assert (nothing.n, nothing.mean, nothing.sd, nothing.cannot_judge) == (0, None, None, 2)
    assert sum(count for _, count in nothing.distribution) == 0


def test_a_value_outside_the_scale_is_counted_not_lost() -> None:
    stats = rating_stats([1, 7], scale=range(1, 4))
    assert stats.distribution == ((1, 1), (2, 0), (3, 0), (7, 1))


def test_ratings_by_item_keeps_every_item() -> None:
    result = ratings_by_item(
        [Rating(item=1, value=2), Rating(item=1, value=4), Rating(item=3, value=None)], items=[1, 2, 3], scale=SCALE
    )
    # item 1: mean (2 + 4) / 2 = 3, sd √(((2−3)² + (4−3)²) / 1) = √2
    assert result[1].mean == 3.0
    assert result[1].sd == pytest.approx(math.sqrt(2))
    assert result[2].n == 0
    assert (result[3].n, result[3].cannot_judge) == (0, 1)


def test_matrix_means_and_spread_by_hand() -> None:
    ratings = [
        # item 1, Wirkung (x): 5, 4, 3 → mean 4, deviations 1, 0, −1 → var 2 / 2 = 1, sd 1
        Rating(item=1, criterion="impact", value=5, voter="a"),
        Rating(item=1, criterion="impact", value=4, voter="b"),
        Rating(item=1, criterion="impact", value=3, voter="c"),
        # item 1, Umsetzbarkeit (y): 2, 2, cannot judge → mean 2, sd 0, n 2, 1 cannot judge
        Rating(item=1, criterion="feasibility", value=2, voter="a"),
        Rating(item=1, criterion="feasibility", value=2, voter="b"),
        Rating(item=1, criterion="feasibility", value=None, voter="c"),
        # item 2: x 1 and 5 → mean 3, var ((−2)² + 2²) / 1 = 8, sd √8; y only cannot judge
        Rating(item=2, criterion="impact", value=1, voter="a"),
        Rating(item=2, criterion="impact", value=5, voter="b"),
        Rating(item=2, criterion="feasibility", value=None, voter="a"),
        # another criterion is ignored
        Rating(item=2, criterion="cost", value=5, voter="a"),
    ]
    points = matrix_points(ratings, x="impact", y="feasibility", items=[1, 2, 3], scale=SCALE)
    one = points[1]
    assert (one.x.n, one.x.mean, one.x.sd, one.x.cannot_judge) == (3, 4.0, 1.0, 0)
    assert (one.y.n, one.y.mean, one.y.sd, one.y.cannot_judge) == (2, 2.0, 0.0, 1)
    # score: mean of the two means (4 + 2) / 2 = 3
    assert one.score == 3.0
    two = points[2]
    assert (two.x.n, two.x.mean) == (2, 3.0)
    assert two.x.sd == pytest.approx(math.sqrt(8))
    assert (two.y.n, two.y.mean, two.y.cannot_judge) == (0, None, 1)
    assert two.score is None
    assert isinstance(points[3], MatrixPoint)
    assert points[3].x.n == points[3].y.n == 0


def test_matrix_needs_two_criteria() -> None:
    with pytest.raises(ValueError, match="two different criteria"):
        matrix_points([], x="impact", y="impact")


@FAST
@given(st.lists(st.one_of(st.none(), st.integers(1, 5)), max_size=60))
def test_counts_add_up_and_sd_matches_statistics(values: list[int | None]) -> None:
    stats = rating_stats(values, scale=SCALE)
    given_values = [v for v in values if v is not None]
    assert stats.n + stats.cannot_judge == len(values)
    assert sum(count for _, count in stats.distribution) == stats.n
    if len(given_values) >= 2:
        assert stats.sd == pytest.approx(statistics.stdev(given_values))
        assert stats.mean is not None
        assert 1 <= stats.mean <= 5
