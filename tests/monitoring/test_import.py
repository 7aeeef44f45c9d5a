"""The import of status updates: real files as Excel writes them, every problem with row and column, all or nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from openpyxl import Workbook

from standortkompass.audit.models import AuditEntry
from standortkompass.monitoring import importer
from standortkompass.monitoring.importer import StatusFileError, read_status_table
from standortkompass.monitoring.models import ProjectReport, ReportSource
from standortkompass.monitoring.services.rounds import round_open
from standortkompass.monitoring.services.status_import import (
    StatusImportRejectedError,
    status_import_apply,
    status_import_check,
)
from standortkompass.strategy.models import ProjectSheet

HEADERS = ["Projekt", "Status", "Fortschritt", "Text", "Stichtag"]


def xlsx(rows: list[list[object]], *, percent_column: int | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    if percent_column is not None:
        for cells in sheet.iter_rows(min_row=2, min_col=percent_column, max_col=percent_column):
            for cell in cells:
                cell.number_format = "0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[str]], encoding: str) -> bytes:
    lines = [";".join(HEADERS), *(";".join(row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def test_an_excel_workbook_with_dates_and_a_percent_column_is_read(monitored):
    data = xlsx(
        [
            ["azubi-tour-2027", "in Umsetzung", 0.6, "Erste Tour gestartet.", dt.datetime(2027, 3, 31)],
            ["Gewerbeflächenkataster", "in Planung", 0.15, "", None],
        ],
        percent_column=3,
    )

    rows = read_status_table(data, "stand.xlsx")

    assert rows[0] == {
        "Projekt": "azubi-tour-2027",
        "Status": "in Umsetzung",
        "Fortschritt": "60",
        "Text": "Erste Tour gestartet.",
        "Stichtag": "31.03.2027",
    }
    assert rows[1]["Fortschritt"] == "15"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_csv_as_excel_exports_it_windows_1252_or_utf_8_with_bom_is_read(monitored, encoding):
    data = csv_bytes([["Gewerbeflächenkataster", "zurückgestellt", "30 %", "Prüfung läuft", "31.03.2027"]], encoding)

    rows = read_status_table(data, "stand.csv")

    assert rows == [
        {
            "Projekt": "Gewerbeflächenkataster",
            "Status": "zurückgestellt",
            "Fortschritt": "30 %",
            "Text": "Prüfung läuft",
            "Stichtag": "31.03.2027",
        }
    ]
    check = status_import_check(process=monitored.reporting_round.process, rows=rows)
    assert not check.has_errors
    assert (check.rows[0].project, check.rows[0].status, check.rows[0].progress) == (
        monitored.other_project,
        "deferred",
        30,
    )


def test_the_check_names_row_and_column_of_every_problem(monitored):
    rows = read_status_table(
        csv_bytes(
            [
                ["gibt-es-nicht", "in Umsetzung", "50", "", ""],
                ["azubi-tour-2027", "fast fertig", "150", "", "31.02.2027"],
                ["azubi-tour-2027", "", "", "", "30.06.2027"],
                ["Gewerbeflächenkataster", "", "", "", ""],
            ],
            "utf-8-sig",
        ),
        "stand.csv",
    )

    check = status_import_check(process=monitored.reporting_round.process, rows=rows)

    issues = {(issue.row, issue.column) for issue in check.issues}
    assert issues == {
        (2, "Projekt"),
        (3, "Status"),
        (3, "Fortschritt"),
        (3, "Stichtag"),
        (4, ""),
        (4, "Stichtag"),
        (5, ""),
    }
    texts = [str(issue) for issue in check.issues]
    assert (
        _("Row %(row)s, column “%(column)s”: %(message)s")
        % {
            "row": 2,
            "column": "Projekt",
            "message": _("There is no project “%(name)s” in the strategy.") % {"name": "gibt-es-nicht"},
        }
        in texts
    )


def test_nothing_is_saved_while_one_row_has_a_problem(monitored, users):
    rows = read_status_table(
        csv_bytes(
            [["azubi-tour-2027", "in Umsetzung", "60", "Gut", ""], ["Gewerbeflächenkataster", "", "101", "", ""]],
            "utf-8-sig",
        ),
        "stand.csv",
    )

    with pytest.raises(StatusImportRejectedError):
        status_import_apply(
            process=monitored.reporting_round.process, rows=rows, actor=users["admin"], filename="x.csv"
        )

    assert not ProjectReport.objects.exists()
    assert ProjectSheet.objects.get(element=monitored.lead_project).status == "planning"


def test_the_same_project_twice_in_one_round_is_a_problem(monitored):
    rows = read_status_table(
        csv_bytes(
            [["azubi-tour-2027", "Idee", "", "", ""], ["Azubi-Tour 2027", "Idee", "", "", "31.03.2027"]], "cp1252"
        ),
        "stand.csv",
    )

    check = status_import_check(process=monitored.reporting_round.process, rows=rows)

    assert [(issue.row, issue.column) for issue in check.issues] == [(3, "Projekt")]


def test_a_clean_file_becomes_the_projects_reports_and_their_status(monitored, users, process):
    older = round_open(
        process=process,
        actor=users["admin"],
        data={"title": "Herbst 2026", "reporting_date": dt.date(2026, 9, 30), "due_date": dt.date(2026, 10, 15)},
    )
    data = xlsx(
        [
            ["azubi-tour-2027", "in Umsetzung", 60, "Erste Tour gestartet.", dt.date(2027, 3, 31)],
            ["azubi-tour-2027", "in Planung", 20, "Vorbereitung", "30.09.2026"],
            ["Gewerbeflächenkataster", "abgeschlossen", "100", "Fertig.", "31.03.2027"],
        ]
    )
    rows = read_status_table(data, "stand.xlsx")

    result = status_import_apply(process=process, rows=rows, actor=users["admin"], filename="stand.xlsx")

    assert (result.created, result.updated) == (3, 0)
    assert ProjectReport.objects.get(round=older, project=monitored.lead_project).progress == 20
    report = ProjectReport.objects.get(round=monitored.reporting_round, project=monitored.lead_project)
    assert (report.status, report.progress, report.source) == ("implementation", 60, ReportSource.IMPORT)
    assert ProjectSheet.objects.get(element=monitored.lead_project).progress == 60  # the newer round's value
    assert ProjectSheet.objects.get(element=monitored.other_project).status == "completed"
    entry = AuditEntry.objects.get(action="monitoring.import")
    assert entry.changes["file"] == "stand.xlsx"


def test_the_upload_check_and_confirm_pages_import_a_file(monitored, client_for):
    client = client_for("admin")
    base = f"/verwaltung/{monitored.reporting_round.process_id}/umsetzung/import/"
    data = csv_bytes([["azubi-tour-2027", "in Umsetzung", "45", "Läuft.", ""]], "cp1252")

    upload = client.post(base, {"file": SimpleUploadedFile("stand.csv", data, content_type="text/csv")})
    assert upload.status_code == 302
    assert upload["Location"] == base + "pruefen/"
    check = client.get(base + "pruefen/")
    assert "Azubi-Tour 2027" in check.content.decode()
    assert not ProjectReport.objects.exists()

    confirmed = client.post(base + "pruefen/")
    assert confirmed.status_code == 302
    assert ProjectReport.objects.get().progress == 45


def test_a_file_with_errors_is_shown_with_its_problems_and_cannot_be_confirmed(monitored, client_for):
    client = client_for("admin")
    base = f"/verwaltung/{monitored.reporting_round.process_id}/umsetzung/import/"
    data = csv_bytes([["azubi-tour-2027", "weiß nicht", "45", "", ""]], "utf-8-sig")
    client.post(base, {"file": SimpleUploadedFile("stand.csv", data, content_type="text/csv")})

    page = client.get(base + "pruefen/").content.decode()
    assert 'id="import-errors"' in page
    assert "weiß nicht" in page
    refused = client.post(base + "pruefen/")
    assert refused.status_code == 409
    assert not ProjectReport.objects.exists()


def test_files_that_cannot_be_imported_are_refused_on_upload_with_the_reason(monitored, client_for):
    client = client_for("admin")
    base = f"/verwaltung/{monitored.reporting_round.process_id}/umsetzung/import/"

    response = client.post(base, {"file": SimpleUploadedFile("stand.csv", b"Name;Status\r\nx;y\r\n")})

    assert response.status_code == 200
    message = _("The file has no column “%(column)s”. The first row must hold the column headings.") % {
        "column": "Projekt"
    }
    assert message in response.content.decode().replace("&#x27;", "'")


def test_the_caps_refuse_too_many_rows_and_too_long_cells(monitored, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 3)
    many = csv_bytes([["azubi-tour-2027", "Idee", "", "", ""]] * 4, "utf-8-sig")
    with pytest.raises(StatusFileError):
        read_status_table(many, "stand.csv")
    with pytest.raises(StatusFileError):
        read_status_table(xlsx([["azubi-tour-2027", "Idee", None, None, None]] * 5), "stand.xlsx")

    long_text = csv_bytes([["azubi-tour-2027", "Idee", "", "x" * (importer.MAX_CELL_CHARACTERS + 1), ""]], "utf-8-sig")
    with pytest.raises(StatusFileError, match="Text"):
        read_status_table(long_text, "stand.csv")


def test_a_file_that_is_no_workbook_is_refused(monitored):
    with pytest.raises(StatusFileError):
        read_status_table(b"PK\x03\x04 kaputt", "stand.xlsx")
    with pytest.raises(StatusFileError):
        read_status_table(b"%PDF-1.4", "stand.pdf")
