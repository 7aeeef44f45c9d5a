"""Productivity, commuting, unemployment rate, demography and company size."""

import math

import pandas as pd
import pytest

from standortkompass.analysis import (
    Reason,
    age_bounds,
    age_structure,
    commuting,
    old_age_dependency_ratio,
    productivity,
    size_structure,
    unemployment_rate,
)


def test_productivity_is_output_per_employed_person_in_the_chosen_unit():
    # 5,000 thousand EUR / 50 persons * 1,000 = 100,000 EUR per person.
    result = productivity(pd.Series({"08118": 5000.0}), pd.Series({"08118": 50.0}), scale=1000)

    assert result.values["08118"] == pytest.approx(100_000.0)


def test_productivity_without_employed_persons_is_undefined_and_reported():
    result = productivity(pd.Series({"a": 1.0, "b": 2.0}), pd.Series({"a": 0.0}))

    assert math.isnan(result.values["a"])
    assert math.isnan(result.values["b"])
    assert {(item.region, item.reason) for item in result.excluded} == {
        ("a", Reason.ZERO_DENOMINATOR),
        ("b", Reason.MISSING),
    }


def test_job_centrality_and_commuter_balance():
    # 120 jobs for 100 resident employees: centrality 1.2, 20 net in-commuters.
    result = commuting(pd.Series({"08118": 120.0, "08119": 80.0}), pd.Series({"08118": 100.0, "08119": 100.0}))

    assert result.centrality.to_dict() == pytest.approx({"08118": 1.2, "08119": 0.8})
    assert result.balance.to_dict() == {"08118": 20.0, "08119": -20.0}


def test_unemployment_rate_is_a_fraction_of_the_labour_force():
    # 45 / 1,000 = 0.045
    assert unemployment_rate(pd.Series({"r": 45.0}), pd.Series({"r": 1000.0})).values["r"] == pytest.approx(0.045)


@pytest.mark.parametrize(
    ("label", "bounds"),
    [("u3", (0, 3)), ("unter 3", (0, 3)), ("3-6", (3, 6)), ("15 bis u20", (15, 20)), ("75+", (75, math.inf))],
)
def test_age_group_labels_are_read_as_bounds(label, bounds):
    assert age_bounds(label) == bounds


POPULATION = pd.DataFrame(
    {"u20": [20.0, 10.0], "20-65": [60.0, 50.0], "65-75": [12.0, 25.0], "75+": [8.0, 15.0]}, index=["r", "s"]
)


def test_old_age_dependency_ratio_relates_pension_age_to_working_age():
    # r: (12 + 8) / 60 = 1/3; s: (25 + 15) / 50 = 0.8
    result = old_age_dependency_ratio(POPULATION)

    assert result.values.to_dict() == pytest.approx({"r": 1 / 3, "s": 0.8})


def test_age_structure_gives_the_share_of_each_band():
    # r: 20/100, 60/100, 20/100
    table = age_structure(POPULATION).values

    assert table.loc["r"].to_dict() == pytest.approx({"0-20": 0.2, "20-65": 0.6, "65+": 0.2})


def test_a_missing_age_group_is_left_out_and_reported():
    population = POPULATION.copy()
    population.loc["r", "75+"] = float("nan")

    result = old_age_dependency_ratio(population)

    assert result.values["r"] == pytest.approx(12 / 60)
    assert [(item.region, item.sector, item.reason) for item in result.excluded] == [("r", "75+", Reason.MISSING)]


def test_an_age_group_across_an_age_limit_is_refused():
    with pytest.raises(ValueError, match="'60-70' straddles the age limit 65"):
        old_age_dependency_ratio(pd.DataFrame({"20-60": [1.0], "60-70": [1.0], "70+": [1.0]}))


def test_overlapping_age_groups_are_refused():
    with pytest.raises(ValueError, match="overlap"):
        age_structure(pd.DataFrame({"u20": [1.0], "15-20": [1.0]}))


def test_size_structure_uses_the_official_total():
    # 80 / 100, 15 / 100, 4 / 100, 1 / 100
    counts = pd.DataFrame(
        {"0-9": [80.0], "10-49": [15.0], "50-249": [4.0], "250+": [1.0], "TOTAL": [100.0]}, index=["r"]
    )

    table = size_structure(counts).values

    assert table.loc["r"].to_dict() == pytest.approx({"0-9": 0.8, "10-49": 0.15, "50-249": 0.04, "250+": 0.01})


def test_size_structure_leaves_a_suppressed_class_missing():
    # The official total stays the denominator: 0-9 = 80 / 100 even though 250+ is suppressed.
    counts = pd.DataFrame({"0-9": [80.0], "250+": [float("nan")], "TOTAL": [100.0]}, index=["r"])

    result = size_structure(counts)

    assert result.values.loc["r", "0-9"] == pytest.approx(0.8)
    assert math.isnan(result.values.loc["r", "250+"])
    assert [(item.sector, item.reason) for item in result.excluded] == [("250+", Reason.MISSING)]
