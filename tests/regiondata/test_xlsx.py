"""XLSX downloads of GENESIS tables, built here from the real CSV download with openpyxl."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.utils import translation
from openpyxl import Workbook

from standortkompass.regiondata.importers import StatisticsImportError, read_statistics_file
from standortkompass.regiondata.importers.genesis import read_genesis_csv
from standortkompass.regiondata.importers.xlsx import read_genesis_xlsx
from standortkompass.regiondata.models import ImportBatch, Observation, ValueStatus
from standortkompass.regiondata.services import statistics_import

from .conftest import RAW, genesis_excerpt, stored


@pytest.fixture(autouse=True)
def _german() -> Iterator[None]:
    """Messages are checked as German users see them, whatever language an earlier test's request left active."""
    with translation.override("de"):
        yield


RAW_2020 = RAW / "13111-07-05-4_2020.csv"
CODES = ["DG", "02", "08", "081", "08118", "16077"]


def xlsx_from_genesis_csv(data: bytes, *, merge_headers: bool = False) -> bytes:
    """A workbook as the Regionaldatenbank exports it: values as numbers, keys, symbols and labels as text."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "13111-07-05-4"
    text = data.decode("latin-1")
    rows = [line.split(";") for line in text.splitlines()]
    for cells in rows:
        sheet.append([_cell(cell) if index >= 3 else cell or None for index, cell in enumerate(cells)])
    if merge_headers:
        # "Nationalität" over all six value columns, as one merged cell
        header_row = next(number for number, cells in enumerate(rows, start=1) if cells[3:4] == ["Nationalität"])
        for column in range(5, 10):
            sheet.cell(header_row, column).value = None
        sheet.merge_cells(start_row=header_row, start_column=4, end_row=header_row, end_column=9)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(text: str) -> object:
    if text.isdigit():
        return int(text)
    if text.replace(",", "", 1).isdigit() and "," in text:
        return float(text.replace(",", "."))
    return text or None


def _key(record: object) -> tuple[object, ...]:
    return tuple(
        getattr(record, name) for name in ("indicator", "region", "region_name", "sector", "year", "value", "status")
    )


@pytest.mark.parametrize("merge_headers", [False, True])
def test_an_xlsx_download_gives_the_same_records_as_the_csv(merge_headers: bool) -> None:
    csv_data = genesis_excerpt(RAW_2020, CODES)
    from_csv = read_genesis_csv(csv_data, file_name="13111-07-05-4_2020.csv")
    from_xlsx = read_genesis_xlsx(xlsx_from_genesis_csv(csv_data, merge_headers=merge_headers), file_name="t.xlsx")
    assert not from_xlsx.problems
    assert len(from_xlsx.records) == len(CODES) * 14 * 6
    assert sorted(map(_key, from_xlsx.records)) == sorted(map(_key, from_csv.records))
    assert from_xlsx.records[0].reference_date == from_csv.records[0].reference_date


def test_an_xlsx_download_is_imported_with_flags_and_the_format_is_recognised(db: None) -> None:
    data = xlsx_from_genesis_csv(genesis_excerpt(RAW_2020, CODES))
    report = statistics_import(data=data, file_name="13111-07-05-4_2020.xlsx")
    assert report.format == "xlsx"
    assert stored("employees_workplace", "08118", "TOTAL", 2020).value == 206752
    assert stored("employees_workplace_foreign", "16077", "J", 2020).status == ValueStatus.UNKNOWN
    assert stored("employees_workplace", "02000", "TOTAL", 2020).value == 997534


def test_a_text_in_a_value_cell_is_refused_with_row_and_column_letter(db: None) -> None:
    csv_data = genesis_excerpt(RAW_2020, ["08118"]).replace(b"Insgesamt;206752;", b"Insgesamt;etwa 206752;")
    data = xlsx_from_genesis_csv(csv_data)
    row = next(number for number, line in enumerate(csv_data.decode("latin-1").splitlines(), 1) if "etwa" in line)
    with pytest.raises(StatisticsImportError) as refused:
        statistics_import(data=data, file_name="kaputt.xlsx")
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (row, 4)
    assert f"kaputt.xlsx, Zeile {row}, Spalte D" in str(problem)
    assert not Observation.objects.exists()
    assert not ImportBatch.objects.exists()


def test_an_empty_value_cell_in_a_sheet_is_refused() -> None:
    csv_data = genesis_excerpt(RAW_2020, ["08118"]).replace(b"Insgesamt;206752;", b"Insgesamt;;")
    parsed = read_genesis_xlsx(xlsx_from_genesis_csv(csv_data), file_name="leer.xlsx")
    [problem] = parsed.problems
    assert problem.column == 4
    assert "leer" in problem.message


def test_a_file_that_is_not_a_workbook_is_refused() -> None:
    parsed = read_statistics_file(b"PK\x03\x04 not really a zip", file_name="kaputt.xlsx")
    [problem] = parsed.problems
    assert "XLSX" in problem.message
