import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.strategies import FAST, matrices, region_and_reference
from standortkompass.analysis import Reason, location_quotient_matrix, location_quotients

REGION = pd.Series({"A": 10.0, "B-E": 30.0, "TOTAL": 50.0}, name="08118")
REFERENCE = pd.Series({"A": 100.0, "B-E": 900.0, "TOTAL": 1000.0}, name="DG")


def test_location_quotients_use_the_official_totals():
    # LQ_A = (10 / 50) / (100 / 1000) = 0.2 / 0.1 = 2; LQ_B-E = (30 / 50) / (900 / 1000) = 0.6 / 0.9 = 2/3.
    result = location_quotients(REGION, REFERENCE)

    assert result.values.to_dict() == pytest.approx({"A": 2.0, "B-E": 2 / 3})
    assert (result.region_total, result.reference_total, result.official_totals) == (50.0, 1000.0, True)
    assert result.excluded == ()


def test_without_official_totals_the_listed_sectors_are_summed():
    # Region total 10 + 30 = 40: LQ_A = (10 / 40) / (100 / 1000) = 2.5; LQ_B-E = 0.75 / 0.9 = 0.8333.
    result = location_quotients(REGION.drop("TOTAL"), REFERENCE.drop("TOTAL"))

    assert result.values.to_dict() == pytest.approx({"A": 2.5, "B-E": 0.75 / 0.9})
    assert not result.official_totals


def test_an_aggregate_gets_a_quotient_but_is_not_added_to_the_computed_total():
    # Total = A + B-E + F = 10 + 30 + 10 = 50 (B-F = 40 is not added): LQ_B-F = (40 / 50) / (800 / 1000) = 1.
    region = pd.Series({"A": 10.0, "B-E": 30.0, "F": 10.0, "B-F": 40.0}, name="r")
    reference = pd.Series({"A": 200.0, "B-E": 600.0, "F": 200.0, "B-F": 800.0}, name="DG")

    result = location_quotients(region, reference)

    assert result.region_total == 50.0
    assert result.values["B-F"] == pytest.approx(1.0)


def test_a_suppressed_value_gives_no_quotient_and_is_reported():
    region = REGION.copy()
    region["A"] = np.nan

    result = location_quotients(region, REFERENCE)

    assert math.isnan(result.values["A"])
    assert result.values["B-E"] == pytest.approx(2 / 3)
    assert [(item.region, item.sector, item.reason) for item in result.excluded] == [("08118", "A", Reason.MISSING)]


def test_a_sector_absent_from_the_reference_has_no_quotient():
    result = location_quotients(pd.Series({"A": 1.0, "Z": 1.0}, name="r"), pd.Series({"A": 5.0, "Z": 0.0}, name="DG"))

    assert math.isnan(result.values["Z"])
    assert ("DG", "Z", Reason.ZERO_IN_REFERENCE) in {(e.region, e.sector, e.reason) for e in result.excluded}


def test_the_matrix_form_gives_the_same_quotients_for_every_region():
    regions = pd.DataFrame({"A": [10.0, 5.0], "B-E": [30.0, 45.0], "TOTAL": [50.0, 50.0]}, index=["08118", "08119"])

    table = location_quotient_matrix(regions, REFERENCE).values

    assert table.loc["08118", "A"] == pytest.approx(2.0)
    # 08119: (5 / 50) / 0.1 = 1; (45 / 50) / 0.9 = 1.
    assert table.loc["08119", ["A", "B-E"]].tolist() == pytest.approx([1.0, 1.0])


@FAST
@given(region_and_reference())
def test_the_reference_region_has_a_location_quotient_of_one_in_every_sector(pair):
    _, reference = pair

    assert (location_quotients(reference, reference).values == 1.0).all()


@FAST
@given(region_and_reference(), st.randoms(use_true_random=False))
def test_location_quotients_do_not_depend_on_the_order_of_sectors(pair, random):
    region, reference = pair
    order = list(region.index)
    random.shuffle(order)

    shuffled = location_quotients(region[order], reference[order[::-1]])

    pd.testing.assert_series_equal(shuffled.values, location_quotients(region, reference).values)


@FAST
@given(matrices(), st.randoms(use_true_random=False))
def test_the_matrix_form_does_not_depend_on_the_order_of_regions(frames, random):
    start, _ = frames
    reference = start.sum().rename("DG")
    rows = list(start.index)
    random.shuffle(rows)

    pd.testing.assert_frame_equal(
        location_quotient_matrix(start.loc[rows], reference).values,
        location_quotient_matrix(start, reference).values,
    )
