import math

import pandas as pd
import pytest

from standortkompass.analysis import sector_matrix, sector_panel, sector_panels, sector_vector, year_matrix

LONG = pd.DataFrame(
    {
        "region": ["08118", "08118", "08118", "08118", "DG", "DG", "DG", "DG"],
        "sector": ["A", "TOTAL", "A", "TOTAL", "A", "TOTAL", "A", "TOTAL"],
        "year": [2019, 2019, 2020, 2020, 2019, 2019, 2020, 2020],
        "value": [1500.0, 200000.0, float("nan"), 206752.0, 250000.0, 33e6, 240000.0, 33.3e6],
        "region_name": ["Ludwigsburg"] * 4 + ["Deutschland"] * 4,
    }
)


def test_a_sector_vector_is_indexed_by_sector_and_named_after_the_region():
    vector = sector_vector(LONG, region="08118", year=2019)

    assert vector.to_dict() == {"A": 1500.0, "TOTAL": 200000.0}
    assert vector.name == "08118"


def test_a_suppressed_value_stays_missing_when_reshaped():
    assert math.isnan(sector_vector(LONG, region="08118", year=2020)["A"])
    assert math.isnan(sector_matrix(LONG, year=2020).loc["08118", "A"])


def test_a_sector_matrix_has_one_row_per_region():
    matrix = sector_matrix(LONG, year=2019, regions=["DG"])

    assert list(matrix.index) == ["DG"]
    assert list(matrix.columns) == ["A", "TOTAL"]


def test_panels_have_one_row_per_year_or_per_region_and_year():
    assert list(sector_panel(LONG, region="DG").index) == [2019, 2020]
    assert list(sector_panels(LONG).index) == [("08118", 2019), ("08118", 2020), ("DG", 2019), ("DG", 2020)]


def test_a_year_matrix_has_the_years_as_columns():
    matrix = year_matrix(LONG, sector="TOTAL")

    assert matrix.loc["08118", 2020] == 206752.0
    assert list(matrix.columns) == [2019, 2020]


def test_two_rows_for_the_same_observation_are_refused():
    doubled = pd.concat([LONG, LONG.iloc[[0]]])

    with pytest.raises(ValueError, match="two rows for region 08118, sector A, year 2019"):
        sector_vector(doubled, region="08118", year=2019)


def test_a_table_without_the_value_column_is_refused():
    with pytest.raises(ValueError, match="lacks the columns value"):
        sector_matrix(LONG.drop(columns="value"), year=2019)


def test_asking_for_a_region_that_is_not_there_is_an_error():
    with pytest.raises(ValueError, match="no values for region 09162"):
        sector_vector(LONG, region="09162", year=2019)
