import math

import pandas as pd
import pytest

from standortkompass.analysis import Reason, cagr, growth, index_series, sector_shares


def test_shares_use_the_official_total_when_there_is_one():
    # 10 of 50 employees in A (the other 10 have no sector): 10 / 50 = 0.2; 30 / 50 = 0.6.
    shares = sector_shares(pd.Series({"A": 10.0, "B-E": 30.0, "TOTAL": 50.0}, name="r"))

    assert shares.values.to_dict() == pytest.approx({"A": 0.2, "B-E": 0.6})
    assert shares.total == 50.0
    assert shares.official_total


def test_shares_without_an_official_total_are_taken_of_the_sum_of_the_partition():
    # B-F = B-E + F is not summed again: total = 10 + 30 + 10 = 50; B-F share = 40 / 50 = 0.8.
    shares = sector_shares(pd.Series({"A": 10.0, "B-E": 30.0, "F": 10.0, "B-F": 40.0}, name="r"))

    assert shares.total == 50.0
    assert not shares.official_total
    assert shares.values["B-F"] == pytest.approx(0.8)


def test_a_suppressed_sector_is_left_out_of_the_computed_total_and_reported():
    shares = sector_shares(pd.Series({"A": float("nan"), "B-E": 30.0, "F": 10.0}, name="r"))

    assert shares.total == 40.0
    assert math.isnan(shares.values["A"])
    assert {(item.sector, item.reason) for item in shares.excluded} == {
        ("A", Reason.NOT_IN_TOTAL),
        ("A", Reason.MISSING),
    }


def test_growth_gives_absolute_change_rate_and_compound_annual_rate():
    # 100 -> 121 over 2 years: +21, 21 %, (1.21)^(1/2) - 1 = 10 % a year.
    result = growth(pd.Series({"A": 100.0}), pd.Series({"A": 121.0}), years=2)

    assert result.absolute["A"] == 21.0
    assert result.rate["A"] == pytest.approx(0.21)
    assert result.annual_rate is not None
    assert result.annual_rate["A"] == pytest.approx(0.10)


def test_growth_from_zero_is_undefined_and_reported_not_infinite():
    result = growth(pd.Series({"A": 0.0, "B": 5.0}, name="r"), pd.Series({"A": 3.0, "B": 5.0}, name="r"))

    assert math.isnan(result.rate["A"])
    assert result.rate["B"] == 0.0
    assert [(item.region, item.sector, item.reason) for item in result.excluded] == [("r", "A", Reason.ZERO_AT_START)]


def test_growth_by_region_records_the_regions_that_were_left_out():
    result = growth(pd.Series({"08118": 1.0, "08119": float("nan")}), pd.Series({"08118": 2.0}), by="region")

    assert [(item.region, item.sector) for item in result.excluded] == [("08119", None)]


def test_cagr_of_doubling_in_ten_years_is_about_seven_percent():
    # 2^(1/10) - 1 = 0.071773...
    assert cagr(50.0, 100.0, 10) == pytest.approx(2**0.1 - 1)


@pytest.mark.parametrize(
    ("start", "end", "years"), [(0.0, 1.0, 1), (1.0, -1.0, 1), (1.0, 2.0, 0), (float("nan"), 1.0, 1)]
)
def test_cagr_refuses_values_without_a_growth_rate(start, end, years):
    with pytest.raises(ValueError, match="cagr"):
        cagr(start, end, years)


def test_an_index_series_puts_the_base_year_at_100():
    # 2016: 110 / 100 * 100 = 110; the missing 2017 stays missing.
    series = index_series(pd.Series({2015: 100.0, 2016: 110.0, 2017: float("nan")}), base=2015)

    assert series[2015] == 100.0
    assert series[2016] == pytest.approx(110.0)
    assert math.isnan(series[2017])


def test_an_index_series_needs_a_usable_base_year():
    with pytest.raises(ValueError, match="base year 2015 has no usable value"):
        index_series(pd.Series({2015: 0.0, 2016: 1.0}), base=2015)
