"""The survey-import and survey-export commands."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Questionnaire
from standortkompass.surveys.xlsform import parse_xlsform
from surveys.forms import SURVEY, csv_form, xlsx


@pytest.fixture
def form_file(tmp_path: Path) -> Path:
    path = tmp_path / "befragung.xlsx"
    path.write_bytes(xlsx())
    return path


def test_import_with_the_only_process_needs_no_process_option(process: StrategyProcess, form_file: Path) -> None:
    output = io.StringIO()
    call_command("survey_import", str(form_file), stdout=output)
    assert "no problems found" in output.getvalue()
    assert "2 page(s), 16 question(s)" in output.getvalue()
    assert Questionnaire.objects.get().process == process


def test_import_of_a_csv_form_names_the_process(process: StrategyProcess, tmp_path: Path) -> None:
    path = tmp_path / "befragung.csv"
    path.write_bytes(csv_form())
    call_command("survey_import", str(path), "--process", str(process.pk), stdout=io.StringIO())
    assert Questionnaire.objects.filter(process=process).count() == 1


def test_import_with_several_processes_asks_for_one_and_names_them(process: StrategyProcess, form_file: Path) -> None:
    StrategyProcess.objects.create(slug="zweiter", title="Zweiter Prozess", region=process.region)
    with pytest.raises(CommandError) as refused:
        call_command("survey_import", str(form_file))
    assert refused.value.returncode == 2
    assert f"{process.pk} (Zukunftsstrategie Test)" in str(refused.value)
    assert "Zweiter Prozess" in str(refused.value)
    assert not Questionnaire.objects.exists()


def test_import_into_an_unknown_process_is_refused(process: StrategyProcess, form_file: Path) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("survey_import", str(form_file), "--process", "9999")
    assert refused.value.returncode == 2


def test_a_malformed_form_prints_every_problem_exits_2_and_saves_nothing(
    process: StrategyProcess, tmp_path: Path
) -> None:
    survey = [row[:] for row in SURVEY]
    survey[2][0] = "unbekannt"
    survey[4][1] = "firma"  # also leaves two references to “beschaeftigte” dangling
    path = tmp_path / "kaputt.xlsx"
    path.write_bytes(xlsx(survey))
    errors = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("survey_import", str(path), stderr=errors)
    assert refused.value.returncode == 2
    assert "4 problem(s) found; nothing was imported" in str(refused.value)
    assert "Tabellenblatt survey, Zeile 3, Spalte type" in errors.getvalue()
    assert "Tabellenblatt survey, Zeile 5, Spalte name" in errors.getvalue()
    assert not Questionnaire.objects.exists()


def test_a_file_that_is_no_xlsform_is_refused(process: StrategyProcess, tmp_path: Path) -> None:
    path = tmp_path / "fragebogen.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(CommandError) as refused:
        call_command("survey_import", str(path))
    assert refused.value.returncode == 2


def test_export_writes_an_xlsform_that_imports_to_the_same_schema(
    process: StrategyProcess, form_file: Path, tmp_path: Path
) -> None:
    call_command("survey_import", str(form_file), stdout=io.StringIO())
    questionnaire = Questionnaire.objects.get()
    target = tmp_path / "export.xlsx"
    output = io.StringIO()
    call_command("survey_export", str(questionnaire.pk), "--format", "xlsform", "--output", str(target), stdout=output)
    assert "Wrote version 1" in output.getvalue()
    assert parse_xlsform(target.read_bytes(), "export.xlsx") == questionnaire.versions.get().schema


def test_export_of_an_unknown_questionnaire_exits_2(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("survey_export", "4711", "--format", "xlsform", "--output", str(tmp_path / "x.xlsx"))
    assert refused.value.returncode == 2


def test_export_accepts_only_the_xlsform_format(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        call_command("survey_export", "1", "--format", "csv", "--output", str(tmp_path / "x.csv"))
