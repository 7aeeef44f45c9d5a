"""The GENESIS importer on the complete 2020 download of table 13111-07-05-4 (imported once for the module)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from pytest_django import DjangoDbBlocker

from standortkompass.regiondata.catalogue import TOTAL
from standortkompass.regiondata.models import ImportBatch, Indicator, Observation, Region, RegionLevel, ValueStatus
from standortkompass.regiondata.services import ImportReport, statistics_import

from .conftest import RAW, clean_rows, stored

RAW_2020 = RAW / "13111-07-05-4_2020.csv"
EMPLOYMENT_CLEAN = "employment/svb_arbeitsort_wirtschaftsabschnitte_kreise_2015-2020.csv"
COLUMNS = {
    "svb_insgesamt": "employees_workplace",
    "svb_maennlich": "employees_workplace_male",
    "svb_weiblich": "employees_workplace_female",
    "svb_auslaender_insgesamt": "employees_workplace_foreign",
    "svb_auslaender_maennlich": "employees_workplace_foreign_male",
    "svb_auslaender_weiblich": "employees_workplace_foreign_female",
}
SECTIONS = ["A", "B-F", "B-E", "C", "F", "G-U", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U", TOTAL]


@pytest.fixture(scope="module")
def imported_2020(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[ImportReport]:
    """The whole 2020 download imported once into the empty test database, rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield statistics_import(data=RAW_2020.read_bytes(), file_name=RAW_2020.name)
        transaction.set_rollback(True)


def test_the_2020_download_is_read_completely(imported_2020: ImportReport, db: None) -> None:
    # 538 regional units × 14 sector rows × 6 columns, less the 78 units that are all '-' (abolished Kreise)
    assert imported_2020.rows == (538 - 78) * 14 * 6
    # plus Hamburg and Berlin stored again under their Kreis keys
    assert imported_2020.created == imported_2020.rows + 2 * 14 * 6
    assert Observation.objects.count() == imported_2020.created
    assert imported_2020.source_table == "13111-07-05-4"
    assert ImportBatch.objects.get().created == imported_2020.created


def test_the_2020_download_gives_the_shipped_2020_values_of_ludwigsburg(imported_2020: ImportReport, db: None) -> None:
    rows = clean_rows(EMPLOYMENT_CLEAN, jahr="2020", ags="08118")
    assert len(rows) == 14
    for row in rows:
        symbols = dict(item.split("=") for item in row["anmerkung"].split())
        for column, indicator in COLUMNS.items():
            observation = stored(indicator, "08118", row["wz2008_code"], 2020)
            if row[column]:
                assert observation.value == float(row[column])
                assert observation.status == ValueStatus.VALUE
            else:
                assert observation.value is None
                assert observation.status == symbols[column]


def test_ludwigsburg_has_206752_employees_in_2020_and_the_partition_adds_up(
    imported_2020: ImportReport, db: None
) -> None:
    total = stored("employees_workplace", "08118", TOTAL, 2020)
    assert total.value == 206752
    assert total.reference_date.isoformat() == "2020-06-30"
    partition = ["A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U"]
    values = Observation.objects.filter(
        indicator__code="employees_workplace", region__code="08118", year=2020, sector__in=partition
    ).values_list("value", flat=True)
    assert sum(v for v in values if v is not None) == 206752


def test_sector_labels_without_codes_get_their_wz_codes(imported_2020: ImportReport, db: None) -> None:
    sectors = set(
        Observation.objects.filter(indicator__code="employees_workplace", region__code="08118").values_list(
            "sector", flat=True
        )
    )
    assert sectors == set(SECTIONS)


def test_suppressed_and_empty_cells_are_flags_and_never_zeros(imported_2020: ImportReport, db: None) -> None:
    # "16077; Altenburger Land; Information und Kommunikation (J);245;156;89;.;.;."
    suppressed = stored("employees_workplace_foreign", "16077", "J", 2020)
    assert (suppressed.value, suppressed.status) == (None, ValueStatus.UNKNOWN)
    # "16077; ...; Erbringung von Finanz- und Vers.leistungen (K);374;114;260;-;-;-"
    nothing = stored("employees_workplace_foreign", "16077", "K", 2020)
    assert (nothing.value, nothing.status) == (None, ValueStatus.NOTHING)
    assert not Observation.objects.filter(value=0, status__in=[".", "-", "x"]).exists()
    assert Observation.objects.filter(status=ValueStatus.UNKNOWN).count() > 1000


def test_hamburg_and_berlin_land_values_are_also_stored_under_their_kreis_keys(
    imported_2020: ImportReport, db: None
) -> None:
    for land, kreis, total in (("02", "02000", 997534), ("11", "11000", None)):
        land_value = stored("employees_workplace", land, TOTAL, 2020).value
        assert stored("employees_workplace", kreis, TOTAL, 2020).value == land_value
        if total is not None:
            assert land_value == total
    assert Region.objects.get(code="02000").level == RegionLevel.DISTRICT
    assert any("02000" in note for note in imported_2020.notes)


def test_unknown_regions_are_created_from_key_and_name(imported_2020: ImportReport, db: None) -> None:
    ludwigsburg = Region.objects.get(code="08118")
    assert ludwigsburg.name == "Ludwigsburg, Landkreis"  # indentation stripped
    assert ludwigsburg.level == RegionLevel.DISTRICT
    assert ludwigsburg.kind == "Landkreis"
    assert ludwigsburg.parent is not None
    assert ludwigsburg.parent.code == "081"
    assert ludwigsburg.parent.parent is not None
    assert ludwigsburg.parent.parent.code == "08"
    hannover = Region.objects.get(code="03241001")
    assert hannover.level == RegionLevel.MUNICIPALITY
    assert hannover.parent is not None
    assert hannover.parent.code == "03241"
    assert Region.objects.get(code="DG").level == RegionLevel.COUNTRY
    assert ("08118", "Ludwigsburg, Landkreis") in imported_2020.regions_created


def test_abolished_kreise_listed_with_dashes_only_are_left_out_and_noted(imported_2020: ImportReport, db: None) -> None:
    assert not Region.objects.filter(code__in=["03152", "03156", "13001"]).exists()
    assert any("03152 Göttingen, Landkreis (2020)" in note for note in imported_2020.notes)


def test_catalogue_indicators_get_their_names_and_units(imported_2020: ImportReport, db: None) -> None:
    indicator = Indicator.objects.get(code="employees_workplace")
    assert indicator.name == "Sozialversicherungspflichtig Beschäftigte am Arbeitsort"
    assert indicator.unit == "Personen"
    assert indicator.has_sectors
