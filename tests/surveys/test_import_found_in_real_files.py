"""What real questionnaires from other tools brought to light (tests/surveys/fixtures/SOURCES.md), each reduced
to the smallest form that shows it: Excel's AutoCorrect quotes, ODK's last-saved defaults and attached data,
unreadable headings, formatted empty rows, pyxform's own faults, LimeSurvey 1.x to 3.x files that repeat
subquestions per language, LimeSurvey equations with if(), and texts that begin with "="."""

from __future__ import annotations

import io

import openpyxl
import pytest

from standortkompass.surveys.lss import convert_expression, parse_lss
from standortkompass.surveys.schema import all_questions
from standortkompass.surveys.xlsform import XLSFormError, export_xlsform, parse_xlsform, read_xlsform, validation
from standortkompass.surveys.xlsform.validation import straight_quotes
from surveys.forms import csv_form, xlsx

SETTINGS = [["form_title", "form_id"], ["Test", "test"]]
CHOICES = [["list_name", "name", "label"], ["yn", "ja", "Ja"], ["yn", "nein", "Nein"]]


def form(*rows: list[str], header: tuple[str, ...] = ("type", "name", "label", "relevant")) -> bytes:
    return xlsx([list(header), *[list(row) for row in rows]], CHOICES, SETTINGS)


def by_name(data: bytes, filename: str = "form.xlsx") -> dict[str, dict]:  # type: ignore[type-arg]
    return {question["name"]: dict(question) for question in all_questions(parse_xlsform(data, filename))}


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("${a}=’yes'", "${a}='yes'"),
        ("${a} = „ja“", '${a} = "ja"'),
        ('${x}=”"', '${x}=""'),
        ('${h}=’ruins’ or ${h}="heritage”', "${h}='ruins' or ${h}=\"heritage\""),
        ("instance('education’)/root", "instance('education')/root"),
        ("${a}='it’s'", "${a}='it’s'"),  # inside straight quotes a typographic mark is part of the value
        ("${a}='x'", "${a}='x'"),
    ],
)
def test_typographic_quotation_marks_around_values_become_straight(written: str, read: str) -> None:
    assert straight_quotes(written) == read


def test_a_relevance_with_autocorrected_quotes_is_read_as_meant_with_a_warning() -> None:
    data = form(["select_one yn", "a", "A?", ""], ["text", "b", "B?", "${a} = ‘ja’"])
    read = read_xlsform(data, "form.xlsx")
    found = {question["name"]: question for question in all_questions(read.schema)}
    assert found["b"]["relevant"] == "${a} = 'ja'"
    [warning] = read.warnings
    assert (warning.sheet, warning.row, warning.column) == ("survey", 3, "relevant")


def test_a_default_from_the_last_saved_form_is_dropped_with_a_warning() -> None:
    data = form(
        ["select_one yn", "a", "A?", "${last-saved#a}"],
        header=("type", "name", "label", "default"),
    )
    read = read_xlsform(data, "form.xlsx")
    assert all_questions(read.schema)[0]["default"] == ""
    [warning] = read.warnings
    assert (warning.row, warning.column) == (2, "default")
    assert "${last-saved#a}" in warning.message


def test_last_saved_elsewhere_is_refused_saying_what_it_is() -> None:
    data = form(["text", "a", "A?", ""], ["text", "b", "B?", "${last-saved#a} = 'x'"])
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(data, "form.xlsx")
    error = refused.value.errors[0]
    assert (error.row, error.column) == (3, "relevant")
    assert "${last-saved#a}" in error.message
    assert all("es gibt keine Frage" not in other.message for other in refused.value.errors)


def test_a_calculation_of_a_question_from_attached_data_is_dropped_with_a_warning() -> None:
    data = form(
        ["select_one yn", "a", "A?", "instance('toilets')/root/item[id=${b}]/unisex"],
        ["integer", "b", "B?", ""],
        header=("type", "name", "label", "calculation"),
    )
    read = read_xlsform(data, "form.xlsx")
    assert all_questions(read.schema)[0]["calculation"] == ""
    [warning] = read.warnings
    assert (warning.row, warning.column) == (2, "calculation")


def test_a_column_named_twice_is_refused_naming_sheet_row_and_column() -> None:
    data = form(["text", "a", "A?", "Zweite"], header=("type", "name", "label", "label"))
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(data, "form.xlsx")
    [error] = refused.value.errors
    assert (error.sheet, error.row, error.column) == ("survey", 1, "label")
    assert "pyxform" not in error.message


def test_two_headings_run_together_are_refused_but_media_columns_per_language_are_not() -> None:
    glued = "required_message::Deutsch (de)required_message::English (en)"
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(form(["text", "a", "A?", "x"], header=("type", "name", "label", glued)), "form.xlsx")
    [error] = refused.value.errors
    assert (error.sheet, error.row, error.column) == ("survey", 1, glued)
    assert by_name(form(["text", "a", "A?", ""], header=("type", "name", "label", "media::audio::English")))["a"]


def test_a_formatted_empty_last_row_and_formatted_cells_far_right_do_not_make_a_form_too_large() -> None:
    # As Gnumeric and old Excel write forms: a styled row 1,048,576, styled cells up to column AMJ (1024).
    workbook = openpyxl.load_workbook(io.BytesIO(form(["text", "a", "A?", ""])))
    survey = workbook["survey"]
    survey.cell(row=1_048_576, column=1).number_format = "@"
    survey.cell(row=2, column=1024).number_format = "@"
    output = io.BytesIO()
    workbook.save(output)
    assert list(by_name(output.getvalue())) == ["a"]


def test_a_form_whose_cells_are_really_too_many_is_still_refused() -> None:
    rows = [["text", f"q{number}", "Frage", ""] for number in range(20_001)]
    with pytest.raises(XLSFormError, match="20000"):
        parse_xlsform(form(*rows), "form.xlsx")


def test_an_internal_fault_of_pyxform_is_a_refusal_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**_: object) -> None:
        raise TypeError("unhashable type: 'dict'")

    monkeypatch.setattr(validation, "convert", broken)
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(form(["text", "a", "A?", ""]), "form.xlsx")
    [error] = refused.value.errors
    assert "TypeError" in error.message


def test_a_form_without_any_question_to_ask_lists_what_was_left_out() -> None:
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(form(["geopoint", "ort", "Wo?", ""]), "form.xlsx")
    places = [(error.row, error.column) for error in refused.value.errors]
    assert places == [(None, ""), (2, "type")]


def test_a_missing_survey_sheet_names_the_sheets_the_file_has() -> None:
    workbook = openpyxl.Workbook()
    assert workbook.active is not None
    workbook.active.title = "transportation"
    workbook.active.append(["type", "name", "label"])
    output = io.BytesIO()
    workbook.save(output)
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(output.getvalue(), "form.xlsx")
    assert "„transportation“" in refused.value.errors[0].message


def test_duplicate_choices_allowed_by_the_settings_are_refused_with_the_reason() -> None:
    choices = [["list_name", "name", "label"], ["yn", "ja", "Ja"], ["yn", "ja", "Jawohl"]]
    settings = [["form_title", "allow_choice_duplicates"], ["Test", "yes"]]
    data = xlsx([["type", "name", "label"], ["select_one yn", "a", "A?"]], choices, settings)
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(data, "form.xlsx")
    [error] = refused.value.errors
    assert (error.sheet, error.row, error.column) == ("choices", 3, "name")
    assert "allow_choice_duplicates" in error.message


def test_a_text_beginning_with_equals_is_exported_as_text_not_as_a_formula() -> None:
    survey = [["type", "name", "label"], ["note", "n", "==Name: ${a}"], ["text", "a", "=A?"]]
    schema = parse_xlsform(csv_form(survey, CHOICES, SETTINGS), "form.csv")  # as read from a LimeSurvey file
    again = by_name(export_xlsform(schema))
    assert again["n"]["label"] == {"default": "==Name: ${a}"}
    assert again["a"]["label"] == {"default": "=A?"}


def test_limesurvey_if_and_numbers_without_a_leading_zero_are_converted() -> None:
    converted = convert_expression("if(u=='kg',w,w*.453592)", single={"u", "w"}, multiple={})
    assert converted == "if(${u} = 'kg', ${w}, ${w} * 0.453592)"


LSS_2X = (
    '<?xml version="1.0" encoding="UTF-8"?><document><LimeSurveyDocType>Survey</LimeSurveyDocType>'
    "<DBVersion>155</DBVersion><languages><language>en</language><language>de</language></languages>"
    "<groups><rows>"
    "<row><gid>1</gid><group_name>G</group_name><group_order>1</group_order><language>en</language></row>"
    "<row><gid>1</gid><group_name>G</group_name><group_order>1</group_order><language>de</language></row>"
    "</rows></groups><questions><rows>{questions}</rows></questions>"
    "<subquestions><rows>{subquestions}</rows></subquestions>"
    "<surveys><rows><row><sid>1</sid><language>en</language></row></rows></surveys></document>"
)


def _row(qid: int, lstype: str, code: str, text: str, language: str, parent: int = 0, scale: int = 0) -> str:
    return (
        f"<row><qid>{qid}</qid><parent_qid>{parent}</parent_qid><gid>1</gid><type>{lstype}</type>"
        f"<title>{code}</title><question>{text}</question><language>{language}</language><scale_id>{scale}</scale_id>"
        f"<question_order>{qid}</question_order><mandatory>N</mandatory><relevance>1</relevance></row>"
    )


def test_a_limesurvey_2_array_with_its_subquestions_once_per_language_has_each_cell_once() -> None:
    questions = "".join(_row(1, ":", "Q8", text, language) for text, language in (("Q", "en"), ("F", "de")))
    subquestions = "".join(
        _row(qid, ":", code, f"{code} {language}", language, parent=1, scale=scale)
        for qid, code, scale in ((2, "R1", 0), (3, "R2", 0), (4, "C1", 1))
        for language in ("en", "de")
    )
    imported = parse_lss(LSS_2X.format(questions=questions, subquestions=subquestions).encode())
    names = [question["name"] for question in all_questions(imported.schema)]
    assert names == ["Q8", "Q8_R1_C1", "Q8_R2_C1"]


def test_an_equation_computed_from_what_was_not_imported_is_left_out_in_turn() -> None:
    questions = "".join(
        _row(qid, lstype, code, text, "en")
        for qid, lstype, code, text in (
            (1, "N", "w", "Weight?"),
            (2, "*", "kg", "{pow(w, 2)}"),  # pow() is not converted
            (3, "*", "bmi", "{kg / 2}"),
            (4, "*", "status", "{if(bmi &lt; 25, 'ok', 'high')}"),
            (5, "*", "double", "{w * 2}"),
        )
    )
    imported = parse_lss(LSS_2X.format(questions=questions, subquestions="").encode())
    found = {question["name"]: question for question in all_questions(imported.schema)}
    assert list(found) == ["w", "double"]
    assert found["double"]["calculation"] == "${w} * 2"
    assert [note for note in imported.not_mapped if "bmi" in note or "status" in note]
