"""A questionnaire file made to exhaust the server is refused before the work, with a message."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.utils import translation
from openpyxl import Workbook

from standortkompass.surveys.xlsform import XLSFormError, read_xlsform
from standortkompass.surveys.xlsform import sheets as xlsform_sheets


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _form(question_rows: int, *, columns: int = 3) -> bytes:
    workbook = Workbook(write_only=True)
    survey = workbook.create_sheet("survey")
    survey.append(["type", "name", "label", *(f"extra{column}" for column in range(columns - 3))])
    for row in range(question_rows):
        survey.append(["text", f"frage_{row}", f"Frage {row}", *([""] * (columns - 3))])
    workbook.create_sheet("choices").append(["list_name", "name", "label"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _refusal(data: bytes, filename: str = "fragebogen.xlsx") -> str:
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(data, filename)
    return str(refused.value)


def test_a_workbook_with_more_rows_than_the_cap_is_refused_before_it_is_opened(monkeypatch):
    monkeypatch.setattr(xlsform_sheets, "MAX_ROWS", 100)
    monkeypatch.setattr(xlsform_sheets.openpyxl, "load_workbook", lambda *args, **kwargs: pytest.fail("opened"))

    assert _refusal(_form(150)) == "A sheet has more than 100 rows; this is not a questionnaire."


def test_a_workbook_that_unpacks_beyond_the_cap_is_refused(monkeypatch):
    monkeypatch.setattr(xlsform_sheets, "MAX_WORKBOOK_BYTES", 20_000)

    assert _refusal(_form(500)) == "The workbook unpacks to more than 0 MB; split it into several files."


def test_a_sheet_wider_than_the_cap_is_refused(monkeypatch):
    monkeypatch.setattr(xlsform_sheets, "MAX_COLUMNS", 10)

    assert _refusal(_form(5, columns=12)) == "A sheet has more than 10 columns; this is not a questionnaire."


def test_a_csv_form_with_too_many_lines_is_refused(monkeypatch):
    monkeypatch.setattr(xlsform_sheets, "MAX_ROWS", 10)
    lines = "survey,type,name,label\n" + "".join(f",text,frage_{row},Frage {row}\n" for row in range(40))

    assert _refusal(lines.encode(), "fragebogen.csv") == "A sheet has more than 10 rows; this is not a questionnaire."


def test_a_form_within_the_caps_is_read():
    read = read_xlsform(_form(50), "fragebogen.xlsx")

    assert sum(len(page["questions"]) for page in read.schema["pages"]) == 50
