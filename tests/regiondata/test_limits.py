"""Statistics files that would exhaust the server are refused before the work, with a message."""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from standortkompass.core.archives import scan_sheet
from standortkompass.regiondata.importers import StatisticsImportError, base, limits, read_statistics_file, xlsx
from standortkompass.regiondata.importers.long import read_long_csv
from standortkompass.regiondata.models import ImportBatch, Observation
from standortkompass.regiondata.services import statistics_import

HEADER = "region_code,region_name,sector_code,sector_name,year,value\n"
EUROSTAT_HEADER = b"unit,nace_r2,geo\\TIME_PERIOD\t2019 \t2020 \n"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _problems(parsed: base.ParsedFile) -> str:
    return "\n".join(str(problem) for problem in parsed.problems)


def test_a_gzip_bomb_is_refused_while_unpacking_and_nothing_is_saved(db: None) -> None:
    # 1 MB more than the cap of zeros packs to about 65 KB: the kind of file made to fill memory.
    bomb = gzip.compress(EUROSTAT_HEADER + b"\0" * (limits.MAX_TEXT_BYTES + 2**20), compresslevel=9)
    assert len(bomb) < 200_000

    with pytest.raises(StatisticsImportError) as refused:
        statistics_import(data=bomb, file_name="nama_10r_3empers.tsv.gz", format=None, indicator="")

    assert "unpacks to more than 64 MB" in str(refused.value)
    assert not ImportBatch.objects.exists()
    assert not Observation.objects.exists()


def test_a_damaged_gzip_file_is_named_damaged() -> None:
    damaged = gzip.compress(EUROSTAT_HEADER * 10)[:-12]

    parsed = read_statistics_file(damaged, file_name="nama.tsv.gz")

    assert "The gzip file is damaged." in _problems(parsed)


def test_a_gzip_file_within_the_cap_is_unpacked_whole() -> None:
    text = EUROSTAT_HEADER + b"THS,C,DE111\t1.5 \t2.5 \n" * 1000

    assert limits.gunzip(gzip.compress(text)) == text


@pytest.mark.parametrize(
    ("cap", "value", "expected"),
    [
        ("MAX_TEXT_BYTES", 1000, "larger than 0 MB of text"),
        ("MAX_LINES", 10, "more than 10 lines"),
        ("MAX_CELLS", 50, "more than 50 cells"),
    ],
)
def test_a_text_file_over_a_cap_is_refused_before_it_is_read(monkeypatch, cap, value, expected) -> None:
    monkeypatch.setattr(limits, cap, value)
    data = (HEADER + "08118,Ludwigsburg,A,Land- und Forstwirtschaft,2020,1516\n" * 40).encode()

    parsed = read_long_csv(data, file_name="lang.csv", indicator="employees_workplace")

    assert expected in _problems(parsed)
    assert parsed.records == []


def test_problems_beyond_the_listed_ones_are_counted_not_kept(monkeypatch, db: None) -> None:
    monkeypatch.setattr(base, "MAX_LISTED_PROBLEMS", 5)
    data = (HEADER + "8118,Ludwigsburg,A,Land- und Forstwirtschaft,2020,1516\n" * 300).encode()

    with pytest.raises(StatisticsImportError) as refused:
        statistics_import(data=data, file_name="lang.csv", format=None, indicator="employees_workplace")

    problems = refused.value.problems
    assert refused.value.total == 300
    assert len(problems) == 6
    assert str(problems[-1]) == "lang.csv: … and 295 more problems, not listed."


def _workbook(rows: int, columns: int = 3) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in range(rows):
        sheet.append([f"r{row}c{column}" for column in range(columns)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_workbook_that_unpacks_beyond_the_cap_is_refused_from_its_table_of_contents(monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_WORKBOOK_BYTES", 20_000)

    parsed = read_statistics_file(_workbook(2000), file_name="tabelle.xlsx")

    assert "The workbook unpacks to more than 0 MB" in _problems(parsed)


def test_a_sheet_with_more_rows_than_the_cap_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(xlsx, "MAX_SHEET_ROWS", 50)

    parsed = read_statistics_file(_workbook(100), file_name="tabelle.xlsx")

    assert _problems(parsed) == "tabelle.xlsx: The sheet has more than 50 rows."


def test_a_row_wider_than_the_cap_is_refused_with_its_number(monkeypatch) -> None:
    monkeypatch.setattr(xlsx, "MAX_COLUMNS", 5)

    parsed = read_statistics_file(_workbook(3, columns=8), file_name="tabelle.xlsx")

    assert _problems(parsed) == "tabelle.xlsx, row 1: The row has more than 5 columns."


def test_the_command_refuses_a_file_over_the_cap_before_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "gross.csv"
    with big.open("wb") as file:
        file.truncate(limits.MAX_TEXT_BYTES + 1)

    with pytest.raises(CommandError) as refused:
        call_command("import_statistics", str(big), "--dry-run")

    assert refused.value.returncode == 2
    assert str(refused.value) == f"{big}: the file is larger than 64 MB; split it into several files."


def test_the_sheet_scan_counts_rows_and_merged_ranges_across_its_pieces() -> None:
    rows = b"".join(b'<x:row r="%d"><x:c r="A%d"><x:v>1</x:v></x:c></x:row>' % (row, row) for row in range(1, 60_001))
    merges = b'<x:mergeCells count="2"><x:mergeCell ref="A1:C1"/><x:mergeCell ref="B2:B3"/></x:mergeCells>'
    sheet = b"<x:worksheet><x:sheetData>" + rows + b"</x:sheetData>" + merges + b"<x:rowBreaks/></x:worksheet>"
    assert len(sheet) > 2 * 2**20  # read in several pieces

    scan = scan_sheet(io.BytesIO(sheet))
    assert (scan.rows, scan.merged, scan.more_merged) == (60_000, [(1, 1, 1, 3), (2, 2, 3, 2)], False)


def test_a_workbook_with_too_much_shared_text_is_refused_before_it_is_opened(monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_SHARED_STRINGS_BYTES", 1_000)
    buffer = io.BytesIO(_workbook(3))
    # Excel keeps the texts of a workbook in one shared table, which openpyxl reads whole on opening.
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", "<sst>" + "<si><t>Text</t></si>" * 200 + "</sst>")

    parsed = read_statistics_file(buffer.getvalue(), file_name="tabelle.xlsx")

    assert _problems(parsed) == "tabelle.xlsx: The workbook holds more than 0 MB of text; split it into several files."
