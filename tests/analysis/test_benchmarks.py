import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.strategies import FAST
from standortkompass.analysis import Reason, benchmark, rank_regions

VALUES = pd.Series({"a": 5.0, "b": 3.0, "c": 3.0, "d": 1.0, "e": float("nan")})


def test_ties_share_the_best_rank_and_count_half_in_the_percentile():
    # Higher is better: a=1, b=c=2, d=4. Percentile of b: (1 worse + 0.5 * 1 tie) / 3 others = 50.
    table = rank_regions(VALUES).values

    assert table.loc[["a", "b", "c", "d"], "rank"].tolist() == [1, 2, 2, 4]
    assert table.loc[["a", "b", "d"], "percentile"].tolist() == pytest.approx([100.0, 50.0, 0.0])
    assert (table["count"] == 4).all()


def test_lower_is_better_reverses_the_ranking():
    table = rank_regions(VALUES, higher_is_better=False).values

    assert table.loc[["d", "b", "c", "a"], "rank"].tolist() == [1, 2, 2, 4]


def test_a_region_without_a_value_is_not_ranked_and_is_reported():
    table = rank_regions(VALUES)

    assert math.isnan(table.values.loc["e", "rank"])
    assert [(item.region, item.reason) for item in table.excluded] == [("e", Reason.MISSING)]


def test_a_benchmark_among_a_peer_group_includes_the_region_itself():
    # Among b, d and (added) a: a is best of 3.
    result = benchmark(VALUES, "a", among=["b", "d"])

    assert (result.rank, result.count, result.percentile, result.ties) == (1, 3, 100.0, 0)


def test_a_benchmark_reports_ties():
    result = benchmark(VALUES, "b")

    assert (result.rank, result.count, result.ties, result.percentile) == (2, 4, 1, 50.0)


def test_a_region_alone_has_a_rank_but_no_percentile():
    result = benchmark(VALUES, "a", among=[])

    assert (result.rank, result.count, result.percentile) == (1, 1, None)
    assert [item.reason for item in result.excluded] == [Reason.NO_OTHER_REGION]


def test_a_region_without_a_value_has_no_rank():
    result = benchmark(VALUES, "e")

    assert (result.rank, result.percentile) == (None, None)


def test_a_region_missing_from_the_values_is_an_error():
    with pytest.raises(KeyError, match="no value for region x"):
        benchmark(VALUES, "x")


@FAST
@given(
    st.dictionaries(st.sampled_from(list("abcdefghij")), st.integers(0, 5).map(float), min_size=2),
    st.randoms(use_true_random=False),
)
def test_rank_and_percentile_do_not_depend_on_the_order_of_regions_and_stay_in_range(values, random):
    series = pd.Series(values)
    order = list(series.index)
    random.shuffle(order)

    table = rank_regions(series[order]).values

    pd.testing.assert_frame_equal(table, rank_regions(series).values)
    assert table["rank"].between(1, len(series)).all()
    assert table["percentile"].between(0, 100).all()
    best = series.max()
    assert (table.loc[series[series == best].index, "rank"] == 1).all()
