import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from standortkompass.analysis.survey import anonymity
from standortkompass.analysis.survey.anonymity import QuasiIdentifier, k_anonymise, neighbour_merges

SIZES = QuasiIdentifier("groesse", neighbour_merges([1, 2, 3, 4]))


def _groups(frame: pd.DataFrame, names: list[str]) -> pd.Series:
    return frame[names].fillna(np.inf).groupby(names).size()


def test_neighbouring_classes_merge_in_pairs_then_in_fours():
    assert neighbour_merges([1, 2, 3, 4, 5]) == (
        {1.0: 1.0, 2.0: 1.0, 3.0: 3.0, 4.0: 3.0, 5.0: 5.0},
        {1.0: 1.0, 2.0: 1.0, 3.0: 1.0, 4.0: 1.0, 5.0: 5.0},
    )
    assert neighbour_merges([1, 2]) == ()


def test_a_unique_size_class_is_merged_with_its_neighbour():
    # One company of 250+ employees (4) among firms of 50-249 (3): merging the pairs gives 3+4 six rows.
    frame = pd.DataFrame({"groesse": [1.0] * 6 + [2.0] * 5 + [3.0] * 5 + [4.0], "antwort": range(17)})

    result = k_anonymise(frame, threshold=5, identifiers=[SIZES])

    assert result.levels == {"groesse": 1}
    assert result.dropped == ()
    assert result.frame["groesse"].tolist() == [1.0] * 11 + [3.0] * 6
    assert result.smallest_group == 6
    assert frame["groesse"].iloc[-1] == 4.0  # the caller's table is not changed


def test_the_least_coarsening_that_works_is_chosen():
    # Sector groups of two and size pairs would each fix the table alone; the size (declared later) is
    # coarsened, the sector keeps its detail.
    frame = pd.DataFrame({"branche": [1.0] * 10 + [2.0] * 10, "groesse": ([1.0] * 7 + [2.0] * 3) * 2})
    sectors = QuasiIdentifier("branche", neighbour_merges([1, 2, 3]))

    result = k_anonymise(frame, threshold=5, identifiers=[sectors, SIZES])

    assert result.levels == {"branche": 0, "groesse": 1}


def test_many_quasi_identifiers_are_handled_one_step_at_a_time(monkeypatch):
    monkeypatch.setattr(anonymity, "LATTICE_LIMIT", 0)
    test_a_coarsening_that_is_no_longer_needed_is_taken_back()


def test_a_coarsening_that_is_no_longer_needed_is_taken_back():
    # Place 1 has one firm of size 4, place 2 four: merging sizes 3 and 4 helps first (6 in place 1), but the
    # four firms of place 2 still need the place left out; then the sizes are fine as they were.
    ort = [1.0] * 16 + [2.0] * 4
    groesse = [1.0] * 5 + [2.0] * 5 + [3.0] * 5 + [4.0] + [4.0] * 4
    frame = pd.DataFrame({"ort": ort, "groesse": groesse})

    result = k_anonymise(frame, threshold=5, identifiers=[QuasiIdentifier("ort"), SIZES])

    assert result.dropped == ("ort",)
    assert result.levels == {"groesse": 0}
    assert result.frame["groesse"].tolist() == groesse


def test_a_quasi_identifier_without_coarsening_is_left_out_when_needed():
    frame = pd.DataFrame({"ort": [1.0] * 9 + [2.0], "groesse": [1.0] * 5 + [2.0] * 5})

    result = k_anonymise(frame, threshold=5, identifiers=[QuasiIdentifier("ort"), SIZES])

    assert result.dropped == ("ort",)
    assert list(result.frame.columns) == ["groesse"]
    assert (_groups(result.frame, ["groesse"]) >= 5).all()


def test_missing_codes_are_values_of_their_own():
    # Four firms gave no size (-2): "no answer" is a group as small as any other.
    frame = pd.DataFrame({"groesse": [1.0] * 6 + [-2.0] * 4 + [2.0] * 5})

    result = k_anonymise(frame, threshold=5, identifiers=[SIZES])

    assert result.dropped == ("groesse",)


def test_a_table_that_is_already_k_anonymous_is_left_as_it_is():
    frame = pd.DataFrame({"groesse": [1.0] * 5 + [2.0] * 5, "ort": [1.0] * 10})

    result = k_anonymise(frame, threshold=5, identifiers=[SIZES, QuasiIdentifier("ort")])

    assert not result.changed
    assert result.frame.equals(frame)


def test_k_anonymisation_refuses_an_unknown_column_and_a_bad_threshold():
    frame = pd.DataFrame({"groesse": [1.0]})
    with pytest.raises(ValueError, match="no column ort"):
        k_anonymise(frame, threshold=5, identifiers=[QuasiIdentifier("ort")])
    with pytest.raises(ValueError, match="threshold"):
        k_anonymise(frame, threshold=0, identifiers=[SIZES])


profiles = st.lists(
    st.tuples(st.integers(1, 4), st.integers(1, 6), st.sampled_from([1.0, 2.0, -2.0, float("nan")])),
    min_size=0,
    max_size=60,
)


@pytest.mark.parametrize("limit", [0, anonymity.LATTICE_LIMIT])
@settings(max_examples=100, deadline=None)
@given(rows=profiles, threshold=st.integers(1, 7))
def test_every_combination_left_is_shared_by_k_rows(limit, rows, threshold):
    anonymity.LATTICE_LIMIT, saved = limit, anonymity.LATTICE_LIMIT
    frame = pd.DataFrame(rows, columns=["groesse", "branche", "standort"], dtype=float)
    identifiers = [SIZES, QuasiIdentifier("branche", neighbour_merges(range(1, 7))), QuasiIdentifier("standort")]

    try:
        result = k_anonymise(frame, threshold=threshold, identifiers=identifiers)
    finally:
        anonymity.LATTICE_LIMIT = saved

    left = [identifier.name for identifier in identifiers if identifier.name not in result.dropped]
    assert len(result.frame) == len(frame)
    if left and len(frame):
        assert (_groups(result.frame, left) >= threshold).all()
        assert result.smallest_group >= threshold
