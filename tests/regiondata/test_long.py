"""The simple long CSV: the real Göttingen reference file and small files written here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from standortkompass.regiondata.importers import StatisticsImportError
from standortkompass.regiondata.importers.long import read_long_csv
from standortkompass.regiondata.models import Indicator, Observation, Region, RegionLevel, ValueStatus
from standortkompass.regiondata.services import statistics_import

from .conftest import OFFICIAL, stored


@pytest.fixture(autouse=True)
def _german() -> Iterator[None]:
    """Messages are checked as German users see them, whatever language an earlier test's request left active."""
    with translation.override("de"):
        yield


GOETTINGEN = OFFICIAL / "reference" / "goettingen_svb_wz_abschnitte_2008-2017.csv"
HEADER = "region_code,region_name,sector_code,sector_name,year,value\n"


def test_the_goettingen_reference_file_is_imported_into_an_empty_database(db: None) -> None:
    report = statistics_import(
        data=GOETTINGEN.read_bytes(), file_name=GOETTINGEN.name, indicator="reference_goettingen_employees"
    )
    assert report.format == "long"
    assert report.created == 300  # 2 regions × 15 groups × 10 years
    assert stored("reference_goettingen_employees", "03159016", "A", 2008).value == 44
    assert stored("reference_goettingen_employees", "03159016", "BDE", 2008).value is not None
    town = Region.objects.get(code="03159016")
    assert (town.name, town.level) == ("Göttingen", RegionLevel.MUNICIPALITY)
    assert Region.objects.get(code="DG").level == RegionLevel.COUNTRY
    assert Indicator.objects.get(code="reference_goettingen_employees").has_sectors


def test_totals_symbols_and_an_indicator_column(db: None) -> None:
    data = (
        b"indicator,region_code,region_name,sector_code,sector_name,year,value,unit\n"
        b"employees_workplace,08118,Ludwigsburg,TOTAL,Insgesamt,2021,210000,Personen\n"
        b"employees_workplace,08118,Ludwigsburg,A,Landwirtschaft,2021,.,Personen\n"
        b"employees_workplace,08118,Ludwigsburg,,Ohne Sektor,2022,-,Personen\n"
        b"my_rate,08118,Ludwigsburg,,,2021,3.25,%\n"
    )
    statistics_import(data=data, file_name="eigene.csv")
    assert stored("employees_workplace", "08118", "TOTAL", 2021).value == 210000
    suppressed = stored("employees_workplace", "08118", "A", 2021)
    assert (suppressed.value, suppressed.status) == (None, ValueStatus.UNKNOWN)
    # an indicator of the catalogue with sectors: an empty sector is its total
    assert stored("employees_workplace", "08118", "TOTAL", 2022).status == ValueStatus.NOTHING
    assert stored("my_rate", "08118", "", 2021).value == 3.25
    assert Indicator.objects.get(code="my_rate").unit == "%"


def test_a_semicolon_file_with_decimal_commas_from_a_spreadsheet_is_accepted(db: None) -> None:
    data = "region_code;region_name;sector_code;sector_name;year;value\n08118;Ludwigsburg;;;2021;3,5\n"
    statistics_import(data=data.encode("utf-8-sig"), file_name="excel.csv", indicator="rate")
    assert stored("rate", "08118", "", 2021).value == 3.5


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        ("8118,Ludwigsburg,C,Verarbeitendes Gewerbe,2020,5", 1, "führende Null"),
        ("08118,,C,Verarbeitendes Gewerbe,2020,5", 2, "Name der Region ist leer"),
        ("08118,Ludwigsburg,Industrie,Verarbeitendes Gewerbe,2020,5", 3, "WZ-2008-Code"),
        ("08118,Ludwigsburg,C,Verarbeitendes Gewerbe,20,5", 5, "kein Jahr"),
        ("08118,Ludwigsburg,C,Verarbeitendes Gewerbe,2020,5a", 6, "weder eine Zahl"),
        ("08118,Ludwigsburg,C,Verarbeitendes Gewerbe,2020,", 6, "Der Wert ist leer"),
        ("08118,Ludwigsburg,C,Verarbeitendes Gewerbe,2020", None, "Felder"),
    ],
)
def test_a_bad_row_is_refused_with_line_and_column(row: str, column: int | None, words: str, db: None) -> None:
    data = (HEADER + "08118,Ludwigsburg,A,Landwirtschaft,2020,1\n" + row + "\n").encode()
    with pytest.raises(StatisticsImportError) as refused:
        statistics_import(data=data, file_name="eigene.csv", indicator="test")
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (3, column)
    assert words in problem.message
    assert not Observation.objects.exists()
    assert not Region.objects.exists()


def test_a_missing_column_and_a_missing_indicator_are_reported() -> None:
    parsed = read_long_csv(b"region_code,region_name,year,value\n08118,Ludwigsburg,2020,1\n", file_name="x.csv")
    messages = " ".join(problem.message for problem in parsed.problems)
    assert "sector_code" in messages
    assert "--indicator" in messages


def test_the_same_region_sector_and_year_twice_is_refused(db: None) -> None:
    data = (HEADER + "08118,Ludwigsburg,C,X,2020,1\n08118,Ludwigsburg,C,X,2020,2\n").encode()
    with pytest.raises(StatisticsImportError) as refused:
        statistics_import(data=data, file_name="doppelt.csv", indicator="test")
    [problem] = refused.value.problems
    assert problem.line == 3
    assert "zuerst in Zeile 2" in problem.message


def test_a_latin1_file_is_refused_as_not_utf8() -> None:
    parsed = read_long_csv((HEADER + "08118,Lörrach,C,X,2020,1\n").encode("latin-1"), file_name="x.csv", indicator="t")
    [problem] = parsed.problems
    assert (problem.line, problem.column) == (2, 8)
    assert "UTF-8" in problem.message
