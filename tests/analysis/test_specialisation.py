import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.strategies import FAST, matrices, region_and_reference
from standortkompass.analysis import (
    Reason,
    concentration,
    hachman_index,
    krugman_index,
    specialisation_by_region,
    specialisation_indices,
    theil_index,
)

# Region shares s = (0.25, 0.75), reference shares S = (0.5, 0.5).
REGION = pd.Series({"A": 10.0, "B-E": 30.0}, name="08118")
REFERENCE = pd.Series({"A": 50.0, "B-E": 50.0}, name="DG")


def test_krugman_index_sums_the_absolute_share_differences():
    # |0.25 - 0.5| + |0.75 - 0.5| = 0.5
    assert krugman_index(REGION, REFERENCE) == pytest.approx(0.5)


def test_hachman_index_is_the_inverse_of_the_share_weighted_location_quotients():
    # 1 / (0.25^2 / 0.5 + 0.75^2 / 0.5) = 1 / (0.125 + 1.125) = 0.8
    assert hachman_index(REGION, REFERENCE) == pytest.approx(0.8)


def test_relative_theil_index_is_the_share_weighted_log_of_the_location_quotients():
    # 0.25 ln(0.25 / 0.5) + 0.75 ln(0.75 / 0.5)
    assert theil_index(REGION, REFERENCE) == pytest.approx(0.25 * math.log(0.5) + 0.75 * math.log(1.5))


def test_herfindahl_and_entropy_describe_the_regions_own_structure():
    # H = 0.25^2 + 0.75^2 = 0.625; H* = (0.625 - 1/2) / (1 - 1/2) = 0.25
    # D = -(0.25 ln 0.25 + 0.75 ln 0.75) = 0.5623; D* = D / ln 2 = 0.8113
    result = specialisation_indices(REGION, REFERENCE)
    entropy = -(0.25 * math.log(0.25) + 0.75 * math.log(0.75))

    assert result.herfindahl == pytest.approx(0.625)
    assert result.herfindahl_normalised == pytest.approx(0.25)
    assert result.entropy == pytest.approx(entropy)
    assert result.entropy_normalised == pytest.approx(entropy / math.log(2))
    assert result.sectors == 2


def test_concentration_needs_no_reference():
    result = concentration(REGION)

    assert (result.herfindahl, result.herfindahl_normalised) == pytest.approx((0.625, 0.25))


def test_a_sector_with_no_employees_in_the_region_adds_nothing_to_theil_and_entropy():
    # s = (0, 1), S = (0.5, 0.5): T = 0 + 1 * ln 2; D = 0; K = 1; HI = 1 / (1 / 0.5) = 0.5
    result = specialisation_indices(pd.Series({"A": 0.0, "F": 7.0}, name="r"), REFERENCE.rename({"B-E": "F"}))

    assert result.theil == pytest.approx(math.log(2))
    assert result.entropy == 0.0
    assert result.krugman == pytest.approx(1.0)
    assert result.hachman == pytest.approx(0.5)


def test_the_indices_use_the_non_overlapping_sectors_only():
    region = pd.concat([REGION, pd.Series({"A-E": 40.0, "TOTAL": 45.0})]).rename("08118")
    reference = pd.concat([REFERENCE, pd.Series({"A-E": 100.0, "TOTAL": 100.0})]).rename("DG")

    result = specialisation_indices(region, reference)

    assert result.krugman == pytest.approx(0.5)
    assert {(item.sector, item.reason) for item in result.excluded} == {
        ("A-E", Reason.AGGREGATE),
        ("TOTAL", Reason.TOTAL),
    }


def test_a_suppressed_sector_is_left_out_of_the_shares_and_reported():
    region = pd.Series({"A": 10.0, "B-E": 30.0, "F": float("nan")}, name="08118")
    reference = pd.Series({"A": 50.0, "B-E": 50.0, "F": 100.0}, name="DG")

    result = specialisation_indices(region, reference)

    assert result.krugman == pytest.approx(0.5)
    assert result.sectors == 2
    assert [(e.region, e.sector, e.reason) for e in result.excluded] == [("08118", "F", Reason.MISSING)]


def test_one_sector_leaves_the_normalised_indices_undefined():
    result = specialisation_indices(pd.Series({"A": 3.0}, name="r"), pd.Series({"A": 9.0}, name="DG"))

    assert result.herfindahl == 1.0
    assert math.isnan(result.herfindahl_normalised)
    assert math.isnan(result.entropy_normalised)
    assert [item.reason for item in result.excluded] == [Reason.FEWER_THAN_TWO_SECTORS]


def test_a_region_without_employees_gets_no_indices():
    result = specialisation_indices(pd.Series({"A": 0.0, "B-E": 0.0}, name="r"), REFERENCE)

    assert math.isnan(result.krugman)
    assert math.isnan(result.herfindahl)
    assert [item.reason for item in result.excluded] == [Reason.ZERO_DENOMINATOR]


@FAST
@given(region_and_reference(positive=False))
def test_the_indices_stay_within_their_ranges(pair):
    region, reference = pair
    result = specialisation_indices(region, reference)
    if math.isnan(result.krugman):
        assert result.excluded
        return
    n = result.sectors

    assert -1e-12 <= result.krugman <= 2 + 1e-12
    assert 0 < result.hachman <= 1 + 1e-12
    assert result.theil >= -1e-12
    assert 1 / n - 1e-12 <= result.herfindahl <= 1 + 1e-12
    assert -1e-12 <= result.entropy <= math.log(n) + 1e-12


@FAST
@given(region_and_reference())
def test_a_region_with_the_reference_structure_is_not_specialised(pair):
    _, reference = pair
    result = specialisation_indices((reference * 0.25).rename("r"), reference)

    assert result.krugman == pytest.approx(0.0, abs=1e-12)
    assert result.hachman == pytest.approx(1.0)
    assert result.theil == pytest.approx(0.0, abs=1e-12)


@FAST
@given(matrices(), st.randoms(use_true_random=False))
def test_the_indices_do_not_depend_on_the_order_of_sectors_or_regions(frames, random):
    start, _ = frames
    reference = (start.sum() * 2).rename("DG")
    rows, columns = list(start.index), list(start.columns)
    random.shuffle(rows)
    random.shuffle(columns)

    table = specialisation_by_region(start.loc[rows, columns], reference).values

    pd.testing.assert_frame_equal(table, specialisation_by_region(start, reference).values, rtol=1e-12)
    for code in rows:
        single = specialisation_indices(start.loc[code].rename(code), reference)
        assert table.loc[code, "krugman"] == pytest.approx(single.krugman)
        assert table.loc[code, "theil"] == pytest.approx(single.theil, abs=1e-12)
