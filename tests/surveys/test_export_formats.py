"""Survey data exports: CSV for German Excel, XLSX with codebook, SPSS and Stata files read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyreadstat
import pytest
from django.utils import translation

from standortkompass.surveys.export_formats import (
    FORMATS,
    ExportTable,
    Variable,
    neutralise_csv_text,
    spss_names,
    stata_names,
    write_csv,
    write_dta,
    write_sav,
    write_xlsx,
)

LONG_NAME = "zufriedenheit_mit_den_standortfaktoren_breitbandversorgung_im_gewerbegebiet"  # 76 characters
LONG_LABEL = "Wie zufrieden sind Sie mit der Breitbandversorgung an Ihrem Standort? " * 5  # 350 characters
FORMULA = '=HYPERLINK("http://example.invalid","klick")'
MISSING = {-1: "nicht gefragt (Filter)", -2: "keine Angabe", -9: "weiß nicht"}
SIZES = {1: "klein", 2: "mittel", 3: "groß"}
CHOSEN = {0: "nicht gewählt", 1: "gewählt"}
NAN = float("nan")


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def survey_table() -> ExportTable:
    variables = [
        Variable("firma", "Name des Unternehmens", "string", question="firma"),
        Variable("gruendung", "Gründungsdatum", "date", question="gruendung"),
        Variable("beschaeftigte", "Zahl der Beschäftigten", "integer", missing_values={-2: "keine Angabe"}),
        Variable("umsatz", "Umsatz in Mio. €", "decimal", missing_values={-9: "weiß nicht"}, question="umsatz"),
        Variable("groesse", "Größe des Betriebs", "categorical", SIZES, MISSING, question="groesse", ordinal=True),
        Variable(
            "themen_digital", "Themen: Digitalisierung", "integer", {0: "nicht gewählt", 1: "gewählt"}, {}, "themen"
        ),
        Variable(LONG_NAME, LONG_LABEL, "integer", question="zufriedenheit"),
    ]
    rows = pd.DataFrame(
        {
            "firma": ["Bäckerei Müller & Söhne", FORMULA, None, "-5 Punkte"],
            "gruendung": [dt.date(2019, 3, 1), None, dt.date(2020, 12, 31), dt.date(1990, 7, 15)],
            "beschaeftigte": [12, -2, NAN, 3],
            "umsatz": [1.5, 1234.25, -9, NAN],
            "groesse": [1, 3, -1, -9],
            "themen_digital": [1, 0, 1, 0],
            LONG_NAME: [4, 5, 1, 2],
        }
    )
    return ExportTable(
        title="Unternehmensbefragung Landkreis Ludwigsburg 2026 – Rohdaten für die Auswertung im Statistikprogramm",
        variables=variables,
        rows=rows,
        notes=("Zellen mit weniger als 5 Antworten sind unterdrückt (Zeichen •).", "Quelle: eigene Erhebung"),
    )


def written(writer, table: ExportTable) -> bytes:  # type: ignore[no-untyped-def]
    target = io.BytesIO()
    writer(table, target)
    return target.getvalue()


def on_disk(content: bytes, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


# CSV ------------------------------------------------------------------------------------------------


def test_csv_is_german_excel_csv_with_labels_for_categoricals_and_missing_codes() -> None:
    content = written(write_csv, survey_table())

    assert content.startswith(b"\xef\xbb\xbf")
    text = content[3:].decode("utf-8")
    assert text.count("\r\n") == 5
    assert "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows == [
        ["firma", "gruendung", "beschaeftigte", "umsatz", "groesse", "themen_digital", LONG_NAME],
        ["Bäckerei Müller & Söhne", "2019-03-01", "12", "1,5", "klein", "1", "4"],
        ["'" + FORMULA, "", "keine Angabe", "1234,25", "groß", "0", "5"],
        ["", "2020-12-31", "", "weiß nicht", "nicht gefragt (Filter)", "1", "1"],
        ["'-5 Punkte", "1990-07-15", "3", "", "weiß nicht", "0", "2"],
    ]


def test_csv_decimals_never_use_exponents_or_points() -> None:
    table = ExportTable("t", [Variable("x", "x", "decimal")], pd.DataFrame({"x": [1e16, 0.000012, -2.0, 0.1]}))
    rows = written(write_csv, table).decode("utf-8-sig").split("\r\n")
    assert rows == ["x", "10000000000000000", "0,000012", "-2", "0,1", ""]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+49 7141", "'+49 7141"),
        ("-", "'-"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_csv_text_that_looks_like_a_formula_gets_an_apostrophe(text: str, expected: str) -> None:
    assert neutralise_csv_text(text) == expected


# XLSX -----------------------------------------------------------------------------------------------


def test_xlsx_has_data_codebook_and_notes_and_no_formulas() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(written(write_xlsx, survey_table())))

    assert workbook.sheetnames == ["Data", "Codebook", "Notes"]
    data = [[cell.value for cell in row] for row in workbook["Data"].iter_rows()]
    assert data == [
        ["firma", "gruendung", "beschaeftigte", "umsatz", "groesse", "themen_digital", LONG_NAME],
        ["Bäckerei Müller & Söhne", dt.datetime(2019, 3, 1), 12, 1.5, "klein", 1, 4],
        [FORMULA, None, "keine Angabe", 1234.25, "groß", 0, 5],
        [None, dt.datetime(2020, 12, 31), None, "weiß nicht", "nicht gefragt (Filter)", 1, 1],
        ["-5 Punkte", dt.datetime(1990, 7, 15), 3, None, "weiß nicht", 0, 2],
    ]
    assert workbook["Data"]["A3"].data_type == "s"
    for sheet in workbook.worksheets:
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)

    codebook = [[cell.value for cell in row] for row in workbook["Codebook"].iter_rows()]
    assert codebook[0] == ["Variable", "Question", "Label", "Type", "Codes and values", "Missing values"]
    assert codebook[5] == [
        "groesse",
        "groesse",
        "Größe des Betriebs",
        "Categorical (ordered)",
        "1 = klein\n2 = mittel\n3 = groß",
        "-1 = nicht gefragt (Filter)\n-2 = keine Angabe\n-9 = weiß nicht",
    ]
    assert codebook[4][3:] == ["Decimal number", None, "-9 = weiß nicht"]
    assert codebook[6] == [
        "themen_digital",
        "themen",
        "Themen: Digitalisierung",
        "Integer",
        "0 = nicht gewählt\n1 = gewählt",
        None,
    ]
    assert codebook[7][2] == LONG_LABEL

    notes = [row[0].value for row in workbook["Notes"].iter_rows()]
    assert notes[0] == survey_table().title
    assert "Zellen mit weniger als 5 Antworten sind unterdrückt (Zeichen •)." in notes
    assert "Categorical variables are written as their value labels; the codes are listed in the codebook." in notes


def test_xlsx_removes_control_characters_that_xml_cannot_hold() -> None:
    table = ExportTable("t", [Variable("text", "Text", "string")], pd.DataFrame({"text": ["Zeile\x0bumbruch\x00"]}))
    workbook = openpyxl.load_workbook(io.BytesIO(written(write_xlsx, table)))
    assert workbook["Data"]["A2"].value == "Zeileumbruch"


# SPSS -----------------------------------------------------------------------------------------------


def test_sav_keeps_labels_value_labels_missing_codes_and_measures(tmp_path: Path) -> None:
    path = on_disk(written(write_sav, survey_table()), tmp_path, "export.sav")
    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)

    short = "zufriedenheit_mit_den_standortfaktoren_breitbandversorgung_im_ge"
    assert meta.column_names == ["firma", "gruendung", "beschaeftigte", "umsatz", "groesse", "themen_digital", short]
    labels = meta.column_names_to_labels
    assert labels["groesse"] == "Größe des Betriebs"
    assert labels["umsatz"] == "Umsatz in Mio. €"
    assert labels[short] == (LONG_NAME + ": " + LONG_LABEL)[:256]  # ASCII: 256 bytes
    assert meta.variable_value_labels["groesse"] == {1: "klein", 2: "mittel", 3: "groß", **MISSING}
    assert meta.variable_value_labels["themen_digital"] == {0: "nicht gewählt", 1: "gewählt"}
    assert meta.missing_ranges["groesse"] == [{"lo": -9, "hi": -9}, {"lo": -2, "hi": -2}, {"lo": -1, "hi": -1}]
    assert meta.missing_ranges["beschaeftigte"] == [{"lo": -2, "hi": -2}]
    assert meta.variable_measure["groesse"] == "ordinal"
    assert meta.variable_measure["themen_digital"] == "nominal"
    assert meta.variable_measure["umsatz"] == "scale"
    assert meta.variable_measure["firma"] == "nominal"
    assert meta.file_label == "Unternehmensbefragung Landkreis Ludwigsburg 2026 – Rohdaten f"  # 63 bytes, "ü" makes 65
    assert meta.notes[:2] == [  # lines of at most 80 bytes: " Auswertung" would make 81
        "Unternehmensbefragung Landkreis Ludwigsburg 2026 – Rohdaten für die",
        "Auswertung im Statistikprogramm",
    ]
    assert "Quelle: eigene Erhebung" in meta.notes

    assert frame["groesse"].tolist() == [1, 3, -1, -9]
    assert frame["umsatz"].tolist()[:3] == [1.5, 1234.25, -9]
    assert math.isnan(frame["umsatz"][3])
    assert frame["firma"].tolist() == ["Bäckerei Müller & Söhne", FORMULA, "", "-5 Punkte"]
    assert frame["gruendung"][0] == dt.date(2019, 3, 1)
    assert pd.isna(frame["gruendung"][1])

    plain, _ = pyreadstat.read_sav(str(path), user_missing=False)
    assert plain["groesse"].isna().tolist() == [False, False, True, True]


def test_sav_with_more_than_three_missing_codes_uses_one_range(tmp_path: Path) -> None:
    codes = {-1: "a", -2: "b", -3: "c", -9: "d"}
    table = ExportTable("t", [Variable("x", "x", "integer", missing_values=codes)], pd.DataFrame({"x": [1, -3, 7]}))
    _, meta = pyreadstat.read_sav(str(on_disk(written(write_sav, table), tmp_path, "x.sav")), user_missing=True)
    assert meta.missing_ranges["x"] == [{"lo": -9, "hi": -1}]


def test_sav_refuses_a_missing_range_that_would_swallow_valid_values() -> None:
    codes = {-1: "a", -2: "b", -3: "c", -9: "d"}
    table = ExportTable("t", [Variable("x", "x", "integer", missing_values=codes)], pd.DataFrame({"x": [1, -5]}))
    with pytest.raises(ValueError, match="range from -9 to -1"):
        write_sav(table, io.BytesIO())


def test_spss_names_are_shortened_made_valid_and_unique() -> None:
    names = ["a" * 70, "a" * 70 + "b", "1_frage", "v1_frage", "größe", "ALL", "frage 2", "Firma", "firma"]
    assert spss_names(names) == {
        "a" * 70: "a" * 64,
        "a" * 70 + "b": "a" * 62 + "_2",
        "1_frage": "v1_frage_2",
        "v1_frage": "v1_frage",
        "größe": "groesse",
        "ALL": "ALL_",
        "frage 2": "frage_2",
        "Firma": "Firma",
        "firma": "firma_2",
    }


def test_stata_names_are_at_most_32_characters_and_avoid_reserved_words() -> None:
    names = ["b" * 40, "b" * 33, "int", "str10", "_intern", "é"]
    assert stata_names(names) == {
        "b" * 40: "b" * 32,
        "b" * 33: "b" * 30 + "_2",
        "int": "int_",
        "str10": "str10_",
        "_intern": "v_intern",
        "é": "e",
    }


# Stata ----------------------------------------------------------------------------------------------


def test_dta_keeps_labels_and_writes_missing_codes_as_labelled_values(tmp_path: Path) -> None:
    path = on_disk(written(write_dta, survey_table()), tmp_path, "export.dta")
    frame, meta = pyreadstat.read_dta(str(path))

    short = "zufriedenheit_mit_den_standortfa"
    assert meta.column_names[-1] == short
    assert meta.column_names_to_labels["groesse"] == "Größe des Betriebs"
    assert meta.column_names_to_labels[short] == (LONG_NAME + ": " + LONG_LABEL)[:80]
    assert meta.variable_value_labels["groesse"] == {1: "klein", 2: "mittel", 3: "groß", **MISSING}
    assert meta.variable_value_labels["beschaeftigte"] == {-2: "keine Angabe"}
    assert meta.file_label == survey_table().title[:80]
    assert frame["groesse"].tolist() == [1, 3, -1, -9]
    assert frame["beschaeftigte"].tolist()[:2] == [12, -2]
    assert np.isnan(frame["beschaeftigte"][2])
    assert frame["gruendung"][3] == dt.date(1990, 7, 15)
    assert frame["firma"][0] == "Bäckerei Müller & Söhne"


# Table and formats ----------------------------------------------------------------------------------


def test_table_refuses_columns_out_of_variable_order() -> None:
    variables = [Variable("a", "A", "integer"), Variable("b", "B", "integer")]
    with pytest.raises(ValueError, match="variable order"):
        ExportTable("t", variables, pd.DataFrame({"b": [1], "a": [2]}))


def test_categorical_needs_integer_codes() -> None:
    with pytest.raises(ValueError, match="codes must be integers"):
        Variable("g", "G", "categorical", {"klein": "Klein"})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="needs value labels"):
        Variable("g", "G", "categorical")


def test_every_format_writes_the_table() -> None:
    assert set(FORMATS) == {"csv", "xlsx", "sav", "dta"}
    for name, export_format in FORMATS.items():
        assert export_format.extension == name
        assert len(written(export_format.writer, survey_table())) > 100


def test_columns_without_any_value_are_written_as_empty_in_every_format(tmp_path: Path) -> None:
    variables = [
        Variable("s", "S", "string"),
        Variable("d", "D", "date"),
        Variable("n", "N", "decimal"),
        Variable("c", "C", "categorical", {1: "a"}, {-9: "x"}),
    ]
    rows = pd.DataFrame(
        {"s": [None, pd.NA], "d": [None, None], "n": [NAN, NAN], "c": pd.array([pd.NA, pd.NA], dtype="Int64")}
    )
    table = ExportTable("leer", variables, rows)

    assert written(write_csv, table) == b"\xef\xbb\xbfs;d;n;c\r\n;;;\r\n;;;\r\n"
    sav, _ = pyreadstat.read_sav(str(on_disk(written(write_sav, table), tmp_path, "x.sav")))
    dta, _ = pyreadstat.read_dta(str(on_disk(written(write_dta, table), tmp_path, "x.dta")))
    for frame in (sav, dta):
        assert frame["s"].tolist() == ["", ""]
        assert frame[["n", "c"]].isna().all().all()


def test_stata_names_of_labelled_variables_leave_room_for_the_number_of_their_value_labels() -> None:
    names = [f"frage_{number:02}_" + "x" * 30 for number in range(12)]
    result = stata_names(names, labelled=set(names[1:]))
    assert result[names[0]] == names[0][:32]  # unlabelled: all 32 characters
    assert result[names[1]] == names[1][:31]  # the 1st labelled variable's value labels are named "…0"
    assert result[names[11]] == names[11][:30]  # the 11th: "…10"
    assert stata_names(names, labelled=set(names[1:])) == result  # deterministic


def test_stata_names_that_collide_after_shortening_get_a_number() -> None:
    names = ["standort_wichtigste__kinderbetreuung", "standort_wichtigste__kinderbetreuung_extra", "x"]
    assert stata_names(names) == {
        names[0]: "standort_wichtigste__kinderbetre",
        names[1]: "standort_wichtigste__kinderbet_2",
        "x": "x",
    }


def test_a_stata_file_with_many_long_labelled_names_is_written_and_read_back(tmp_path: Path) -> None:
    names = [f"frage_{number:03}_" + "y" * 40 for number in range(120)]
    variables = [Variable(name, f"Frage {name}", "categorical", value_labels=SIZES) for name in names]
    table = ExportTable("t", variables, pd.DataFrame({name: [1.0, 2.0] for name in names}))
    frame, meta = pyreadstat.read_dta(str(on_disk(written(write_dta, table), tmp_path, "many.dta")))
    assert frame.shape == (2, 120)
    assert all(len(name) <= 32 for name in meta.column_names)
    assert meta.column_labels[0] == f"{names[0]}: Frage {names[0]}"[:80]
    assert meta.variable_value_labels[meta.column_names[119]] == {1: "klein", 2: "mittel", 3: "groß"}
