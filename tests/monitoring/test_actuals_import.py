"""The import of indicator actual values: real files as Excel writes them, German numbers read without ambiguity,
every problem with row and column, bound indicators refused, all or nothing, origin "imported"."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from openpyxl import Workbook

from monitoring.conftest import Monitored
from standortkompass.audit.models import AuditEntry
from standortkompass.monitoring import actuals_file, importer
from standortkompass.monitoring.actuals_file import parse_value, read_actuals_table
from standortkompass.monitoring.importer import StatusFileError
from standortkompass.monitoring.services.actuals_import import (
    ActualsImportRejectedError,
    actuals_import_apply,
    actuals_import_check,
)
from standortkompass.regiondata.models import Indicator
from standortkompass.strategy.models import ActualOrigin, IndicatorActual, StrategyIndicator
from standortkompass.strategy.services.indicators import actual_save, indicator_create

HEADERS = ["Kennzahl-Nr.", "Element", "Kennzahl", "Jahr", "Wert", "Bemerkung"]


@dataclass
class Indicators:
    companies: StrategyIndicator  # on the first project, unit "Betriebe", a value of 2026 entered
    rate: StrategyIndicator  # on the first goal, unit "%"
    bound: StrategyIndicator  # on the second goal, bound to an official statistic


@pytest.fixture
def indicators(monitored: Monitored, users, regions) -> Indicators:
    editor = users["editor"]
    small = monitored.small
    companies = indicator_create(
        element=monitored.lead_project, actor=editor, data={"name": "Teilnehmende Betriebe", "unit": "Betriebe"}
    )
    actual_save(indicator=companies, actor=editor, data={"year": 2026, "value": 8, "note": "Schätzung"})
    rate = indicator_create(element=small.goals[0], actor=editor, data={"name": "Ausbildungsquote", "unit": "%"})
    statistic = Indicator.objects.create(code="EMP_T", name="Beschäftigte", unit="Personen", source="BA")
    bound = indicator_create(
        element=small.goals[1],
        actor=editor,
        data={"name": "Beschäftigte", "statistic": statistic, "region": regions["08118"]},
    )
    return Indicators(companies, rate, bound)


def xlsx(rows: list[list[object]], *, headers: list[str] = HEADERS, percent_cells: tuple[str, ...] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for reference in percent_cells:
        sheet[reference].number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[str]], encoding: str, *, delimiter: str = ";", headers: list[str] = HEADERS) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def check_of(process, data: bytes, filename: str):
    return actuals_import_check(process=process, rows=read_actuals_table(data, filename))


# --- numbers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,5", 3.5),
        ("1.234,5", 1234.5),
        ("1.234.567", 1234567.0),
        ("3.5", 3.5),
        ("0.125", 0.125),
        ("1234.567", 1234.567),
        ("1,234", 1.234),
        ("1 234,5", 1234.5),
        ("1\u00a0234", 1234.0),
        ("-2,75", -2.75),
        ("\u22122,75", -2.75),
        ("1234", 1234.0),
    ],
)
def test_german_and_plain_numbers_are_read_unambiguously(text, value):
    assert parse_value(text).value == value
    assert not parse_value(text).percent


@pytest.mark.parametrize(
    "text", ["1.234", "12.345", "-999.000", "1,234.5", "1,2,3", "12 34", "viel", "k. A.", "3,5 Mio"]
)
def test_numbers_that_could_be_misread_or_are_no_numbers_are_refused(text):
    with pytest.raises(ValueError, match=re.escape(text)):
        parse_value(text)


def test_a_thousands_dot_alone_is_named_as_ambiguous():
    with pytest.raises(ValueError, match=r"[“„]1\.234[”“]") as raised:
        parse_value("1.234")

    assert "1234" in str(raised.value)
    assert "1,234" in str(raised.value)


def test_a_value_in_percent_is_taken_as_shown():
    assert parse_value("35 %") == actuals_file.ParsedValue(35.0, True)
    assert parse_value("3,5%") == actuals_file.ParsedValue(3.5, True)


# --- reading files -------------------------------------------------------------------------------------


def test_an_excel_workbook_keeps_numeric_cells_exact_and_percent_cells_as_shown(indicators):
    data = xlsx(
        [
            [indicators.companies.pk, "", "", 2027, 1234.5, "Zählung"],
            [indicators.rate.pk, "", "", 2027, 0.035, ""],
            [indicators.companies.pk, "", "", 2028.0, 1234567.891, ""],
            [indicators.companies.pk, "", "", 2029, 1.234, ""],
        ],
        percent_cells=("E3",),
    )

    rows = read_actuals_table(data, "istwerte.xlsx")

    assert [row["Wert"] for row in rows] == ["1234,5", "3,5 %", "1234567,891", "1,234"]
    assert [row["Jahr"] for row in rows] == ["2027", "2027", "2028", "2029"]
    check = actuals_import_check(process=indicators.companies.element.strategy.process, rows=rows)
    assert not check.has_errors, [str(issue) for issue in check.issues]
    assert [row.value for row in check.rows] == [1234.5, 3.5, 1234567.891, 1.234]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_as_excel_writes_it_with_either_separator_and_encoding_is_read(monitored, indicators, encoding, delimiter):
    data = csv_bytes(
        [
            ["", "azubi-tour-2027", "Teilnehmende Betriebe", "2027", "1.234,5", "Zählung über Anmeldungen"],
            ["", "Fachkräfte sichern", "Ausbildungsquote", "2027", "62,5 %", ""],
        ],
        encoding,
        delimiter=delimiter,
    )

    check = check_of(monitored.reporting_round.process, data, "istwerte.csv")

    assert not check.has_errors, [str(issue) for issue in check.issues]
    assert [(row.indicator, row.year, row.value) for row in check.rows] == [
        (indicators.companies, 2027, 1234.5),
        (indicators.rate, 2027, 62.5),
    ]
    assert check.rows[0].note == "Zählung über Anmeldungen"


def test_the_template_lists_every_unbound_indicator_and_reads_back_when_filled(monitored, indicators, client_for):
    response = client_for("editor").get(
        f"/verwaltung/{monitored.reporting_round.process_id}/umsetzung/kennzahlen/import/vorlage.csv"
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kennzahlen-istwerte-vorlage.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == list(actuals_file.HEADERS)
    assert [(line[0], line[1], line[3], line[4]) for line in lines[1:]] == [
        (str(indicators.rate.pk), "fachkraefte-sichern", "Ausbildungsquote", "%"),
        (str(indicators.companies.pk), "azubi-tour-2027", "Teilnehmende Betriebe", "Betriebe"),
    ]
    filled = [lines[0], lines[1], [*lines[2][:5], "2027", "14", "erste Tour"]]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(filled)

    check = check_of(monitored.reporting_round.process, buffer.getvalue().encode("utf-8-sig"), "vorlage.csv")

    assert not check.has_errors
    assert check.skipped_count == 1
    assert [(row.indicator, row.value) for row in check.saved_rows] == [(indicators.companies, 14.0)]
    assert check.ignored_columns == ()


# --- the check -----------------------------------------------------------------------------------------


def test_the_check_names_row_and_column_of_every_problem(monitored, indicators):
    rows = [
        ["", "gibt-es-nicht", "Teilnehmende Betriebe", "2027", "3", ""],
        ["", "azubi-tour-2027", "Umsatz", "2027", "3", ""],
        [str(indicators.bound.pk), "", "", "2027", "1.000.000", ""],
        [str(indicators.companies.pk), "", "", "27", "1.234", ""],
        [str(indicators.companies.pk), "flaechen", "", "2027", "", ""],
        ["999999", "", "", "2027", "3", ""],
        ["", "azubi-tour-2027", "", "2027", "3", ""],
        [str(indicators.companies.pk), "", "", "2029", "12 %", ""],
        [str(indicators.companies.pk), "", "", "2028", "5", "x" * 301],
        [str(indicators.companies.pk), "", "", "2028", "6", ""],
    ]

    check = check_of(monitored.reporting_round.process, csv_bytes(rows, "utf-8-sig"), "istwerte.csv")

    assert {(issue.row, issue.column) for issue in check.issues} == {
        (2, "Element"),
        (3, "Kennzahl"),
        (4, "Kennzahl-Nr."),
        (5, "Jahr"),
        (5, "Wert"),
        (6, "Element"),
        (6, "Wert"),
        (7, "Kennzahl-Nr."),
        (8, "Kennzahl"),
        (9, "Wert"),
        (10, "Bemerkung"),
        (11, "Jahr"),
    }
    texts = [str(issue) for issue in check.issues]
    bound_message = next(text for text in texts if text.startswith("Zeile 4") or text.startswith("Row 4"))
    assert "Beschäftigte" in bound_message
    assert _("Row %(row)s already gives this indicator's value for this year.") % {"row": 10} in texts[-1]
    assert check.has_errors


def test_the_check_shows_the_value_a_row_replaces(monitored, indicators, client_for):
    client = client_for("editor")
    base = f"/verwaltung/{monitored.reporting_round.process_id}/umsetzung/kennzahlen/import/"
    data = csv_bytes([[str(indicators.companies.pk), "", "", "2026", "9,5", "gezählt"]], "utf-8-sig")

    response = client.post(base, {"file": SimpleUploadedFile("istwerte.csv", data, content_type="text/csv")})
    assert response.status_code == 302
    page = client.get(f"{base}pruefen/").content.decode()

    assert "9,5 Betriebe" in page
    assert "8 Betriebe" in page
    assert _("Replaces the value of this year.") in page
    assert IndicatorActual.objects.get(indicator=indicators.companies, year=2026).value == 8


# --- applying ------------------------------------------------------------------------------------------


def test_confirming_saves_every_value_as_imported_and_replaces_the_year_s_value(monitored, indicators, users):
    process = monitored.reporting_round.process
    rows = read_actuals_table(
        xlsx([[indicators.companies.pk, "", "", 2026, 9.5, "gezählt"], [indicators.rate.pk, "", "", 2027, 61, ""]]),
        "istwerte.xlsx",
    )

    result = actuals_import_apply(process=process, rows=rows, actor=users["editor"], filename="istwerte.xlsx")

    assert (result.created, result.replaced) == (1, 1)
    replaced = IndicatorActual.objects.get(indicator=indicators.companies, year=2026)
    assert (replaced.value, replaced.note, replaced.origin) == (9.5, "gezählt", ActualOrigin.IMPORTED)
    added = IndicatorActual.objects.get(indicator=indicators.rate, year=2027)
    assert (added.value, added.origin, added.created_by) == (61.0, ActualOrigin.IMPORTED, users["editor"])
    entry = AuditEntry.objects.get(action="monitoring.actuals_import")
    assert entry.changes == {"file": "istwerte.xlsx", "created": 1, "replaced": 1}
    assert AuditEntry.objects.filter(action="strategy.actual.update").exists()


def test_one_bad_row_saves_nothing(monitored, indicators, users):
    rows = read_actuals_table(
        csv_bytes(
            [[str(indicators.rate.pk), "", "", "2027", "61", ""], [str(indicators.bound.pk), "", "", "2027", "5", ""]],
            "cp1252",
        ),
        "istwerte.csv",
    )
    before = list(IndicatorActual.objects.values_list("indicator_id", "year", "value", "origin"))

    with pytest.raises(ActualsImportRejectedError) as raised:
        actuals_import_apply(
            process=monitored.reporting_round.process, rows=rows, actor=users["editor"], filename="istwerte.csv"
        )

    assert [(issue.row, issue.column) for issue in raised.value.check.issues] == [(3, "Kennzahl-Nr.")]
    assert list(IndicatorActual.objects.values_list("indicator_id", "year", "value", "origin")) == before
    assert not AuditEntry.objects.filter(action="monitoring.actuals_import").exists()


def test_the_whole_flow_as_redaktion_uploads_checks_and_confirms(monitored, indicators, client_for):
    client = client_for("editor")
    base = f"/verwaltung/{monitored.reporting_round.process_id}/umsetzung/kennzahlen/import/"
    data = xlsx([[indicators.rate.pk, "", "", 2027, 0.625, ""]], percent_cells=("E2",))

    assert client.get(base).status_code == 200
    response = client.post(base, {"file": SimpleUploadedFile("istwerte.xlsx", data)})
    assert response.status_code == 302
    assert "62,5 %" in client.get(f"{base}pruefen/").content.decode()
    response = client.post(f"{base}pruefen/", follow=True)

    assert response.status_code == 200
    assert IndicatorActual.objects.get(indicator=indicators.rate, year=2027).value == 62.5
    assert (
        _("Import finished: %(created)s values added, %(replaced)s values replaced.")
        % {
            "created": 1,
            "replaced": 0,
        }
        in response.content.decode()
    )
    assert client.get(f"{base}pruefen/").status_code == 200  # the "no upload" page: the upload is gone


def test_a_file_with_errors_is_refused_on_confirm_with_409_and_nothing_saved(monitored, indicators, client_for):
    client = client_for("admin")
    base = f"/verwaltung/{monitored.reporting_round.process_id}/umsetzung/kennzahlen/import/"
    data = csv_bytes([[str(indicators.companies.pk), "", "", "2027", "1.234", ""]], "utf-8-sig")
    client.post(base, {"file": SimpleUploadedFile("istwerte.csv", data)})

    page = client.get(f"{base}pruefen/").content.decode()
    response = client.post(f"{base}pruefen/")

    assert "Zeile 2" in page or "Row 2" in page
    assert response.status_code == 409
    assert not IndicatorActual.objects.filter(indicator=indicators.companies, year=2027).exists()


def test_a_partner_cannot_import_and_changes_nothing(monitored, indicators, client_for):
    client = client_for("partner")
    base = f"/verwaltung/{monitored.reporting_round.process_id}/umsetzung/kennzahlen/import/"
    data = csv_bytes([[str(indicators.rate.pk), "", "", "2027", "61", ""]], "utf-8-sig")

    assert client.post(base, {"file": SimpleUploadedFile("istwerte.csv", data)}).status_code == 403
    assert client.post(f"{base}pruefen/").status_code == 403
    assert not IndicatorActual.objects.filter(indicator=indicators.rate).exists()


# --- caps ----------------------------------------------------------------------------------------------


def test_a_file_over_the_row_cap_is_refused(monitored, indicators, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 3)
    rows = [[str(indicators.rate.pk), "", "", str(2000 + index), "1", ""] for index in range(4)]

    with pytest.raises(StatusFileError):
        read_actuals_table(csv_bytes(rows, "utf-8-sig"), "istwerte.csv")
    with pytest.raises(StatusFileError):
        read_actuals_table(xlsx([[indicators.rate.pk, "", "", 2000 + index, 1, ""] for index in range(4)]), "i.xlsx")


def test_an_overlong_cell_is_named_with_row_and_column(monitored):
    data = csv_bytes([["1", "", "", "2027", "1", "x" * (importer.MAX_CELL_CHARACTERS + 1)]], "utf-8-sig")

    with pytest.raises(StatusFileError) as raised:
        read_actuals_table(data, "istwerte.csv")

    assert "2" in str(raised.value)
    assert "Bemerkung" in str(raised.value)


def test_a_file_without_the_year_column_is_refused_at_upload(monitored, client_for):
    client = client_for("editor")
    base = f"/verwaltung/{monitored.reporting_round.process_id}/umsetzung/kennzahlen/import/"
    data = csv_bytes([["1", "x", "y", "3"]], "utf-8-sig", headers=["Kennzahl-Nr.", "Element", "Kennzahl", "Wert"])

    response = client.post(base, {"file": SimpleUploadedFile("istwerte.csv", data)})

    assert response.status_code == 200
    assert (
        _("The file has no column “%(column)s”. The first row must hold the column headings.") % {"column": "Jahr"}
        in response.content.decode()
    )


def test_a_file_other_than_csv_or_xlsx_is_refused_at_upload(monitored, client_for):
    client = client_for("editor")
    base = f"/verwaltung/{monitored.reporting_round.process_id}/umsetzung/kennzahlen/import/"

    response = client.post(base, {"file": SimpleUploadedFile("istwerte.ods", b"PK\x03\x04")})

    assert response.status_code == 200
    assert "istwerte.ods" in response.content.decode()


def test_redaktion_finds_the_import_in_the_management_navigation(monitored, client_for):
    process_pk = monitored.reporting_round.process_id
    url = f"/verwaltung/{process_pk}/umsetzung/kennzahlen/import/"

    editor_page = client_for("editor").get(f"/verwaltung/{process_pk}/strategie/").content.decode()
    admin_page = client_for("admin").get(f"/verwaltung/{process_pk}/umsetzung/").content.decode()

    assert f'<a href="{url}">{_("Indicator values")}</a>' in editor_page
    assert f'href="{url}"' in admin_page  # a button on the overview of the reporting rounds
