import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.strategies import FAST
from standortkompass.analysis import ComplexityStatus, Reason, economic_complexity

# Sector totals 100, 50, 160 of 310. Region shares against the overall shares (0.32, 0.16, 0.52) give
# RCA c1 = (1.55, 3.1, 0), c2 = (1.41, 0, 1.06), c3 = (0, 0, 1.94), hence
# M = [[1, 1, 0], [1, 0, 1], [0, 0, 1]], diversity (2, 2, 1), ubiquity (2, 1, 2).
VALUES = pd.DataFrame(
    {"s1": [50.0, 50.0, 0.0], "s2": [50.0, 0.0, 0.0], "s3": [0.0, 60.0, 100.0]}, index=["c1", "c2", "c3"]
)
SMALL = {"min_sectors": 2, "min_regions": 2}


def standardised(values: np.ndarray) -> np.ndarray:
    return (values - values.mean()) / values.std()


def test_revealed_comparative_advantage_and_the_binary_matrix():
    result = economic_complexity(VALUES, **SMALL)

    # RCA c1,s2 = (50 / 100) / (50 / 310) = 3.1
    assert result.rca.loc["c1", "s2"] == pytest.approx(3.1)
    assert result.presence.to_numpy().tolist() == [[1, 1, 0], [1, 0, 1], [0, 0, 1]]
    assert result.diversity.tolist() == [2, 2, 1]
    assert result.ubiquity.tolist() == [2, 1, 2]


def test_eci_is_the_second_eigenvector_of_the_region_matrix():
    # D^-1 M U^-1 M^T = [[3/4, 1/4, 0], [1/4, 1/2, 1/4], [0, 1/2, 1/2]]; trace 7/4, determinant 1/16, so
    # the eigenvalues besides 1 solve x^2 - 3/4 x + 1/16 = 0: x = (3 + sqrt 5) / 8. Its eigenvector:
    # row 1 gives v2 = (4x - 3) v1 = (sqrt 5 - 3) / 2; row 3 gives v3 = v2 / (2x - 1) = 1 - sqrt 5 (v1 = 1).
    root5 = math.sqrt(5)
    vector = np.array([1.0, (root5 - 3) / 2, 1 - root5])
    # PCI: U^-1 M^T v = ((v1 + v2) / 2, v1, (v2 + v3) / 2), standardised.
    products = np.array([(vector[0] + vector[1]) / 2, vector[0], (vector[1] + vector[2]) / 2])

    result = economic_complexity(VALUES, **SMALL)

    assert result.status is ComplexityStatus.COMPUTED
    assert result.eci is not None
    assert result.pci is not None
    assert result.eci.to_numpy() == pytest.approx(standardised(vector))
    assert result.pci.to_numpy() == pytest.approx(standardised(products))
    assert result.eci["c1"] > result.eci["c3"]  # the more diverse region is the more complex one


def test_proximity_and_density():
    # M^T M = [[2, 1, 1], [1, 1, 0], [1, 0, 2]]; phi = co-occurrence / max ubiquity:
    # phi(s1, s2) = 1 / 2, phi(s1, s3) = 1 / 2, phi(s2, s3) = 0.
    # Density of c3 in s1 = (0 * 1 + 0 * 1/2 + 1 * 1/2) / (1 + 1/2 + 1/2) = 0.25.
    result = economic_complexity(VALUES, **SMALL)

    assert result.proximity is not None
    assert result.density is not None
    assert result.proximity.loc["s1", "s2"] == pytest.approx(0.5)
    assert result.proximity.loc["s2", "s3"] == 0.0
    assert result.density.loc["c3", "s1"] == pytest.approx(0.25)


def test_ten_sections_are_too_coarse_and_the_result_says_so():
    rng = np.random.default_rng(7)
    sections = ["A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U"]
    values = pd.DataFrame(
        rng.integers(1, 10_000, (40, 10)).astype(float), columns=sections, index=[f"{i:05d}" for i in range(40)]
    )

    result = economic_complexity(values)

    assert result.status is ComplexityStatus.TOO_FEW_SECTORS
    assert "Only 10 sectors" in result.explanation
    assert result.eci is None
    assert result.pci is None
    assert result.density is None
    assert not result.rca.empty


def test_too_few_regions_are_reported_as_such():
    result = economic_complexity(VALUES, min_sectors=2)

    assert result.status is ComplexityStatus.TOO_FEW_REGIONS
    assert result.eci is None


def test_regions_that_share_no_sector_give_no_ranking():
    # M = identity: two separate groups, eigenvalue 1 twice.
    values = pd.DataFrame({"s1": [10.0, 0.0], "s2": [0.0, 10.0]}, index=["c1", "c2"])

    result = economic_complexity(values, **SMALL)

    assert result.status is ComplexityStatus.NOT_IDENTIFIED
    assert result.eci is None


def test_a_region_with_a_suppressed_cell_is_left_out_and_reported():
    values = pd.concat([VALUES, pd.DataFrame({"s1": [5.0], "s2": [float("nan")], "s3": [5.0]}, index=["c4"])])

    result = economic_complexity(values, **SMALL)

    assert "c4" not in result.rca.index
    assert ("c4", "s2", Reason.MISSING) in {(e.region, e.sector, e.reason) for e in result.excluded}
    assert result.eci is not None
    assert result.eci.to_numpy() == pytest.approx(economic_complexity(VALUES, **SMALL).eci.to_numpy())


@FAST
@given(
    st.lists(st.lists(st.integers(0, 50).map(float), min_size=5, max_size=5), min_size=5, max_size=5),
    st.randoms(use_true_random=False),
)
def test_complexity_does_not_depend_on_the_order_of_regions_or_sectors(rows, random):
    values = pd.DataFrame(rows, index=[f"r{i}" for i in range(5)], columns=[f"s{i}" for i in range(5)])
    order_rows, order_columns = list(values.index), list(values.columns)
    random.shuffle(order_rows)
    random.shuffle(order_columns)

    original = economic_complexity(values, **SMALL)
    shuffled = economic_complexity(values.loc[order_rows, order_columns], **SMALL)

    assert original.status == shuffled.status
    assert set(original.excluded) == set(shuffled.excluded)
    if original.eci is not None and shuffled.eci is not None:
        pd.testing.assert_series_equal(original.eci, shuffled.eci, atol=1e-8)
        pd.testing.assert_series_equal(original.pci, shuffled.pci, atol=1e-8)
