"""The missing-value policy and the purity rules that hold for every measure."""

import copy
import math
import sys

import numpy as np
import pandas as pd
from hypothesis import given

from analysis.strategies import FAST, matrices, panels, two_periods
from standortkompass import analysis
from standortkompass.analysis import Exclusion, Reason


def test_the_analysis_package_imports_no_django():
    assert not any(name.startswith("django") for name in _imports_of_the_package())


def _imports_of_the_package() -> set[str]:
    import ast
    from pathlib import Path

    names: set[str] = set()
    for path in Path(analysis.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
    return names


def test_the_package_uses_only_numpy_pandas_and_the_standard_library():
    third_party = {name.split(".")[0] for name in _imports_of_the_package()} - set(sys.stdlib_module_names)

    assert third_party <= {"numpy", "pandas", "standortkompass", "__future__"}


def test_an_exclusion_reads_as_a_sentence():
    assert str(Exclusion(Reason.MISSING, region="08118", sector="A", year=2020)) == (
        "08118, sector A, 2020: missing or suppressed value"
    )
    assert (
        str(Exclusion(Reason.TOTAL, sector="TOTAL"))
        == "sector TOTAL: total; the measure is computed over the listed sectors"
    )


def test_a_suppressed_value_is_never_counted_as_zero():
    region = pd.Series({"A": float("nan"), "B-E": 30.0, "F": 10.0}, name="r")
    as_zero = region.fillna(0.0)
    reference = pd.Series({"A": 100.0, "B-E": 600.0, "F": 300.0}, name="DG")

    suppressed = analysis.location_quotients(region, reference)

    assert math.isnan(suppressed.values["A"])
    assert analysis.location_quotients(as_zero, reference).values["A"] == 0.0
    assert Exclusion(Reason.MISSING, region="r", sector="A") in suppressed.excluded


@FAST
@given(two_periods())
def test_no_measure_changes_its_inputs(period):
    originals = [series.copy(deep=True) for series in period]
    arguments = copy.deepcopy(list(period))
    arguments[0].iloc[0] = np.nan  # a suppressed value must not be filled in the caller's object either

    for measure in (
        analysis.dunn_shift_share,
        analysis.esteban_marquillas_shift_share,
        analysis.gerfin_shift_share,
        analysis.portfolio_matrix,
    ):
        measure(*arguments)
    analysis.location_quotients(arguments[1], arguments[3])
    analysis.specialisation_indices(arguments[1], arguments[3])
    analysis.sector_shares(arguments[1])
    analysis.growth(arguments[0], arguments[1], years=5)

    assert np.isnan(arguments[0].iloc[0])
    for original, argument in zip(originals[1:], arguments[1:], strict=True):
        pd.testing.assert_series_equal(original, argument)


@FAST
@given(matrices(), panels())
def test_no_measure_on_many_regions_changes_its_inputs(frames, pair):
    start, end = frames
    region_panel, reference_panel = pair
    reference = start.sum().rename("DG")
    stacked = pd.concat({"r": region_panel}, names=["region", "year"])
    before = [frame.copy(deep=True) for frame in (start, end, region_panel, reference_panel, stacked)]
    reference_before = reference.copy(deep=True)

    analysis.location_quotient_matrix(start, reference)
    analysis.specialisation_by_region(start, reference)
    analysis.dunn_by_region(start, end, reference, end.sum())
    analysis.gerfin_by_region(start, end, reference, end.sum())
    analysis.esteban_marquillas_by_region(start, end, reference, end.sum())
    analysis.dynamic_shift_share(region_panel, reference_panel)
    analysis.dynamic_by_region(stacked, reference_panel)
    analysis.economic_complexity(start, min_sectors=2, min_regions=2)
    analysis.rank_regions(start.iloc[:, 0])
    analysis.size_structure(start)

    for original, frame in zip(before, (start, end, region_panel, reference_panel, stacked), strict=True):
        pd.testing.assert_frame_equal(original, frame)
    pd.testing.assert_series_equal(reference_before, reference)


def test_negative_counts_and_infinite_values_are_refused():
    import pytest

    reference = pd.Series({"A": 1.0}, name="DG")
    with pytest.raises(ValueError, match="negative"):
        analysis.location_quotients(pd.Series({"A": -1.0}, name="r"), reference)
    with pytest.raises(ValueError, match="infinite"):
        analysis.location_quotients(pd.Series({"A": math.inf}, name="r"), reference)
    with pytest.raises(ValueError, match="duplicate labels A"):
        analysis.location_quotients(pd.Series([1.0, 2.0], index=["A", "A"], name="r"), reference)
    with pytest.raises(ValueError, match="numbers"):
        analysis.location_quotients(pd.Series({"A": "viele"}, name="r"), reference)
