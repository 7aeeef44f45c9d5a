"""Exports of survey responses: the table, suppression below Administration, jobs and files."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyreadstat
import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from standortkompass.surveys.demo import survey_demo_load
from standortkompass.surveys.export_formats import FORMATS, ExportTable
from standortkompass.surveys.export_table import export_table, suppress_column
from standortkompass.surveys.models import Anonymity, ExportJob, ExportStatus, Response, ResponseStatus
from standortkompass.surveys.services.export_files import export_path, exports_directory
from standortkompass.surveys.services.exports import export_request
from surveys.results_data import grid, results_survey

pytestmark = pytest.mark.django_db

NAN = float("nan")


def values(table: ExportTable, name: str) -> list[float]:
    return [None if isinstance(value, float) and math.isnan(value) else value for value in table.rows[name]]


# The table ---------------------------------------------------------------------------------------


def test_table_codes_choices_in_order_and_marks_filtered_unanswered_and_dont_know(process):
    survey = results_survey(
        process,
        [
            {"firma": "A", "beschaeftigte": 12, "branche": "handel", "z_breitband": "weiss_nicht", "kanal": "other"},
            {"firma": "B", "beschaeftigte": 0, "branche": "industrie"},
            {"firma": "C", "beschaeftigte": 3, "themen_wahl": ["energie"], "rangfolge": ["energie", "digital"]},
        ],
        partial=1,
    )
    table = export_table(survey=survey, suppressed=False, include_partial=False)
    variables = {variable.name: variable for variable in table.variables}

    assert values(table, "antwort") == [1, 2, 3]  # anonymous: a running number
    assert "status" not in variables
    assert variables["branche"].value_labels == {1: "Industrie", 2: "Handel", 3: "Andere"}
    assert values(table, "branche") == [2, 1, -2]
    # "weiß nicht" is a missing code; the matrix item is an ordinal categorical of the matrix "zufriedenheit"
    assert variables["z_breitband"].value_labels == {1: "sehr zufrieden", 2: "unzufrieden"}
    assert variables["z_breitband"].missing_values[-9] == "weiß nicht"
    assert variables["z_breitband"].ordinal
    assert variables["z_breitband"].question == "zufriedenheit"
    # The page "themen" is shown only with more than 0 employees: B was not asked.
    assert values(table, "z_breitband") == [-9, -1, -2]
    assert values(table, "themen_wahl__energie") == [-2, -1, 1]
    assert values(table, "themen_wahl__digital") == [-2, -1, 0]
    assert variables["themen_wahl__digital"].value_labels == {0: _("not chosen"), 1: _("chosen")}
    assert values(table, "rangfolge__digital") == [-2, -1, 2]
    assert values(table, "beschaeftigte") == [12, 0, 3]
    assert list(variables["kanal"].value_labels) == [1, 2, 3]  # mail, telefon, "other"
    assert values(table, "kanal") == [3, -1, -2]
    assert values(table, "firma") == ["A", "B", "C"]
    assert "themen_wahl" not in variables  # the list column is replaced by the 0/1 columns

    with_partial = export_table(survey=survey, suppressed=False, include_partial=True)
    assert values(with_partial, "status") == [1, 1, 1, 2]


def test_table_of_a_pseudonymous_survey_shows_the_response_keys(process):
    survey = results_survey(process, [{"firma": "A"}, {"firma": "B"}], anonymity=Anonymity.PSEUDONYMOUS)
    keys = [str(key) for key in sorted(Response.objects.values_list("pk", flat=True))]
    for suppressed in (False, True):
        assert values(export_table(survey=survey, suppressed=suppressed), "antwort") == keys


def test_personal_data_questions_are_never_exported(process):
    survey = survey_demo_load(process=process, responses=10)
    for suppressed in (False, True):
        names = [variable.name for variable in export_table(survey=survey, suppressed=suppressed).variables]
        assert "ws_kontakt" not in names
        assert "sf_strasse" in names


# Suppression -------------------------------------------------------------------------------------


def test_a_rare_value_and_the_next_rarest_one_are_suppressed():
    column = np.array([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, NAN])
    assert suppress_column(column, threshold=5).tolist()[:13] == [1] * 6 + [-8] * 7
    assert math.isnan(suppress_column(column, threshold=5)[13])
    # two rare values (a missing code among them) hide each other
    column = np.array([1] * 5 + [2] * 5 + [3, 3, -2])
    assert suppress_column(column, threshold=5).tolist() == [1] * 5 + [2] * 5 + [-8] * 3


def _small_group_survey(process):
    answers = grid({("industrie", "0_9"): 6, ("industrie", "10_49"): 3, ("handel", "0_9"): 7, ("handel", "10_49"): 5})
    for number, entry in enumerate(answers):
        entry["beschaeftigte"] = 10 if number % 2 else 20
        entry["umsatz"] = 1000 + number
        entry["ort"] = "a"
    return results_survey(process, answers)


def _counts(frame: pd.DataFrame, sector: object, size: object) -> int:
    return int(((frame["branche"] == sector) & (frame["groesse"] == size)).sum())


def test_suppressed_table_hides_groups_below_the_threshold(process):
    survey = _small_group_survey(process)
    open_table = export_table(survey=survey, suppressed=False)
    assert _counts(open_table.rows, 1, 2) == 3  # industrie × 10_49: the small group
    table = export_table(survey=survey, suppressed=True)
    names = [variable.name for variable in table.variables]
    assert "firma" not in names
    assert "gruendung" not in names
    frame = table.rows
    combos = frame.groupby(["branche", "groesse"], dropna=False).size()
    for key, count in combos.items():
        assert count >= 5 or all(value == -8 for value in key), (key, count)
    for name in ("branche", "groesse", "beschaeftigte", "umsatz", "themen_wahl__digital"):
        counts = frame[name][frame[name] != -8].value_counts()
        assert (counts >= 5).all(), name
    assert set(frame["umsatz"]) == {-8}  # every turnover is unique
    assert sorted(frame["beschaeftigte"].unique()) == [10, 20]
    branche = next(variable for variable in table.variables if variable.name == "branche")
    assert -8 in branche.missing_values
    assert any("weniger als 5 antwortenden Unternehmen" in note for note in table.notes)


# Jobs --------------------------------------------------------------------------------------------


def test_an_editor_gets_a_suppressed_export_even_when_asking_for_an_unsuppressed_one(process, users):
    survey = _small_group_survey(process)
    job = export_request(survey=survey, format="csv", actor=users["editor"], unsuppressed=True)
    job.refresh_from_db()
    assert job.suppressed
    assert job.status == ExportStatus.DONE
    assert job.progress == 100
    assert job.row_count == 21
    path = export_path(job)
    assert path is not None
    assert path.parent == exports_directory()
    assert exports_directory().stat().st_mode & 0o777 == 0o700
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert "firma" not in rows[0]

    admin_job = export_request(survey=survey, format="csv", actor=users["admin"], unsuppressed=True)
    admin_job.refresh_from_db()
    assert not admin_job.suppressed
    admin_path = export_path(admin_job)
    assert admin_path is not None
    assert "firma" in admin_path.read_bytes().decode("utf-8-sig").splitlines()[0].split(";")


def test_an_unknown_format_is_refused(process, users):
    survey = results_survey(process, [])
    with pytest.raises(ValidationError):
        export_request(survey=survey, format="pdf", actor=users["editor"])


def test_a_new_export_deletes_exports_older_than_seven_days(process, users):
    survey = results_survey(process, [{"firma": "A"}])
    old = export_request(survey=survey, format="csv", actor=users["admin"])
    old.refresh_from_db()
    old_path = export_path(old)
    assert old_path is not None
    ExportJob.objects.filter(pk=old.pk).update(created_at=old.created_at - pd.Timedelta(days=8))
    export_request(survey=survey, format="csv", actor=users["admin"])
    assert not ExportJob.objects.filter(pk=old.pk).exists()
    assert not old_path.exists()


def test_a_failed_export_records_the_error(process, users, monkeypatch):
    survey = results_survey(process, [{"firma": "A"}])

    def broken(table, target):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setitem(FORMATS, "csv", FORMATS["csv"]._replace(writer=broken))
    job = export_request(survey=survey, format="csv", actor=users["admin"])
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert job.error == "disk full"
    assert export_path(job) is None


# Acceptance --------------------------------------------------------------------------------------


def _read(path: Path, format_name: str) -> pd.DataFrame:
    if format_name == "csv":
        return pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    if format_name == "xlsx":
        workbook = openpyxl.load_workbook(path, read_only=True)
        sheet = workbook.worksheets[0]
        rows = [[str(cell) if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()  # a read-only workbook keeps its file open until closed
        return pd.DataFrame(rows[1:], columns=rows[0])
    if format_name == "sav":  # SPSS would treat the missing codes as missing: show them as their labels
        frame, _meta = pyreadstat.read_sav(str(path), apply_value_formats=True, user_missing=True)
    else:
        frame, _meta = pyreadstat.read_dta(str(path), apply_value_formats=True)
    return frame.astype(str)


@pytest.mark.parametrize("format_name", ["csv", "xlsx", "sav", "dta"])
def test_a_cross_tab_cell_below_five_is_hidden_in_exports_below_administration(process, users, format_name):
    survey = _small_group_survey(process)
    editor = export_request(survey=survey, format=format_name, actor=users["editor"], unsuppressed=True)
    admin = export_request(survey=survey, format=format_name, actor=users["admin"], unsuppressed=True)
    editor.refresh_from_db()
    admin.refresh_from_db()
    editor_frame = _read(export_path(editor), format_name)
    admin_frame = _read(export_path(admin), format_name)

    assert _counts(admin_frame, "Industrie", "10 bis 49") == 3
    sectors = editor_frame["branche"].value_counts()
    sizes = editor_frame["groesse"].value_counts()
    assert sectors.get("Industrie", 0) == 0 or sectors["Industrie"] >= 5
    assert sizes.get("10 bis 49", 0) == 0 or sizes["10 bis 49"] >= 5
    assert _counts(editor_frame, "Industrie", "10 bis 49") not in {1, 2, 3, 4}
    for (sector, size), count in editor_frame.groupby(["branche", "groesse"]).size().items():
        assert count >= 5 or _("suppressed (small group)") in (sector, size), (sector, size, count)


def test_the_sav_export_opens_with_pyreadstat_with_labels_intact(process, users):
    survey = survey_demo_load(process=process, responses=40)
    job = export_request(survey=survey, format="sav", actor=users["admin"], unsuppressed=True, include_partial=True)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    assert job.row_count == Response.objects.filter(survey=survey).count()
    frame, meta = pyreadstat.read_sav(str(export_path(job)), user_missing=True)
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert len(frame) == job.row_count
    assert labels["groessenklasse"].startswith("Wie viele")
    assert meta.variable_value_labels["sf_strasse"][1] == "sehr zufrieden"
    assert meta.variable_value_labels["sf_strasse"][-9] == "weiß nicht / nicht relevant"
    assert meta.missing_ranges["sf_strasse"] == [{"lo": -9.0, "hi": -9.0}, {"lo": -2.0, "hi": -2.0}]
    assert meta.variable_value_labels["status"] == {
        1.0: str(ResponseStatus.COMPLETED.label),
        2.0: str(ResponseStatus.IN_PROGRESS.label),
    }
    completed = Response.objects.filter(survey=survey, status=ResponseStatus.COMPLETED).count()
    assert (frame["status"] == 1).sum() == completed
    assert set(frame["antwort"]) == set(range(1, job.row_count + 1))


@pytest.mark.parametrize("format_name", ["sav", "dta"])
def test_the_default_questionnaire_exports_to_spss_and_stata_with_long_names_kept_in_the_labels(
    process, users, format_name
):
    survey = survey_demo_load(process=process, responses=12)
    job = export_request(survey=survey, format=format_name, actor=users["admin"], unsuppressed=True)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.error
    read = pyreadstat.read_sav if format_name == "sav" else pyreadstat.read_dta
    frame, meta = read(str(export_path(job)))
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    limit = 64 if format_name == "sav" else 32
    assert len(frame) == job.row_count
    assert all(len(name.encode("utf-8")) <= limit for name in meta.column_names)
    assert len(set(meta.column_names)) == len(meta.column_names)
    long_name = "standort_wichtigste__kinderbetreuung"  # 36 characters: longer than Stata allows
    if format_name == "dta":
        short = next(name for name in meta.column_names if labels[name].startswith(f"{long_name}: "))
        assert long_name.startswith(short)
        assert meta.variable_value_labels[short][1] == _("chosen")
    else:
        assert long_name in meta.column_names
