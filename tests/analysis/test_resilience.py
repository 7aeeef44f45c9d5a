import math

import pandas as pd
import pytest

from standortkompass.analysis import Reason, resilience, resilience_by_region

REGION = pd.Series({2008: 100.0, 2009: 90.0, 2010: 95.0}, name="08118")
REFERENCE = pd.Series({2008: 1000.0, 2009: 950.0, 2010: 1000.0}, name="DG")


def test_a_region_that_falls_twice_as_fast_as_the_reference():
    # Region -10 %, reference -5 %: sensitivity = -0.10 / -0.05 = 2.
    # Expected change 100 * -0.05 = -5, actual -10: resistance = (-10 - (-5)) / 5 = -1.
    result = resilience(REGION, REFERENCE, start=2008, end=2009)

    assert result.region_change == pytest.approx(-0.10)
    assert result.reference_change == pytest.approx(-0.05)
    assert result.expected_change == pytest.approx(-5.0)
    assert result.sensitivity == pytest.approx(2.0)
    assert result.resistance == pytest.approx(-1.0)
    assert result.reference_declined


def test_the_same_formula_over_the_upturn_measures_recovery():
    # Region +5/90, reference +50/950: expected 90 * 50/950 = 4.737; (5 - 4.737) / 4.737 = 0.0556.
    result = resilience(REGION, REFERENCE, start=2009, end=2010)

    assert not result.reference_declined
    assert result.resistance == pytest.approx((5 - 90 * 50 / 950) / (90 * 50 / 950))


def test_many_regions_at_once():
    regions = pd.DataFrame({2008: [100.0, 50.0], 2009: [90.0, 50.0]}, index=["08118", "08119"])

    table = resilience_by_region(regions, REFERENCE, start=2008, end=2009).values

    assert table.loc["08119", "sensitivity"] == 0.0
    assert table.loc["08119", "resistance"] == pytest.approx(1.0)  # (0 - (-2.5)) / 2.5


def test_no_change_in_the_reference_leaves_sensitivity_undefined():
    flat = pd.Series({2008: 1000.0, 2009: 1000.0}, name="DG")

    result = resilience(REGION, flat, start=2008, end=2009)

    assert math.isnan(result.sensitivity)
    assert math.isnan(result.resistance)
    assert ("DG", Reason.ZERO_DENOMINATOR) in {(item.region, item.reason) for item in result.excluded}


def test_a_missing_year_is_reported():
    gap = REGION.copy()
    gap[2009] = float("nan")

    result = resilience(gap, REFERENCE, start=2008, end=2009)

    assert math.isnan(result.resistance)
    assert [(item.region, item.year, item.reason) for item in result.excluded] == [("08118", 2009, Reason.MISSING)]


def test_the_period_must_run_forwards_and_lie_in_the_data():
    with pytest.raises(ValueError, match="start before it ends"):
        resilience(REGION, REFERENCE, start=2009, end=2008)
    with pytest.raises(ValueError, match="2011 is not in the data"):
        resilience(REGION, REFERENCE, start=2008, end=2011)
