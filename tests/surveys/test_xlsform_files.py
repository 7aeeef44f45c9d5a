"""XLSForm files as other tools write them: Excel 97–2003 workbooks (.xls)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import gettext as _

from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Questionnaire
from standortkompass.surveys.schema import all_questions
from standortkompass.surveys.xlsform import XLSFormError, parse_xlsform

FIXTURES = Path(__file__).parent / "fixtures" / "xlsform"
CASCADING_XLS = FIXTURES / "pyxform_cascading_select.xls"


def broken_cascading_xls() -> bytes:
    """The cascading form with the list of row 8 renamed to one the choices sheet does not have."""
    data = CASCADING_XLS.read_bytes()
    assert data.count(b"select_one mylga_lga_in_state_3") == 1
    return data.replace(b"select_one mylga_lga_in_state_3", b"select_one mylga_lga_in_state_9")


def test_an_xls_workbook_is_read_like_an_xlsx_workbook() -> None:
    schema = parse_xlsform(CASCADING_XLS.read_bytes(), "cascading.xls")
    questions = {question["name"]: question for question in all_questions(schema)}
    assert len(questions) == 9
    assert questions["mylga_zone"]["kind"] == "select_one"
    assert [choice["name"] for choice in schema["choice_lists"]["mylga_zone"]] == ["zone_1", "zone_2"]
    assert questions["mylga_lga_in_state_3"]["relevant"] == "${mylga_state}='state_3'"
    assert questions["mylga_state"]["kind"] == "calculate"


def test_an_xls_workbook_is_recognised_by_its_content_whatever_its_name() -> None:
    assert parse_xlsform(CASCADING_XLS.read_bytes(), "form.xlsx") == parse_xlsform(
        CASCADING_XLS.read_bytes(), "form.xls"
    )


def test_a_broken_xls_workbook_is_refused_naming_the_missing_choice_list_and_its_row() -> None:
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(broken_cascading_xls(), "cascading.xls")
    [error] = refused.value.errors
    assert (error.sheet, error.row, error.column) == ("survey", 8, "type")
    assert error.message == _("The choice list “%(list)s” does not exist on the choices sheet.") % {
        "list": "mylga_lga_in_state_9"
    }


def test_an_xls_file_that_is_no_workbook_is_refused_as_unreadable() -> None:
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "kaputt.xls")
    assert refused.value.errors[0].message.startswith(_("The file cannot be read as an XLSForm: %(error)s")[:20])


@pytest.mark.django_db
def test_survey_import_imports_an_xls_workbook(process: StrategyProcess, tmp_path: Path) -> None:
    path = tmp_path / "cascading.xls"
    path.write_bytes(CASCADING_XLS.read_bytes())
    output = io.StringIO()
    call_command("survey_import", str(path), stdout=output)
    assert "1 page(s), 9 question(s)" in output.getvalue()
    assert Questionnaire.objects.get().process == process


@pytest.mark.django_db
def test_survey_import_refuses_a_broken_xls_workbook_naming_the_row(process: StrategyProcess, tmp_path: Path) -> None:
    path = tmp_path / "kaputt.xls"
    path.write_bytes(broken_cascading_xls())
    errors = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("survey_import", str(path), stderr=errors)
    assert refused.value.returncode == 2
    assert "mylga_lga_in_state_9" in errors.getvalue()
    assert not Questionnaire.objects.exists()


@pytest.mark.django_db
def test_an_xls_workbook_is_accepted_by_the_upload_page(process: StrategyProcess, client_for) -> None:  # type: ignore[no-untyped-def]
    answer = client_for("editor").post(
        reverse("surveys_manage:questionnaire_upload", args=[process.pk]),
        {"file": SimpleUploadedFile("cascading.xls", CASCADING_XLS.read_bytes())},
    )
    assert answer.status_code == 302
    version = Questionnaire.objects.get(process=process).versions.get()
    assert version.source_file_name == "cascading.xls"
    assert len(all_questions(version.schema)) == 9
