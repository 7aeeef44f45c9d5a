"""``survey-export`` of responses: formats, suppression, exit status."""

from __future__ import annotations

import io

import openpyxl
import pyreadstat
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from surveys.results_data import grid, results_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(process):
    return results_survey(process, grid({("industrie", "0_9"): 6, ("industrie", "10_49"): 3}), partial=2)


def test_csv_goes_to_standard_output_unsuppressed_by_default(survey):
    output = io.StringIO()
    call_command("survey_export", survey.slug, "--format", "csv", stdout=output)
    lines = output.getvalue().splitlines()
    assert lines[0].split(";")[:2] == ["antwort", "firma"]
    assert len(lines) == 10
    assert sum(";10 bis 49;" in line for line in lines) == 3


def test_suppressed_export_hides_the_small_group(survey, tmp_path):
    target = tmp_path / "export.sav"
    output = io.StringIO()
    call_command(
        "survey_export", str(survey.pk), "--format", "sav", "--output", str(target), "--suppressed", stdout=output
    )
    assert "Wrote 9 responses" in output.getvalue()
    frame, _meta = pyreadstat.read_sav(str(target), user_missing=True)
    assert "firma" not in frame.columns
    assert (frame["groesse"] == 2).sum() == 0  # 10_49: only 3 companies


def test_partial_responses_and_xlsx(survey, tmp_path):
    target = tmp_path / "export.xlsx"
    call_command(
        "survey_export", survey.slug, "--format", "xlsx", "--output", str(target), "--partial", stdout=io.StringIO()
    )
    rows = list(openpyxl.load_workbook(target).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 1 + 11
    assert rows[0][:3] == ("antwort", "status", "firma")


def test_xlsform_of_a_survey_is_its_questionnaire(survey, tmp_path):
    target = tmp_path / "form.xlsx"
    output = io.StringIO()
    call_command("survey_export", survey.slug, "--format", "xlsform", "--output", str(target), stdout=output)
    assert "Wrote version 1" in output.getvalue()
    assert "survey" in openpyxl.load_workbook(target).sheetnames


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["keine-befragung", "--format", "csv"], "no survey"),
        (["--format", "pdf", "--output", "x.pdf"], "Unknown format"),
        (["--format", "sav"], "--output is required"),
    ],
)
def test_unknown_survey_or_format_exits_2(survey, arguments, message):
    if arguments[0].startswith("--"):
        arguments = [survey.slug, *arguments]
    with pytest.raises(CommandError) as refused:
        call_command("survey_export", *arguments, stdout=io.StringIO())
    assert refused.value.returncode == 2
    assert message in str(refused.value)
