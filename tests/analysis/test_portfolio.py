import pandas as pd
import pytest

from standortkompass.analysis import Reason, portfolio_matrix

REGION_START = pd.Series({"A": 10.0, "B": 20.0}, name="r")
REGION_END = pd.Series({"A": 15.0, "B": 19.0}, name="r")
REFERENCE_START = pd.Series({"A": 100.0, "B": 300.0}, name="DG")
REFERENCE_END = pd.Series({"A": 120.0, "B": 300.0}, name="DG")


def test_the_portfolio_places_each_sector_by_location_quotient_and_relative_growth():
    # LQ_A = (15/34) / (120/420) = 105/68; LQ_B = (19/34) / (300/420) = 133/170.
    # Growth A: 0.5 vs 0.2 -> +0.3; B: -0.05 vs 0 -> -0.05. Bubble = end employment.
    table = portfolio_matrix(REGION_START, REGION_END, REFERENCE_START, REFERENCE_END).table

    assert table.loc["A"].to_dict() == pytest.approx(
        {
            "location_quotient": 105 / 68,
            "region_growth": 0.5,
            "reference_growth": 0.2,
            "relative_growth": 0.3,
            "employment": 15.0,
        }
    )
    assert table.loc["B", "location_quotient"] == pytest.approx(133 / 170)
    assert table.loc["B", "relative_growth"] == pytest.approx(-0.05)


def test_the_portfolio_shows_the_partition_only_and_its_quotients_use_the_official_total():
    # TOTAL 40 at the end: LQ_A = (15/40) / (120/420) = 1.3125; the aggregate A-B is not a bubble.
    def extended(series: pd.Series, total: float) -> pd.Series:
        return pd.concat([series, pd.Series({"A-B": series.sum(), "TOTAL": total})]).rename(series.name)

    result = portfolio_matrix(
        extended(REGION_START, 31.0),
        extended(REGION_END, 40.0),
        extended(REFERENCE_START, 400.0),
        extended(REFERENCE_END, 420.0),
    )

    assert list(result.table.index) == ["A", "B"]
    assert result.table.loc["A", "location_quotient"] == pytest.approx(1.3125)
    assert ("A-B", Reason.AGGREGATE) in {(item.sector, item.reason) for item in result.excluded}


def test_a_sector_new_in_the_region_has_no_growth_rate_but_keeps_its_bubble():
    start = REGION_START.copy()
    start["A"] = 0.0

    result = portfolio_matrix(start, REGION_END, REFERENCE_START, REFERENCE_END)

    assert pd.isna(result.table.loc["A", "relative_growth"])
    assert result.table.loc["A", "employment"] == 15.0
    assert ("r", "A", Reason.ZERO_AT_START) in {(e.region, e.sector, e.reason) for e in result.excluded}
