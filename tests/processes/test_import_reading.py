"""Reading organisation lists: CSV in the encodings and separators found in practice, and XLSX."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from django.utils import translation
from openpyxl import Workbook

from standortkompass.processes.importers.organisations import (
    HEADERS,
    MAX_ROWS,
    ImportFileError,
    canonical_header,
    read_table,
    template_csv,
    template_xlsx,
)


@pytest.fixture(autouse=True)
def _german() -> Iterator[None]:
    """Messages are checked as German users see them, whatever language an earlier test's request left active."""
    with translation.override("de"):
        yield


CSV_TEXT = "Externe ID;Name;Ort;Gemeindeschlüssel\n4711;Bäckerei Größle;Möglingen;08118048\n"


def _xlsx(rows: list[list[object]], title: str = "Tabelle1") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _read(data: bytes, filename: str = "liste.csv") -> list[dict[str, str]]:
    return read_table(io.BytesIO(data), filename)


@pytest.mark.parametrize(
    "data",
    [
        CSV_TEXT.encode("utf-8"),
        CSV_TEXT.encode("utf-8-sig"),
        CSV_TEXT.encode("cp1252"),
        CSV_TEXT.encode("latin-1"),
        CSV_TEXT.replace(";", ",").encode("utf-8"),
        CSV_TEXT.replace(";", ",").replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252", "latin-1", "comma", "comma, windows line ends"],
)
def test_csv_is_read_whatever_the_encoding_and_separator(data):
    rows = _read(data)

    assert rows == [
        {"Externe ID": "4711", "Name": "Bäckerei Größle", "Ort": "Möglingen", "Gemeindeschlüssel": "08118048"}
    ]


def test_quoted_csv_values_may_contain_the_separator():
    rows = _read('Name,Straße\n"Müller, Söhne & Co. KG","Hauptstr. 1"\n'.encode())

    assert rows[0] == {"Name": "Müller, Söhne & Co. KG", "Straße": "Hauptstr. 1"}


def test_headings_are_matched_case_insensitively_and_by_their_aliases():
    rows = _read(b"NAME;plz;e-mail;AGS;Strasse;Groessenklasse;Mitarbeiter\nA;71634;a@example.org;08118048;X;0-9;3\n")

    assert set(rows[0]) == {"Name", "PLZ", "E-Mail", "Gemeindeschlüssel", "Straße", "Größenklasse", "Beschäftigte"}


def test_every_documented_heading_is_its_own_canonical_heading():
    assert all(canonical_header(header) == header for header in HEADERS)


def test_unknown_columns_are_kept_under_their_own_heading():
    rows = _read(b"Name;Bemerkung\nA;wichtig\n")

    assert rows == [{"Name": "A", "Bemerkung": "wichtig"}]


def test_empty_lines_keep_the_row_numbers_and_trailing_ones_are_dropped():
    rows = _read(b"Name\nA\n\nB\n\n\n")

    assert [row["Name"] for row in rows] == ["A", "", "B"]


def test_xlsx_is_read_with_numbers_dates_and_booleans_as_text():
    data = _xlsx(
        [
            ["Name", "PLZ", "Beschäftigte", "Einwilligung", "Einwilligung am", "Leer"],
            ["Muster GmbH", 71634, 12.0, True, dt.datetime(2026, 3, 1, 14, 30), None],
            ["Beispiel AG", "01067", 250, False, dt.date(2026, 3, 2), None],
        ]
    )

    rows = _read(data, "Mitglieder.XLSX")

    assert rows == [
        {"Name": "Muster GmbH", "PLZ": "71634", "Beschäftigte": "12", "Einwilligung": "ja",
         "Einwilligung am": "01.03.2026 14:30", "Leer": ""},
        {"Name": "Beispiel AG", "PLZ": "01067", "Beschäftigte": "250", "Einwilligung": "nein",
         "Einwilligung am": "02.03.2026", "Leer": ""},
    ]  # fmt: skip


def test_xlsx_reads_the_sheet_organisationen_when_there_is_one():
    workbook = Workbook()
    workbook.active.append(["Hinweis"])
    data_sheet = workbook.create_sheet("Organisationen")
    data_sheet.append(["Name"])
    data_sheet.append(["Muster GmbH"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert _read(buffer.getvalue(), "liste.xlsx") == [{"Name": "Muster GmbH"}]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"Name\nA\n", "liste.xls", "Nur CSV-Dateien"),
        (b"Name\nA\n", "liste.txt", "Nur CSV-Dateien"),
        (b"", "liste.csv", "Die Datei ist leer"),
        (b"  \n\n", "liste.csv", "Die Datei ist leer"),
        (b"Name\n", "liste.csv", "keine Datenzeilen"),
        (b"Firma X;Ort\nA;B\n", "liste.csv", "keine Spalte \u201eName\u201c"),
        (b"Name;NAME\nA;B\n", "liste.csv", "zweimal vor"),
        (b"Name\nA\x00B\n", "liste.csv", "keine Textdatei"),
        (b"Name;Ort\nA;B\n", "liste.xlsx", "nicht als Excel-Arbeitsmappe"),
        (b"PK\x03\x04broken zip", "liste.xlsx", "nicht als Excel-Arbeitsmappe"),
    ],
    ids=["xls", "txt", "empty", "blank", "headings only", "no name", "twice", "binary", "csv as xlsx", "broken zip"],
)
def test_unreadable_files_raise_a_clear_error(data, filename, message):
    with pytest.raises(ImportFileError, match=message):
        _read(data, filename)


def test_a_file_with_too_many_rows_is_refused():
    data = ("Name\n" + "".join(f"Firma {number}\n" for number in range(MAX_ROWS + 1))).encode()

    with pytest.raises(ImportFileError, match="mehr als"):
        _read(data)


def test_an_xlsx_without_data_rows_is_refused():
    with pytest.raises(ImportFileError, match="keine Datenzeilen"):
        _read(_xlsx([["Name", "Ort"]]), "leer.xlsx")


def test_the_csv_template_is_utf8_with_bom_and_semicolons_and_reads_back():
    data = template_csv({"Name": "Muster GmbH", "Ort": "Möglingen"})

    assert data.startswith(b"\xef\xbb\xbf")
    assert data.splitlines()[0].decode("utf-8-sig") == ";".join(HEADERS)
    rows = _read(data)
    assert rows[0]["Name"] == "Muster GmbH"
    assert rows[0]["Ort"] == "Möglingen"
    assert set(rows[0]) == set(HEADERS)


def test_the_xlsx_template_has_the_headings_an_example_and_a_notes_sheet():
    from openpyxl import load_workbook

    data = template_xlsx({"Name": "Muster GmbH", "PLZ": "01067"}, [["Spalte", "Pflicht"], ["Name", "ja"]])

    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Organisationen", "Hinweise"]
    sheet = workbook["Organisationen"]
    assert [cell.value for cell in sheet[1]] == list(HEADERS)
    assert sheet["B2"].value == "Muster GmbH"
    assert workbook["Hinweise"]["A2"].value == "Name"
    rows = _read(data, "vorlage.xlsx")
    assert rows == [{**dict.fromkeys(HEADERS, ""), "Name": "Muster GmbH", "PLZ": "01067"}]


def test_a_workbook_that_unpacks_beyond_the_cap_is_refused_before_it_is_opened(monkeypatch):
    from standortkompass.processes.importers import organisations

    monkeypatch.setattr(organisations, "MAX_WORKBOOK_BYTES", 20_000)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Name", "Typ"])
    for row in range(2_000):
        sheet.append([f"Firma {row}", "Unternehmen"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)

    with translation.override("en"), pytest.raises(ImportFileError) as refused:
        read_table(buffer, "organisationen.xlsx")

    assert str(refused.value) == "The workbook unpacks to more than 0 MB; split it into several files."
