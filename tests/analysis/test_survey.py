import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from standortkompass.analysis.survey import (
    crosstab,
    frequency_table,
    likert_diverging,
    numeric_summary,
    poststratification_weights,
    suppress_frequencies,
    suppress_table,
    wilson_interval,
)

# z for 95 %: NormalDist().inv_cdf(0.975) = 1.959964, z² = 3.841459.
Z2 = 3.841459

MANY = settings(max_examples=200, deadline=None)


# Wilson interval


def test_wilson_interval_of_8_out_of_20():
    # p = 0.4, z²/n = 0.192073; centre = (0.4 + 0.096036) / 1.192073 = 0.416113;
    # half = 1.959964 / 1.192073 * sqrt(0.4 * 0.6 / 20 + 3.841459 / 1600) = 1.644166 * sqrt(0.014401) = 0.197306.
    low, high = wilson_interval(8, 20)

    assert low == pytest.approx(0.2188065, abs=1e-6)
    assert high == pytest.approx(0.6134185, abs=1e-6)


def test_wilson_interval_of_no_success_starts_at_zero():
    # x = 0: upper = (z²/n) / (1 + z²/n) = 0.3841459 / 1.3841459 = 0.277533.
    assert wilson_interval(0, 10) == (0.0, pytest.approx(0.277533, abs=1e-6))
    assert wilson_interval(10, 10) == (pytest.approx(1 - 0.277533, abs=1e-6), 1.0)


def test_wilson_interval_is_symmetric_in_successes_and_failures():
    low, high = wilson_interval(3, 17)
    other_low, other_high = wilson_interval(14, 17)

    assert low == pytest.approx(1 - other_high)
    assert high == pytest.approx(1 - other_low)


def test_wilson_interval_accepts_weighted_effective_counts():
    # p = 0.4 in n = 11.25 effective respondents: z²/n = 0.341463;
    # centre = (0.4 + 0.170732) / 1.341463 = 0.425455; half = 1.959964 / 1.341463 * sqrt(0.021333 + 0.007588).
    low, high = wilson_interval(4.5, 11.25)
    half = 1.959964 / (1 + Z2 / 11.25) * math.sqrt(0.4 * 0.6 / 11.25 + Z2 / (4 * 11.25**2))

    assert (low + high) / 2 == pytest.approx((0.4 + Z2 / 22.5) / (1 + Z2 / 11.25), abs=1e-6)
    assert high - low == pytest.approx(2 * half, abs=1e-5)


def test_a_lower_confidence_gives_a_narrower_interval():
    low95, high95 = wilson_interval(8, 20)
    low90, high90 = wilson_interval(8, 20, confidence=0.90)

    assert low95 < low90 < 0.4 < high90 < high95


def test_wilson_interval_without_respondents_is_undefined():
    low, high = wilson_interval(0, 0)

    assert math.isnan(low)
    assert math.isnan(high)


@pytest.mark.parametrize(("successes", "n", "confidence"), [(5, 4, 0.95), (-1, 4, 0.95), (2, 4, 1.0), (2, 4, 0.0)])
def test_wilson_interval_refuses_impossible_arguments(successes, n, confidence):
    with pytest.raises(ValueError, match=r"confidence|negative|exceed"):
        wilson_interval(successes, n, confidence=confidence)


# Frequency tables


def test_a_single_choice_table_counts_the_respondents_who_answered():
    answers = pd.Series(["a", "b", "a", None, "a", np.nan])
    before = answers.copy()

    table = frequency_table(answers, categories=["a", "b", "c"])

    assert table.n == 4
    assert table.n_weighted == 4.0
    assert list(table.rows.index) == ["a", "b", "c"]
    assert table.rows["count"].tolist() == [3, 1, 0]
    assert table.rows["share"].tolist() == [0.75, 0.25, 0.0]
    # Wilson 3 of 4: centre = (0.75 + 0.480182) / 1.960365 = 0.627526, half = 0.326885.
    assert table.rows.loc["a", "ci_low"] == pytest.approx(0.300642, abs=1e-6)
    assert table.rows.loc["a", "ci_high"] == pytest.approx(0.954413, abs=1e-6)
    assert table.rows.loc["c", "ci_low"] == 0.0
    pd.testing.assert_series_equal(answers, before)


def test_a_weighted_table_uses_kish_effective_sample_size_for_the_intervals():
    answers = pd.Series(["a", "b", "a", None, "a", np.nan], index=list("uvwxyz"))
    weights = pd.Series([1.0, 3.0, 1.0, 5.0, 1.0, 2.0], index=list("uvwxyz"))

    table = frequency_table(answers, categories=["a", "b"], weights=weights)

    # Answered: u, v, w, y with weights 1, 3, 1, 1 -> 6; a: 1 + 1 + 1 = 3, b: 3.
    assert table.n == 4
    assert table.n_weighted == 6.0
    assert table.rows["weighted_count"].tolist() == [3.0, 3.0]
    assert table.rows["share"].tolist() == [0.5, 0.5]
    # n_eff = 6² / (1 + 9 + 1 + 1) = 3; the interval is Wilson for 1.5 of 3.
    assert table.effective_n == pytest.approx(3.0)
    assert (table.rows.loc["a", "ci_low"], table.rows.loc["a", "ci_high"]) == pytest.approx(wilson_interval(1.5, 3))


def test_multiple_choice_shares_are_relative_to_respondents_who_answered():
    answers = pd.Series([["a", "b"], ["a"], [], None, ("c", "a", "a")])

    table = frequency_table(answers, categories=["a", "b", "c", "d"], multiple=True)

    # An empty list is no answer: 3 respondents; a chosen by all three (once each), b and c by one.
    assert table.n == 3
    assert table.rows["count"].tolist() == [3, 1, 1, 0]
    assert table.rows["share"].tolist() == pytest.approx([1.0, 1 / 3, 1 / 3, 0.0])
    assert table.rows.loc["a", "ci_high"] == 1.0


def test_multiple_choice_indicator_columns_give_the_table_of_the_lists():
    lists = pd.Series([["a", "b"], ["a"], [], None, ("c", "a", "a")], index=[11, 12, 13, 14, 15])
    indicators = pd.DataFrame(
        {"a": [1, 1, 0, np.nan, 1], "b": [1, 0, 0, np.nan, 0], "c": [0, 0, 0, np.nan, 1], "d": [0, 0, 0, np.nan, 0]},
        index=lists.index,
    )
    weights = pd.Series([1.0, 2.0, 1.0, 1.0, 0.5], index=lists.index)

    for given_weights in (None, weights):
        from_lists = frequency_table(lists, categories=["a", "b", "c", "d"], multiple=True, weights=given_weights)
        from_columns = frequency_table(
            indicators, categories=["a", "b", "c", "d"], multiple=True, weights=given_weights
        )

        # The row of zeros is no answer, like the empty list.
        assert from_columns.n == from_lists.n == 3
        pd.testing.assert_frame_equal(from_columns.rows, from_lists.rows)


def test_indicator_columns_must_be_the_categories_and_hold_0_or_1():
    with pytest.raises(ValueError, match="categories in their order"):
        frequency_table(pd.DataFrame({"b": [1], "a": [0]}), categories=["a", "b"], multiple=True)
    with pytest.raises(ValueError, match="0, 1 or nothing"):
        frequency_table(pd.DataFrame({"a": [2], "b": [0]}), categories=["a", "b"], multiple=True)
    with pytest.raises(ValueError, match="0, 1 or nothing"):
        frequency_table(pd.DataFrame({"a": ["ja"], "b": [0]}), categories=["a", "b"], multiple=True)


def test_categorical_answers_are_read_by_their_codes_in_any_category_order():
    plain = pd.Series(["b", "a", None, "c", "a"])
    categorical = pd.Series(pd.Categorical(plain, categories=["c", "b", "a", "unused"]))

    expected = frequency_table(plain, categories=["a", "b", "c"])
    found = frequency_table(categorical, categories=["a", "b", "c"])

    pd.testing.assert_frame_equal(found.rows, expected.rows)
    assert found.n == 4
    with pytest.raises(ValueError, match="answers that are not among the categories: c"):
        frequency_table(categorical, categories=["a", "b"])


def test_an_answer_outside_the_categories_is_refused_by_name():
    with pytest.raises(ValueError, match="sonstiges"):
        frequency_table(pd.Series(["a", "sonstiges"]), categories=["a", "b"])


def test_a_multiple_choice_answer_must_be_a_list():
    with pytest.raises(TypeError):
        frequency_table(pd.Series(["a b"]), categories=["a", "b"], multiple=True)


def test_weights_must_match_the_answers_and_be_complete():
    answers = pd.Series(["a", "b"], index=[1, 2])
    with pytest.raises(ValueError, match="index"):
        frequency_table(answers, categories=["a", "b"], weights=pd.Series([1.0, 1.0], index=[2, 3]))
    with pytest.raises(ValueError, match="no weight"):
        frequency_table(answers, categories=["a", "b"], weights=pd.Series([1.0, np.nan], index=[1, 2]))
    with pytest.raises(ValueError, match="negative"):
        frequency_table(answers, categories=["a", "b"], weights=pd.Series([1.0, -1.0], index=[1, 2]))


# Numeric summaries


def test_numeric_summary_of_unweighted_answers():
    summary = numeric_summary(pd.Series([4.0, 1.0, 10.0, np.nan, 2.0, 3.0]))

    assert summary.n == 5
    assert summary.mean == pytest.approx(4.0)  # 20 / 5
    assert summary.median == 3.0
    # Deviations -3, -2, -1, 0, 6: squares 50; 50 / 4 = 12.5.
    assert summary.std == pytest.approx(math.sqrt(12.5))
    assert (summary.minimum, summary.maximum) == (1.0, 10.0)
    # Sorted 1, 2, 3, 4, 10: positions 0.25 * 4 = 1 and 0.75 * 4 = 3.
    assert (summary.lower_quartile, summary.upper_quartile) == (2.0, 4.0)


def test_numeric_summary_with_weights():
    values = pd.Series([1.0, 2.0, 3.0])

    summary = numeric_summary(values, weights=pd.Series([1.0, 1.0, 2.0]))

    # W = 4; mean (1 + 2 + 6) / 4 = 2.25. Cumulative weights 1, 2, 4 reach W/2 = 2 exactly at 2 -> (2 + 3) / 2.
    assert summary.mean == pytest.approx(2.25)
    assert summary.median == 2.5
    # 1 * 1.25² + 1 * 0.25² + 2 * 0.75² = 2.75; 2.75 / 4 * 3 / 2 = 1.03125.
    assert summary.std == pytest.approx(math.sqrt(1.03125))
    assert summary.n_weighted == 4.0
    assert numeric_summary(values, weights=pd.Series([1.0, 1.0, 3.0])).median == 3.0  # cumulative 1, 2, 5 >= 2.5


def test_equal_weights_give_the_unweighted_summary():
    values = pd.Series([5.0, 1.0, 8.0, 2.0])

    plain = numeric_summary(values)
    weighted = numeric_summary(values, weights=pd.Series([2.5] * 4))

    assert (weighted.mean, weighted.median, weighted.std) == pytest.approx((plain.mean, plain.median, plain.std))
    assert plain.median == 3.5


def test_numeric_summary_without_answers_is_undefined():
    summary = numeric_summary(pd.Series([np.nan, None], dtype=float))

    assert summary.n == 0
    assert math.isnan(summary.mean)
    assert math.isnan(summary.median)
    assert math.isnan(summary.std)
    assert math.isnan(numeric_summary(pd.Series([3.0])).std)


# Likert scales

SCALE = ["stimme gar nicht zu", "stimme eher nicht zu", "teils/teils", "stimme eher zu", "stimme voll zu"]


def test_likert_shares_exclude_dont_know_and_centre_the_middle_category():
    answers = pd.Series(
        [SCALE[0]] + [SCALE[1]] * 2 + [SCALE[2]] * 2 + [SCALE[3]] * 3 + [SCALE[4]] * 2 + ["weiß nicht"] * 2 + [None]
    )

    row = likert_diverging(answers, scale=SCALE, dont_know=["weiß nicht"])

    assert (row.n, row.n_answered) == (10, 12)
    assert row.segments["share"].tolist() == pytest.approx([0.1, 0.2, 0.2, 0.3, 0.2])
    # Left of zero: 10 + 20 + 20/2 = 40 points; the segments follow each other from -40.
    assert row.segments["start"].tolist() == pytest.approx([-40, -30, -10, 10, 40])
    assert row.segments["end"].tolist() == pytest.approx([-30, -10, 10, 40, 60])
    assert row.dont_know.loc["weiß nicht", "share"] == pytest.approx(2 / 12)
    # (1 * 1 + 2 * 2 + 3 * 2 + 4 * 3 + 5 * 2) / 10 = 33 / 10.
    assert row.mean == pytest.approx(3.3)


def test_an_even_likert_scale_splits_at_the_middle_boundary():
    row = likert_diverging(pd.Series(["--", "-", "+", "++"]), scale=["--", "-", "+", "++"])

    assert row.segments["start"].tolist() == pytest.approx([-50, -25, 0, 25])
    assert row.segments["end"].tolist() == pytest.approx([-25, 0, 25, 50])


def test_weighted_likert_shares():
    answers = pd.Series(["-", "+", "+", "?"])

    row = likert_diverging(answers, scale=["-", "0", "+"], dont_know=["?"], weights=pd.Series([2.0, 1.0, 1.0, 4.0]))

    # Substantive weight 4: "-" 2/4, "0" 0, "+" 2/4. Left: 50 + 0 / 2. Mean (1 * 2 + 3 * 2) / 4 = 2.
    assert row.segments["share"].tolist() == pytest.approx([0.5, 0.0, 0.5])
    assert row.segments["start"].tolist() == pytest.approx([-50, 0, 0])
    assert row.n_weighted == 4.0
    assert row.mean == pytest.approx(2.0)
    assert row.dont_know.loc["?", "share"] == pytest.approx(0.5)  # 4 / 8


def test_likert_without_substantive_answers_is_undefined():
    row = likert_diverging(pd.Series(["?", None]), scale=["-", "+"], dont_know=["?"])

    assert row.n == 0
    assert row.segments["share"].isna().all()
    assert math.isnan(row.mean)
    assert row.dont_know.loc["?", "share"] == 1.0


def test_a_dont_know_category_may_not_also_be_a_scale_point():
    with pytest.raises(ValueError, match="duplicate"):
        likert_diverging(pd.Series(["-"]), scale=["-", "+"], dont_know=["-"])


# Cross-tabulation

SECTORS = pd.Series(["C", "C", "G", "G", "G", None, "C"])
ANSWERS = pd.Series(["ja", "nein", "ja", "ja", None, "ja", "ja"])


def test_crosstab_counts_complete_cases_with_margins():
    table = crosstab(SECTORS, ANSWERS, row_categories=["C", "G", "F"], column_categories=["ja", "nein"])

    # Complete: C-ja, C-nein, G-ja, G-ja, C-ja; respondents 4 and 5 miss one answer.
    assert table.counts.to_numpy().tolist() == [[2, 1], [2, 0], [0, 0]]
    assert table.row_totals.tolist() == [3, 2, 0]
    assert table.column_totals.tolist() == [4, 1]
    assert table.grand_total == 5
    assert table.n_missing == 2
    assert table.column_shares["ja"].tolist() == [0.5, 0.5, 0.0]
    assert table.column_shares["nein"].tolist() == [1.0, 0.0, 0.0]
    assert table.weighted_counts.to_numpy().tolist() == [[2.0, 1.0], [2.0, 0.0], [0.0, 0.0]]


def test_weighted_crosstab():
    weights = pd.Series([1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 3.0])

    table = crosstab(SECTORS, ANSWERS, row_categories=["C", "G"], column_categories=["ja", "nein"], weights=weights)

    # C-ja 1 + 3 = 4, C-nein 2, G-ja 1 + 1 = 2; column ja 6, nein 2.
    assert table.weighted_counts.to_numpy().tolist() == [[4.0, 2.0], [2.0, 0.0]]
    assert table.weighted_column_totals.tolist() == [6.0, 2.0]
    assert table.weighted_grand_total == 8.0
    assert table.column_shares["ja"].tolist() == pytest.approx([4 / 6, 2 / 6])
    assert table.counts.to_numpy().tolist() == [[2, 1], [2, 0]]


def test_crosstab_refuses_answers_of_different_respondents():
    with pytest.raises(ValueError, match="index"):
        crosstab(SECTORS, ANSWERS.set_axis(range(1, 8)), row_categories=["C", "G"], column_categories=["ja", "nein"])


# Small-cell suppression


def test_suppression_of_a_3_by_3_table_worked_by_hand():
    counts = np.array([[20, 3, 15], [12, 14, 10], [8, 9, 30]])
    before = counts.copy()

    result = suppress_table(counts, threshold=5)

    # Primary: 3 (row 1, column b). Rows first: row 1 pairs it with its smallest other cell, 15.
    # Column b pairs 3 with 9 (< 14); column c pairs 15 with 10 (< 30).
    # Second pass: row 2 pairs 10 with 12 (< 14); row 3 pairs 9 with 8 (< 30). Every line now has two.
    assert result.cells.tolist() == [[False, True, True], [True, False, True], [True, True, False]]
    assert not result.row_totals.any()
    assert not result.column_totals.any()
    assert not result.grand_total
    np.testing.assert_array_equal(counts, before)


def test_a_row_with_a_single_cell_hides_its_total():
    # One column: row 1 (3) can only be paired with its total; column a pairs 3 with 10, whose row hides its total;
    # the row totals 3 and 10 are then two hidden entries of the line of row totals.
    result = suppress_table(np.array([[3], [10], [12]]))

    assert result.cells[:, 0].tolist() == [True, True, False]
    assert result.row_totals.tolist() == [True, True, False]
    assert result.column_totals.tolist() == [False]


def test_a_total_below_the_threshold_is_hidden_and_zero_cells_stay_visible():
    # Row 1 = (3, 0), total 3 < 5: the 3 and the row total are hidden, the 0 stays visible.
    # Column a pairs 3 with 7; the line of row totals pairs total 3 with total 15 (< grand total 18).
    result = suppress_table(np.array([[3, 0], [7, 8]]))

    assert result.cells.tolist() == [[True, False], [True, False]]
    assert result.row_totals.tolist() == [True, True]
    assert not result.column_totals.any()
    assert not result.grand_total


def test_a_cell_joining_two_blocks_of_hidden_cells_is_protected():
    # The primary cells form two 2 x 2 blocks joined by the 3 in row 1, column c; every line has two hidden
    # cells, but rows 1 + 2 minus columns a + b give the 3 exactly. The cheapest cell that joins the blocks
    # (rows 3-4 x columns a-b: 30, 40, 45, 35) is 30.
    counts = np.array([[1, 2, 3, 50], [2, 1, 40, 60], [30, 40, 1, 2], [45, 35, 2, 1]])

    result = suppress_table(counts)

    expected = (counts > 0) & (counts < 5)
    expected[2, 0] = True
    assert result.cells.tolist() == expected.tolist()
    assert not determinable_entries(counts, result)


def test_a_table_without_small_cells_shows_everything():
    result = suppress_table(np.array([[5, 0], [0, 7]]))

    assert not result.cells.any()
    assert not result.row_totals.any()
    assert not result.grand_total


def test_suppression_refuses_counts_that_are_not_whole_numbers():
    with pytest.raises(ValueError, match="whole numbers"):
        suppress_table(np.array([[1.5, 2.0]]))
    with pytest.raises(ValueError, match="whole numbers"):
        suppress_table(np.array([[-1, 2]]))
    with pytest.raises(ValueError, match="2-dimensional"):
        suppress_table(np.array([1, 2]))


def augmented(counts: np.ndarray, result) -> tuple[np.ndarray, np.ndarray]:
    """The table with its totals as an (m+1) x (k+1) array, and the hidden mask of it."""
    rows, columns = counts.shape
    table = np.zeros((rows + 1, columns + 1), dtype=np.int64)
    table[:rows, :columns] = counts
    table[:rows, columns] = counts.sum(axis=1)
    table[rows, :columns] = counts.sum(axis=0)
    table[rows, columns] = counts.sum()
    hidden = np.zeros(table.shape, dtype=bool)
    hidden[:rows, :columns] = result.cells
    hidden[:rows, columns] = result.row_totals
    hidden[rows, :columns] = result.column_totals
    hidden[rows, columns] = result.grand_total
    return table, hidden


def determinable_entries(counts: np.ndarray, result) -> list[tuple[int, int]]:
    """Hidden entries that the published equations determine exactly (linear algebra, not the module's graph).

    Every line of the augmented table is an equation: cells minus total = 0. An unknown is determined when its
    unit vector lies in the row space of the equations restricted to the unknowns.
    """
    table, hidden = augmented(counts, result)
    rows, columns = table.shape
    unknowns = [tuple(cell) for cell in np.argwhere(hidden)]
    equations = []
    for line in [[(r, c) for c in range(columns)] for r in range(rows)] + [
        [(r, c) for r in range(rows)] for c in range(columns)
    ]:
        last = line[-1]
        equations.append([(-1.0 if cell == last else 1.0) if cell in line else 0.0 for cell in unknowns])
    if not unknowns:
        return []
    system = np.array(equations)
    rank = np.linalg.matrix_rank(system)
    found = []
    for index, cell in enumerate(unknowns):
        unit = np.zeros(len(unknowns))
        unit[index] = 1.0
        if np.linalg.matrix_rank(np.vstack([system, unit])) == rank:
            found.append(cell)
    return found


small_tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda rows: st.integers(min_value=1, max_value=5).flatmap(
        lambda columns: st.lists(
            st.lists(st.one_of(st.integers(0, 6), st.integers(0, 40)), min_size=columns, max_size=columns),
            min_size=rows,
            max_size=rows,
        )
    )
)


@MANY
@given(small_tables, st.integers(min_value=1, max_value=8))
def test_suppressed_tables_show_no_small_cell_and_give_none_away(rows, threshold):
    counts = np.array(rows, dtype=np.int64)

    result = suppress_table(counts, threshold=threshold)
    table, hidden = augmented(counts, result)

    # (a) visible body cells are 0 or at least the threshold; so are visible totals.
    assert ((table[~hidden] == 0) | (table[~hidden] >= threshold)).all()
    # (b) a body row or column with hidden cells has at least two, unless its total is hidden.
    for row in range(counts.shape[0]):
        assert result.cells[row].sum() != 1 or result.row_totals[row]
    for column in range(counts.shape[1]):
        assert result.cells[:, column].sum() != 1 or result.column_totals[column]
    # (c) no line of the table with its totals has exactly one unknown.
    assert 1 not in hidden.sum(axis=0).tolist() + hidden.sum(axis=1).tolist()
    # and no combination of the published equations determines a hidden entry.
    assert determinable_entries(counts, result) == []


def test_one_way_suppression_hides_the_next_smallest_category():
    # 3 is the only small count; the next smallest non-zero count, 12, is hidden with it; 0 stays visible.
    result = suppress_frequencies(np.array([12, 3, 20, 0]), threshold=5, total=35)

    assert result.cells.tolist() == [True, True, False, False]
    assert not result.total


def test_one_way_suppression_with_two_small_categories_hides_only_them():
    result = suppress_frequencies([12, 3, 2, 20], total=37)

    assert result.cells.tolist() == [False, True, True, False]


def test_one_way_suppression_of_a_small_total_hides_everything():
    result = suppress_frequencies([1, 3, 0], threshold=5, total=4)

    assert result.cells.all()
    assert result.total


def test_one_way_suppression_hides_a_zero_or_the_total_when_nothing_else_is_left():
    assert suppress_frequencies([3, 0], total=8).cells.tolist() == [True, True]
    only = suppress_frequencies([3], total=10)
    assert only.cells.tolist() == [True]
    assert only.total


def test_one_way_suppression_refuses_a_total_below_a_count():
    with pytest.raises(ValueError, match="total"):
        suppress_frequencies([7, 2], total=6)


@MANY
@given(st.lists(st.integers(0, 30), min_size=1, max_size=6), st.integers(1, 8))
def test_one_way_suppression_shows_no_small_count_and_no_single_gap(values, threshold):
    counts = np.array(values)

    result = suppress_frequencies(counts, threshold=threshold, total=int(counts.sum()))

    visible = counts[~result.cells]
    assert ((visible == 0) | (visible >= threshold)).all()
    assert result.cells.sum() != 1 or result.total


# Post-stratification weights

POPULATION = {"A": 600.0, "B": 300.0, "C": 100.0}
SAMPLE = pd.Series(["A", "A", "B", "B", "B", "C", "C", "C", "C", "C", None], index=range(100, 111))


def test_poststratification_weights_worked_by_hand():
    before = SAMPLE.copy()

    result = poststratification_weights(SAMPLE, POPULATION)

    # n = 10 with a cell. A: 0.6 / 0.2 = 3; B: 0.3 / 0.3 = 1; C: 0.1 / 0.5 = 0.2.
    assert result.weights.iloc[:10].tolist() == pytest.approx([3, 3, 1, 1, 1, 0.2, 0.2, 0.2, 0.2, 0.2])
    assert math.isnan(result.weights.iloc[10])
    assert result.unweighted == 1
    assert list(result.weights.index) == list(SAMPLE.index)
    # 2 * 3 + 3 * 1 + 5 * 0.2 = 10 = n.
    assert result.weights.sum() == pytest.approx(10.0)
    # deff = n * sum(w²) / (sum w)² = 10 * (18 + 3 + 0.2) / 100 = 2.12; n_eff = 100 / 21.2.
    assert result.design_effect == pytest.approx(2.12)
    assert result.effective_sample_size == pytest.approx(100 / 21.2)
    assert result.cells["respondents"].tolist() == [2, 3, 5]
    assert result.empty_cells == ()
    pd.testing.assert_series_equal(SAMPLE, before)


def test_the_share_of_an_empty_cell_is_spread_over_the_others():
    result = poststratification_weights(SAMPLE, {**POPULATION, "D": 1000.0, "E": 0.0})

    # D (half the population) has no respondent: the other cells keep their shares among themselves.
    assert result.empty_cells == ("D",)
    assert result.cells.loc["A", "population_share"] == pytest.approx(0.3)
    assert result.cells.loc["A", "target_share"] == pytest.approx(0.6)
    assert result.cells.loc["D", "target_share"] == 0.0
    assert math.isnan(result.cells.loc["D", "weight"])
    assert result.weights.iloc[:10].tolist() == pytest.approx([3, 3, 1, 1, 1, 0.2, 0.2, 0.2, 0.2, 0.2])


def test_respondents_in_cells_outside_the_population_are_refused_with_the_cells_named():
    sample = pd.Series(["A", "Z", "C", "Y"])

    with pytest.raises(ValueError, match="C, Y, Z"):
        poststratification_weights(sample, {"A": 10.0, "C": 0.0})


def test_a_sample_that_mirrors_the_population_gets_weight_one():
    result = poststratification_weights(pd.Series(["A"] * 6 + ["B"] * 3 + ["C"]), POPULATION)

    assert result.weights.tolist() == pytest.approx([1.0] * 10)
    assert result.design_effect == pytest.approx(1.0)


def test_poststratification_weights_feed_a_weighted_frequency_table():
    weights = poststratification_weights(SAMPLE, POPULATION).weights
    answers = pd.Series(["ja", "nein", "ja", "ja", "nein", "ja", "ja", "ja", "ja", "ja", "ja"], index=SAMPLE.index)

    with pytest.raises(ValueError, match="no weight"):
        frequency_table(answers, categories=["ja", "nein"], weights=weights)
    table = frequency_table(answers.iloc[:10], categories=["ja", "nein"], weights=weights.iloc[:10])

    # nein: one A (3) and one B (1) -> 4 of 10.
    assert table.rows.loc["nein", "share"] == pytest.approx(0.4)
    assert table.effective_n == pytest.approx(100 / 21.2)
