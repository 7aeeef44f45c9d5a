"""The validation report of an XLSForm: errors refuse the form, warnings say what was left out and why."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape

from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.export_table import export_table
from standortkompass.surveys.models import Anonymity, Questionnaire, Response, ResponseStatus, Survey
from standortkompass.surveys.schema import all_questions
from standortkompass.surveys.services.questionnaires import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create, survey_update
from standortkompass.surveys.xlsform import XLSFormError, export_xlsform, read_xlsform
from surveys.forms import xlsx

SETTINGS = [["form_title"], ["Kobo-Formular"]]
CHOICES = [["list_name", "name", "label"], ["ja_nein", "ja", "Ja"], ["ja_nein", "nein", "Nein"]]
KOBO_SURVEY = [
    ["type", "name", "label", "relevant"],
    ["start", "start", "", ""],
    ["end", "end", "", ""],
    ["today", "today", "", ""],
    ["deviceid", "deviceid", "", ""],
    ["username", "username", "", ""],
    ["phonenumber", "phonenumber", "", ""],
    ["simserial", "simserial", "", ""],
    ["subscriberid", "subscriberid", "", ""],
    ["email", "email", "", ""],
    ["audit", "audit", "", ""],
    ["text", "firma", "Name des Unternehmens", ""],
    ["geopoint", "standort", "Wo liegt Ihr Betrieb?", ""],
    ["geotrace", "weg", "Ihr Lieferweg", ""],
    ["geoshape", "flaeche", "Ihre Fläche", ""],
    ["image", "foto", "Foto des Betriebs", ""],
    ["select one ja_nein", "erweitern", "Planen Sie eine Erweiterung?", ""],
    ["integer", "flaeche_qm", "Wie viele Quadratmeter?", "${erweitern} = 'ja' and ${standort} != ''"],
]


def test_metadata_and_unrepresentable_questions_are_left_out_with_a_warning_naming_row_and_reason() -> None:
    read = read_xlsform(xlsx(KOBO_SURVEY, CHOICES, SETTINGS), "kobo.xlsx")
    assert [question["name"] for question in all_questions(read.schema)] == ["firma", "erweitern", "flaeche_qm"]
    assert read.schema["settings"]["metadata"] == {"start": "start", "end": "end", "today": "today"}
    warned = {warning.row: warning.message for warning in read.warnings if warning.column == "type"}
    assert sorted(warned) == [5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16]
    assert "„deviceid“" in warned[5]
    assert "Gerät" in warned[5]
    assert "„standort“" in warned[13]
    assert "Standorte und Karten" in warned[13]
    assert "„foto“" in warned[16]


def test_a_reference_to_a_question_left_out_counts_as_unanswered_with_a_warning() -> None:
    read = read_xlsform(xlsx(KOBO_SURVEY, CHOICES, SETTINGS), "kobo.xlsx")
    question = next(question for question in all_questions(read.schema) if question["name"] == "flaeche_qm")
    assert question["relevant"] == "${erweitern} = 'ja' and '' != ''"
    [warning] = [warning for warning in read.warnings if warning.column == "relevant"]
    assert (warning.sheet, warning.row) == ("survey", 18)
    assert "„standort“" in warning.message


def test_server_timestamps_survive_the_xlsform_download() -> None:
    read = read_xlsform(xlsx(KOBO_SURVEY, CHOICES, SETTINGS), "kobo.xlsx")
    again = read_xlsform(export_xlsform(read.schema), "download.xlsx")
    assert again.schema == read.schema


def test_select_types_are_read_in_every_spelling_of_other_tools() -> None:
    survey = [
        ["type", "name", "label"],
        ["select one ja_nein", "a", "A"],
        ["select_one ja_nein or specify other", "b", "B"],
        ["select all that apply ja_nein", "c", "C"],
        ["select1 ja_nein", "d", "D"],
        ["string", "e", "E"],
        ["int", "f", "F"],
    ]
    questions = all_questions(read_xlsform(xlsx(survey, CHOICES, SETTINGS), "f.xlsx").schema)
    assert [(question["kind"], question["list_name"], question["or_other"]) for question in questions] == [
        ("select_one", "ja_nein", False),
        ("select_one", "ja_nein", True),
        ("select_multiple", "ja_nein", False),
        ("select_one", "ja_nein", False),
        ("text", "", False),
        ("integer", "", False),
    ]


def test_an_older_label_column_with_one_colon_is_read_as_its_language() -> None:
    survey = [["type", "name", "label:English"], ["text", "a", "Company"]]
    [question] = all_questions(read_xlsform(xlsx(survey, CHOICES, SETTINGS), "f.xlsx").schema)
    assert question["label"] == {"English": "Company"}


def test_errors_refuse_the_form_even_with_warnings_and_name_row_and_column() -> None:
    survey = [
        ["type", "name", "label", "relevant"],
        ["geopoint", "ort", "Ort", ""],
        ["select_one fehlt", "a", "A", ""],
        ["text", "b", "B", "${c} = 'x'"],
        ["text", "d", "D", "${b} = = 'x'"],
    ]
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(xlsx(survey, CHOICES, SETTINGS), "f.xlsx")
    places = {(error.row, error.column) for error in refused.value.errors}
    assert places == {(3, "type"), (4, "relevant"), (5, "relevant")}


def test_a_form_with_nothing_left_to_ask_is_refused() -> None:
    survey = [["type", "name", "label"], ["start", "start", ""], ["geopoint", "ort", "Ort"]]
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(xlsx(survey, CHOICES, SETTINGS), "f.xlsx")
    # the refusal, then what was left out and why (the location in row 3)
    assert [error.row for error in refused.value.errors] == [None, 3]


@pytest.mark.django_db
def test_survey_import_imports_with_warnings_printed_and_exits_0(process: StrategyProcess, tmp_path: Path) -> None:
    path = tmp_path / "kobo.xlsx"
    path.write_bytes(xlsx(KOBO_SURVEY, CHOICES, SETTINGS))
    output = io.StringIO()
    call_command("survey_import", str(path), stdout=output)
    assert "kobo.xlsx: 12 warning(s):" in output.getvalue()
    assert "- Tabellenblatt survey, Zeile 13, Spalte type:" in output.getvalue()
    version = Questionnaire.objects.get().versions.get()
    assert len(version.import_notes) == 12
    assert [question["name"] for question in all_questions(version.schema)] == ["firma", "erweitern", "flaeche_qm"]


@pytest.mark.django_db
def test_survey_import_strict_refuses_a_form_with_warnings(process: StrategyProcess, tmp_path: Path) -> None:
    path = tmp_path / "kobo.xlsx"
    path.write_bytes(xlsx(KOBO_SURVEY, CHOICES, SETTINGS))
    with pytest.raises(CommandError) as refused:
        call_command("survey_import", str(path), "--strict", stdout=io.StringIO())
    assert refused.value.returncode == 2
    assert "12 warning(s) and --strict; nothing was imported" in str(refused.value)
    assert not Questionnaire.objects.exists()


def _upload_url(process: StrategyProcess) -> str:
    return reverse("surveys_manage:questionnaire_upload", args=[process.pk])


@pytest.mark.django_db
def test_the_upload_page_shows_the_warnings_and_imports_only_after_confirmation(process, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("editor")
    report = client.post(
        _upload_url(process), {"file": SimpleUploadedFile("kobo.xlsx", xlsx(KOBO_SURVEY, CHOICES, SETTINGS))}
    )
    assert report.status_code == 200
    assert len(report.context["file_warnings"]) == 12
    html = report.content.decode()
    assert 'name="bestaetigen"' in html
    assert "„kobo.xlsx“ kann mit 12 Änderungen übernommen werden" in html
    assert "Mit diesen Änderungen übernehmen" in html
    assert "wie KoboToolbox, ODK und andere XLSForm-Werkzeuge sie schreiben" in html
    assert escape(report.context["file_warnings"][0]) in html
    assert not Questionnaire.objects.exists()

    answer = client.post(_upload_url(process), {"bestaetigen": "1"})
    assert answer.status_code == 302
    version = Questionnaire.objects.get().versions.get()
    assert len(version.import_notes) == 12
    assert version.schema["settings"]["metadata"] == {"start": "start", "end": "end", "today": "today"}
    again = client.post(_upload_url(process), {"bestaetigen": "1"})  # the stored file is gone
    assert again.status_code == 200
    assert Questionnaire.objects.count() == 1


@pytest.mark.django_db
def test_cancelling_after_the_warnings_saves_nothing(process, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("editor")
    client.post(_upload_url(process), {"file": SimpleUploadedFile("kobo.xlsx", xlsx(KOBO_SURVEY, CHOICES, SETTINGS))})
    client.post(_upload_url(process), {"abbrechen": "1"})
    assert client.post(_upload_url(process), {"bestaetigen": "1"}).status_code == 200
    assert not Questionnaire.objects.exists()


@pytest.mark.django_db
def test_a_new_version_with_warnings_waits_for_confirmation_too(process, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("editor")
    survey = [["type", "name", "label"], ["text", "firma", "Firma"]]
    client.post(_upload_url(process), {"file": SimpleUploadedFile("f.xlsx", xlsx(survey, CHOICES, SETTINGS))})
    questionnaire = Questionnaire.objects.get()
    version_upload = reverse("surveys_manage:questionnaire_version_upload", args=[process.pk, questionnaire.pk])
    report = client.post(
        version_upload, {"file": SimpleUploadedFile("kobo.xlsx", xlsx(KOBO_SURVEY, CHOICES, SETTINGS))}
    )
    assert len(report.context["file_warnings"]) == 12
    assert questionnaire.versions.get().import_notes == []
    client.post(version_upload, {"bestaetigen": "1"})
    assert len(questionnaire.versions.get().import_notes) == 12  # the draft is replaced


def _survey_with_timestamps(process: StrategyProcess, anonymity: str) -> Survey:
    survey_rows = [["type", "name", "label"], ["start", "beginn", ""], ["end", "ende", ""], ["today", "tag", ""]]
    survey_rows.append(["text", "firma", "Firma"])
    version = questionnaire_import(process=process, data=xlsx(survey_rows, CHOICES, SETTINGS), filename="f.xlsx")
    questionnaire_publish(version=version, actor=None)
    survey = survey_create(process=process, questionnaire=version.questionnaire, actor=None)
    survey = survey_update(survey=survey, actor=None, anonymity=anonymity)
    started = dt.datetime(2026, 3, 1, 22, 30, tzinfo=dt.UTC)  # 23:30 in Berlin
    Response.objects.create(
        survey=survey,
        version=version,
        status=ResponseStatus.COMPLETED,
        answers={"firma": "A"},
        started_at=None if anonymity == Anonymity.ANONYMOUS else started,
        completed_at=None if anonymity == Anonymity.ANONYMOUS else started + dt.timedelta(minutes=45),
    )
    return survey


@pytest.mark.django_db
def test_start_end_and_today_are_exported_from_the_server_clock(process: StrategyProcess) -> None:
    table = export_table(survey=_survey_with_timestamps(process, Anonymity.PSEUDONYMOUS), suppressed=False)
    names = [variable.name for variable in table.variables]
    assert names[1:4] == ["beginn", "ende", "tag"]
    assert table.rows["beginn"].tolist() == ["2026-03-01 23:30:00"]
    assert table.rows["ende"].tolist() == ["2026-03-02 00:15:00"]
    assert table.rows["tag"].tolist() == [dt.date(2026, 3, 1)]


@pytest.mark.django_db
def test_an_anonymous_survey_exports_no_timestamps(process: StrategyProcess) -> None:
    table = export_table(survey=_survey_with_timestamps(process, Anonymity.ANONYMOUS), suppressed=False)
    assert {"beginn", "ende", "tag"}.isdisjoint(variable.name for variable in table.variables)


def test_comment_rows_unnamed_notes_media_only_questions_and_unknown_calculations_do_not_refuse_a_form() -> None:
    survey = [
        ["type", "name", "label", "media::image", "calculation"],
        ["", "", "", "", ""],  # a comment row: no type
        ["note", "", "Willkommen", "", ""],
        ["note", "bild", "", "logo.png", ""],
        ["calculate", "daten", "", "", "pulldata('firmen', 'name', 'id', '1')"],
        ["text", "firma", "Firma ${daten}", "", ""],
    ]
    read = read_xlsform(xlsx(survey, CHOICES, SETTINGS), "f.xlsx")
    found = {question["name"]: question for question in all_questions(read.schema)}
    assert list(found) == ["note_row_3", "firma"]
    assert found["firma"]["label"] == {"default": "Firma "}
    assert [(warning.row, warning.column) for warning in read.warnings] == [(4, "type"), (5, "type"), (6, "label")]


def test_kobotoolbox_score_and_matrix_blocks_are_left_out_with_their_rows_and_a_warning() -> None:
    survey = [
        ["type", "name", "label", "kobo--score-choices"],
        ["text", "firma", "Firma", ""],
        ["begin_score", "bewertung", "Bewertung", "ja_nein"],
        ["score__row", "laerm", "Lärm", ""],
        ["score__row", "verkehr", "Verkehr", ""],
        ["end_score", "", "", ""],
        ["begin_repeat", "standorte", "Standorte", ""],
        ["begin_group", "adresse", "Adresse", ""],
        ["text", "ort", "Ort", ""],
        ["end_group", "", "", ""],
        ["end_repeat", "", "", ""],
    ]
    read = read_xlsform(xlsx(survey, CHOICES, SETTINGS), "kobo.xlsx")
    assert [question["name"] for question in all_questions(read.schema)] == ["firma"]
    assert [warning.row for warning in read.warnings] == [3, 7]
    assert "„bewertung“ (score)" in read.warnings[0].message
    assert "2 Zeile(n)" in read.warnings[0].message
    assert "„standorte“" in read.warnings[1].message
    assert "1 Frage(n)" in read.warnings[1].message
