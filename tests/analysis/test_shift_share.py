import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.strategies import FAST, matrices, panels, two_periods
from standortkompass.analysis import (
    Reason,
    dunn_by_region,
    dunn_shift_share,
    dynamic_by_region,
    dynamic_shift_share,
    esteban_marquillas_by_region,
    esteban_marquillas_shift_share,
    gerfin_by_region,
    gerfin_shift_share,
)

# Worked example. Reference: A 100 -> 120 (G_A = 0.2), B 300 -> 300 (G_B = 0), total 400 -> 420 (G = 0.05).
# Region: A 10 -> 15, B 20 -> 19; total 30 -> 34, actual change 4.
REGION_START = pd.Series({"A": 10.0, "B": 20.0}, name="r")
REGION_END = pd.Series({"A": 15.0, "B": 19.0}, name="r")
REFERENCE_START = pd.Series({"A": 100.0, "B": 300.0}, name="DG")
REFERENCE_END = pd.Series({"A": 120.0, "B": 300.0}, name="DG")
PERIOD = (REGION_START, REGION_END, REFERENCE_START, REFERENCE_END)


def close(a: float, b: float, scale: float = 1.0) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9 * max(1.0, scale))


def same(a: float, b: float) -> bool:
    """Equal up to rounding, or both undefined."""
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def test_dunn_decomposes_the_worked_example():
    result = dunn_shift_share(*PERIOD)

    assert result.actual_change == 4.0
    assert result.reference_growth == pytest.approx(0.05)
    assert result.national == pytest.approx(1.5)  # 30 * 0.05
    assert result.industry_mix == pytest.approx(0.5)  # 10 * (0.2 - 0.05) + 20 * (0 - 0.05) = 1.5 - 1
    assert result.regional == pytest.approx(2.0)  # A: 5 - 10 * 0.2 = 3; B: -1 - 20 * 0 = -1
    assert result.net_total_shift == pytest.approx(2.5)  # 0.5 + 2
    assert result.sectors.loc["A"].to_dict() == pytest.approx(
        {"actual_change": 5.0, "national": 0.5, "industry_mix": 1.5, "regional": 3.0}
    )


def test_esteban_marquillas_splits_the_regional_share_of_the_worked_example():
    # Homothetic: 30 * 100/400 = 7.5 (A), 30 * 300/400 = 22.5 (B).
    # Advantage g - G: A 0.5 - 0.2 = 0.3; B -0.05 - 0 = -0.05.
    # Competitive 7.5 * 0.3 + 22.5 * (-0.05) = 1.125; allocation 2.5 * 0.3 + (-2.5) * (-0.05) = 0.875.
    result = esteban_marquillas_shift_share(*PERIOD)

    assert result.competitive == pytest.approx(1.125)
    assert result.allocation == pytest.approx(0.875)
    assert result.competitive + result.allocation == pytest.approx(dunn_shift_share(*PERIOD).regional)
    assert result.sectors.loc["A", "homothetic"] == pytest.approx(7.5)
    assert result.sectors.loc["B", "specialisation"] == pytest.approx(-2.5)


def test_gerfin_factors_of_the_worked_example():
    # R = (34/30) / (420/400) = 68/63; S = ((10 * 1.2 + 20 * 1.0) / 30) / 1.05 = 64/63; St = 34 / 32 = 17/16.
    result = gerfin_shift_share(*PERIOD)

    assert result.regional_factor == pytest.approx(68 / 63)
    assert result.structural_factor == pytest.approx(64 / 63)
    assert result.locational_factor == pytest.approx(17 / 16)


def test_the_textbook_example_of_farhauer_and_kroell():
    # Region 90, 20, 10, 60 -> 100, 40, 10, 55 (180 -> 205); nation 400, 150, 150, 400 -> 440, 210, 135, 480
    # (1100 -> 1265, G = 0.15; G_i = 0.1, 0.4, -0.1, 0.2).
    # National 180 * 0.15 = 27; mix 90(-0.05) + 20(0.25) + 10(-0.25) + 60(0.05) = 1;
    # regional (10 - 9) + (20 - 8) + (0 + 1) + (-5 - 12) = -3; 27 + 1 - 3 = 25.
    # Gerfin: expected end 99 + 28 + 9 + 72 = 208; R = (205/180)/1.15, S = (208/180)/1.15, St = 205/208.
    sectors = ["i1", "i2", "i3", "i4"]
    period = (
        pd.Series([90.0, 20.0, 10.0, 60.0], index=sectors, name="A"),
        pd.Series([100.0, 40.0, 10.0, 55.0], index=sectors, name="A"),
        pd.Series([400.0, 150.0, 150.0, 400.0], index=sectors, name="X"),
        pd.Series([440.0, 210.0, 135.0, 480.0], index=sectors, name="X"),
    )

    dunn = dunn_shift_share(*period)
    gerfin = gerfin_shift_share(*period)

    assert (dunn.actual_change, dunn.national, dunn.industry_mix, dunn.regional) == pytest.approx((25, 27, 1, -3))
    assert dunn.net_total_shift == pytest.approx(-2)
    assert gerfin.regional_factor == pytest.approx((205 / 180) / 1.15)
    assert gerfin.structural_factor == pytest.approx((208 / 180) / 1.15)
    assert gerfin.locational_factor == pytest.approx(205 / 208)


def test_dynamic_shift_share_sums_the_annual_decompositions():
    # 2015 -> 2016: G = 420/400 - 1 = 0.05, G_A = 0.1, G_B = 10/300.
    #   NS = 30 * 0.05 = 1.5; IM = 10 * 0.05 + 20 * (1/30 - 0.05) = 1/6; RS = (2 - 1) + (0 - 20/30) = 1/3.
    # 2016 -> 2017: G = 0, G_A = 10/110, G_B = -10/310.
    #   NS = 0; IM = 12/11 - 20/31; RS = (3 - 12/11) + (-1 + 20/31).
    region = pd.DataFrame({"A": [10.0, 12.0, 15.0], "B": [20.0, 20.0, 19.0]}, index=[2015, 2016, 2017])
    reference = pd.DataFrame({"A": [100.0, 110.0, 120.0], "B": [300.0, 310.0, 300.0]}, index=[2015, 2016, 2017])

    result = dynamic_shift_share(region, reference)

    assert result.national == pytest.approx(1.5)
    assert result.industry_mix == pytest.approx(1 / 6 + 12 / 11 - 20 / 31)
    assert result.regional == pytest.approx(1 / 3 + 3 - 12 / 11 - 1 + 20 / 31)
    assert result.actual_change == pytest.approx(4.0)
    assert list(result.steps.index) == [2016, 2017]
    assert result.steps.loc[2016, "industry_mix"] == pytest.approx(1 / 6)


def test_dynamic_shift_share_can_be_restricted_to_part_of_the_period():
    region = pd.DataFrame({"A": [10.0, 12.0, 15.0], "B": [20.0, 20.0, 19.0]}, index=[2015, 2016, 2017])
    reference = pd.DataFrame({"A": [100.0, 110.0, 120.0], "B": [300.0, 310.0, 300.0]}, index=[2015, 2016, 2017])

    result = dynamic_shift_share(region, reference, start=2016)

    assert result.national == 0.0
    assert result.actual_change == pytest.approx(2.0)


def test_overlapping_aggregates_and_the_total_are_not_summed_twice():
    with_aggregates = [
        series.copy()
        .set_axis(series.index)
        .pipe(lambda s: pd.concat([s, pd.Series({"A-B": s.sum(), "TOTAL": s.sum() + 3})]))
        .rename(series.name)
        for series in PERIOD
    ]

    result = dunn_shift_share(*with_aggregates)

    assert result.actual_change == 4.0
    assert result.national == pytest.approx(1.5)
    assert {(item.sector, item.reason) for item in result.excluded} == {
        ("A-B", Reason.AGGREGATE),
        ("TOTAL", Reason.TOTAL),
    }


def test_a_sector_suppressed_in_the_region_is_left_out_and_reported():
    end = REGION_END.copy()
    end["B"] = float("nan")

    result = dunn_shift_share(REGION_START, end, REFERENCE_START, REFERENCE_END)

    assert result.actual_change == 5.0  # only A
    assert result.national + result.industry_mix + result.regional == pytest.approx(5.0)
    assert [(item.region, item.sector, item.reason) for item in result.excluded] == [("r", "B", Reason.MISSING)]


def test_a_sector_that_starts_at_zero_counts_in_dunn_but_has_no_esteban_marquillas_effects():
    start = REGION_START.copy()
    start["B"] = 0.0

    dunn = dunn_shift_share(start, REGION_END, REFERENCE_START, REFERENCE_END)
    marquillas = esteban_marquillas_shift_share(start, REGION_END, REFERENCE_START, REFERENCE_END)

    assert dunn.sectors.loc["B", "regional"] == 19.0  # 19 - 0 - 0 * G_B
    assert "B" not in marquillas.sectors.index
    assert ("r", "B", Reason.ZERO_AT_START) in {(e.region, e.sector, e.reason) for e in marquillas.excluded}


def test_a_sector_new_in_the_reference_has_no_sector_growth_rate_and_is_reported():
    start = pd.Series({"A": 100.0, "B": 0.0}, name="DG")

    result = dunn_shift_share(REGION_START, REGION_END, start, REFERENCE_END)

    assert list(result.sectors.index) == ["A"]
    assert ("DG", "B", Reason.ZERO_AT_START) in {(e.region, e.sector, e.reason) for e in result.excluded}


def test_a_reference_that_shrinks_to_nothing_leaves_the_gerfin_factors_undefined_and_says_why():
    gone = pd.Series({"A": 0.0, "B": 0.0}, name="DG")

    result = gerfin_shift_share(REGION_START, REGION_END, REFERENCE_START, gone)

    assert math.isnan(result.regional_factor)
    assert ("DG", Reason.ZERO_DENOMINATOR) in {(item.region, item.reason) for item in result.excluded}


def test_a_region_without_any_usable_sector_gets_nan_not_zero():
    empty = pd.Series({"A": float("nan"), "B": float("nan")}, name="r")

    result = dunn_shift_share(empty, REGION_END, REFERENCE_START, REFERENCE_END)

    assert math.isnan(result.actual_change)
    assert math.isnan(gerfin_shift_share(empty, REGION_END, REFERENCE_START, REFERENCE_END).regional_factor)


@FAST
@given(two_periods())
def test_the_classic_components_add_up_to_the_actual_change(period):
    result = dunn_shift_share(*period)
    scale = float(period[0].sum() + period[1].sum())

    assert close(result.national + result.industry_mix + result.regional, result.actual_change, scale)
    assert close(result.net_total_shift, result.industry_mix + result.regional, scale)
    assert result.actual_change == period[1].sum() - period[0].sum()


@FAST
@given(two_periods())
def test_the_esteban_marquillas_effects_add_up_to_the_regional_share(period):
    dunn = dunn_shift_share(*period)
    result = esteban_marquillas_shift_share(*period)
    scale = float(period[0].sum() + period[1].sum())

    assert close(result.competitive + result.allocation, dunn.regional, scale)
    assert close(
        result.national + result.industry_mix + result.competitive + result.allocation, result.actual_change, scale
    )


@FAST
@given(two_periods())
def test_the_gerfin_regional_factor_is_structural_times_locational_factor(period):
    result = gerfin_shift_share(*period)

    if math.isnan(result.regional_factor):
        assert result.excluded, "an undefined factor must be explained"
    else:
        assert math.isclose(result.regional_factor, result.structural_factor * result.locational_factor, rel_tol=1e-9)


@FAST
@given(panels())
def test_the_dynamic_components_add_up_to_the_change_over_the_period(pair):
    region, reference = pair
    result = dynamic_shift_share(region, reference)
    scale = float(region.abs().sum().sum())

    assert close(result.national + result.industry_mix + result.regional, result.actual_change, scale)
    assert close(result.actual_change, float(region.iloc[-1].sum() - region.iloc[0].sum()), scale)
    for _, step in result.steps.iterrows():
        assert close(step["national"] + step["industry_mix"] + step["regional"], step["actual_change"], scale)


@FAST
@given(two_periods(), st.randoms(use_true_random=False))
def test_shift_share_does_not_depend_on_the_order_of_sectors(period, random):
    order = list(period[0].index)
    random.shuffle(order)
    shuffled = [series[order] for series in period]

    for measure in (dunn_shift_share, esteban_marquillas_shift_share, gerfin_shift_share):
        original, reordered = measure(*period), measure(*shuffled)
        for field in ("national", "regional_factor", "competitive", "allocation", "industry_mix"):
            if hasattr(original, field):
                assert same(getattr(original, field), getattr(reordered, field))
        assert set(original.excluded) == set(reordered.excluded)


@FAST
@given(matrices(), st.randoms(use_true_random=False))
def test_the_by_region_forms_agree_with_the_single_region_forms_in_any_row_order(frames, random):
    start, end = frames
    reference_start, reference_end = (start.sum() * 3).rename("DG"), (end.sum() * 3).rename("DG")
    rows = list(start.index)
    random.shuffle(rows)

    dunn = dunn_by_region(start.loc[rows], end.loc[rows[::-1]], reference_start, reference_end).values
    marquillas = esteban_marquillas_by_region(start.loc[rows], end, reference_start, reference_end).values
    gerfin = gerfin_by_region(start, end.loc[rows], reference_start, reference_end).values

    assert list(dunn.index) == sorted(rows)
    for code in rows:
        args = (start.loc[code].rename(code), end.loc[code].rename(code), reference_start, reference_end)
        assert same(dunn.loc[code, "regional"], dunn_shift_share(*args).regional)
        assert same(marquillas.loc[code, "allocation"], esteban_marquillas_shift_share(*args).allocation)
        assert same(gerfin.loc[code, "locational_factor"], gerfin_shift_share(*args).locational_factor)


@FAST
@given(panels())
def test_dynamic_by_region_agrees_with_the_single_region_form(pair):
    region, reference = pair
    stacked = pd.concat({"08118": region, "08119": region * 2}, names=["region", "year"])

    table = dynamic_by_region(stacked, reference).values
    single = dynamic_shift_share(region, reference)

    assert same(table.loc["08118", "regional"], single.regional)
    assert same(table.loc["08119", "actual_change"], 2 * single.actual_change)


def test_dynamic_shift_share_needs_two_years():
    one_year = pd.DataFrame({"A": [1.0]}, index=[2015])

    with pytest.raises(ValueError, match="at least two years"):
        dynamic_shift_share(one_year, one_year)


def test_start_and_end_must_belong_to_the_same_region():
    with pytest.raises(ValueError, match="region_start is r but region_end is s"):
        dunn_shift_share(REGION_START, REGION_END.rename("s"), REFERENCE_START, REFERENCE_END)
