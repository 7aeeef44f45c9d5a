import pytest

from standortkompass.analysis import TOTAL, check_non_overlapping, coverage, overlapping_pairs, select_partition
from standortkompass.analysis.missing import Reason

EMPLOYMENT_TABLE_CODES = ["A", "B-F", "B-E", "C", "F", "G-U", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U", "TOTAL"]


def test_the_employment_table_reduces_to_its_ten_non_overlapping_groups():
    partition = select_partition(EMPLOYMENT_TABLE_CODES)

    assert partition.sectors == ("A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U")
    assert partition.total == TOTAL


def test_every_code_left_out_of_the_partition_is_reported_with_its_reason():
    dropped = {item.sector: item.reason for item in select_partition(EMPLOYMENT_TABLE_CODES).dropped}

    assert dropped == {
        "B-F": Reason.AGGREGATE,  # = B-E + F, both listed
        "G-U": Reason.AGGREGATE,  # = the seven service groups
        "C": Reason.PART_OF_AGGREGATE,  # B, D, E are not listed, so B-E is kept
        "TOTAL": Reason.TOTAL,
    }


def test_the_partition_does_not_depend_on_the_order_of_the_codes():
    assert select_partition(reversed(EMPLOYMENT_TABLE_CODES)) == select_partition(EMPLOYMENT_TABLE_CODES)


def test_an_aggregate_is_kept_when_its_parts_do_not_cover_it():
    assert select_partition(["B-F", "C"]).sectors == ("B-F",)


def test_an_aggregate_is_split_when_its_parts_cover_it_exactly():
    assert select_partition(["B-F", "B-E", "F"]).sectors == ("B-E", "F")


def test_the_finest_level_is_reached_through_several_levels_of_nesting():
    codes = ["B-F", "B-E", "F", "B", "C", "D-E", "D", "E"]

    assert select_partition(codes).sectors == ("B", "C", "D", "E", "F")


def test_codes_that_overlap_only_partly_are_refused():
    with pytest.raises(ValueError, match="G-J and H-K"):
        select_partition(["G-J", "H-K"])


def test_two_codes_for_the_same_divisions_are_refused():
    with pytest.raises(ValueError, match="same divisions"):
        select_partition(["B-E", "BCDE"])


def test_the_federal_employment_agency_grouping_bde_means_b_d_and_e_without_c():
    assert coverage("BDE") == coverage("B") | coverage("D") | coverage("E")
    assert not coverage("BDE") & coverage("C")
    assert select_partition(["A", "BDE", "C", "F"]).sectors == ("A", "BDE", "C", "F")


def test_divisions_nest_inside_their_section():
    assert coverage("29") < coverage("C")
    assert coverage("10-12") == coverage("10") | coverage("11") | coverage("12")
    assert select_partition(["C", "10-12", "13-33"]).sectors == ("10-12", "13-33")


def test_unknown_codes_overlap_only_themselves():
    assert overlapping_pairs(["Industrie", "Dienstleistungen"]) == ()
    assert select_partition(["Industrie", "Dienstleistungen"]).sectors == ("Dienstleistungen", "Industrie")


def test_overlapping_pairs_names_every_overlap_including_the_total():
    assert overlapping_pairs(["A", "B-F", "F", "TOTAL"]) == (
        ("A", "TOTAL"),
        ("B-F", "F"),
        ("B-F", "TOTAL"),
        ("F", "TOTAL"),
    )


def test_check_non_overlapping_refuses_an_aggregate_next_to_its_part():
    check_non_overlapping(["A", "B-E", "F"])
    with pytest.raises(ValueError, match="B-E and C"):
        check_non_overlapping(["A", "B-E", "C"])


@pytest.mark.parametrize("code", ["E-B", "DB", "33-10"])
def test_backward_ranges_are_refused(code):
    with pytest.raises(ValueError, match=code):
        coverage(code)
