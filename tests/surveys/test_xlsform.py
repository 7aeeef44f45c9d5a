"""Reading, checking and writing XLSForm questionnaires."""

from __future__ import annotations

import pytest

from standortkompass.surveys.schema import all_questions
from standortkompass.surveys.xlsform import XLSFormError, export_xlsform, parse_xlsform, read_xlsform
from surveys.forms import CHOICES, SURVEY, csv_form, xlsx


def questions_by_name(schema):  # type: ignore[no-untyped-def]
    found = {}
    for page in schema["pages"]:
        for question in page["questions"]:
            found[question["name"]] = question
            for item in question["items"]:
                found[item["name"]] = item
    return found


def test_every_question_type_is_read() -> None:
    questions = questions_by_name(parse_xlsform(xlsx(), "form.xlsx"))
    kinds = {name: question["kind"] for name, question in questions.items()}
    assert kinds == {
        "firma": "text",
        "beschreibung": "long_text",
        "beschaeftigte": "integer",
        "umsatz": "decimal",
        "gruendung": "date",
        "branche": "select_one",
        "branche_andere": "text",
        "groesse": "select_one",
        "ort": "select_one",
        "themen_wahl": "select_multiple",
        "kanal": "select_one",
        "rangfolge": "rank",
        "hinweis": "note",
        "pro_kopf": "calculate",
        "zufriedenheit": "matrix",
        "z_breitband": "select_one",
        "z_verkehr": "select_one",
    }


def test_logic_and_validation_columns_are_kept() -> None:
    questions = questions_by_name(parse_xlsform(xlsx(), "form.xlsx"))
    assert questions["firma"]["required"] is True
    assert questions["firma"]["required_message"] == {"Deutsch (de)": "Bitte angeben"}
    assert questions["beschaeftigte"]["constraint"] == ". >= 0"
    assert questions["beschaeftigte"]["constraint_message"] == {"Deutsch (de)": "Nicht negativ"}
    assert questions["ort"]["choice_filter"] == "groesse=${groesse}"
    assert questions["pro_kopf"]["calculation"] == "${umsatz} div ${beschaeftigte}"
    assert questions["groesse"]["randomize"] is True
    assert questions["branche"]["widget"] == "dropdown"
    assert questions["groesse"]["widget"] == "radio"


def test_other_namely_is_recognised_in_both_spellings() -> None:
    questions = questions_by_name(parse_xlsform(xlsx(), "form.xlsx"))
    assert questions["kanal"]["or_other"] is True
    assert questions["branche_andere"]["other_of"] == "branche"


def test_groups_are_pages_and_a_table_list_group_is_a_likert_matrix() -> None:
    schema = parse_xlsform(xlsx(), "form.xlsx")
    assert [page["name"] for page in schema["pages"]] == ["profil", "themen"]
    assert schema["pages"][1]["relevant"] == "${beschaeftigte} > 0"
    matrix = schema["pages"][1]["questions"][-1]
    assert matrix["kind"] == "matrix"
    assert matrix["list_name"] == "skala"
    assert [item["name"] for item in matrix["items"]] == ["z_breitband", "z_verkehr"]


def test_labels_are_read_in_every_language() -> None:
    schema = parse_xlsform(xlsx(), "form.xlsx")
    assert schema["settings"]["languages"] == [
        {"name": "Deutsch (de)", "code": "de"},
        {"name": "English (en)", "code": "en"},
    ]
    assert schema["settings"]["default_language"] == "Deutsch (de)"
    assert questions_by_name(schema)["firma"]["label"] == {"Deutsch (de)": "Firmenname", "English (en)": "Company name"}
    assert schema["choice_lists"]["skala"][0]["label"] == {
        "Deutsch (de)": "sehr zufrieden",
        "English (en)": "very satisfied",
    }
    assert schema["choice_lists"]["ort"][0]["extra"] == {"groesse": "klein"}


def test_a_plain_label_column_belongs_to_the_default_language() -> None:
    survey = [["type", "name", "label"], ["text", "name", "Ihr Name"]]
    schema = parse_xlsform(xlsx(survey, [["list_name", "name", "label"]], [["form_title"], ["T"]]), "f.xlsx")
    assert schema["pages"][0]["implicit"] is True
    assert schema["pages"][0]["questions"][0]["label"] == {"default": "Ihr Name"}


def test_the_csv_layout_gives_the_same_schema_as_the_workbook() -> None:
    assert parse_xlsform(csv_form(), "form.csv") == parse_xlsform(xlsx(), "form.xlsx")


def test_export_and_import_again_gives_the_identical_schema() -> None:
    schema = parse_xlsform(xlsx(), "form.xlsx")
    assert parse_xlsform(export_xlsform(schema), "export.xlsx") == schema


def test_a_form_with_plain_labels_round_trips() -> None:
    survey = [["type", "name", "label", "hint"], ["integer", "zahl", "Zahl", "Ganze Zahl"], ["note", "n", "Danke"]]
    schema = parse_xlsform(xlsx(survey, [["list_name", "name", "label"]], [["form_title"], ["T"]]), "f.xlsx")
    assert parse_xlsform(export_xlsform(schema), "export.xlsx") == schema


def test_a_malformed_form_lists_every_error_with_sheet_row_and_column() -> None:
    survey = [row[:] for row in SURVEY]
    survey[3][0] = "textfeld"  # unknown type, row 4
    survey[4][1] = "firma"  # duplicate name, row 5
    survey[7][0] = "select_one fehlt"  # missing list, row 8
    survey[10][10] = "groesse=${unbekannt}"  # unknown reference, row 11
    survey[13][7] = "selected(${beschaeftigte}, 'x'"  # unbalanced bracket, row 14
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(xlsx(survey, CHOICES), "kaputt.xlsx")
    places = {(error.sheet, error.row, error.column) for error in refused.value.errors}
    assert {
        ("survey", 4, "type"),
        ("survey", 5, "name"),
        ("survey", 8, "type"),
        ("survey", 11, "choice_filter"),
        ("survey", 14, "relevant"),
    } <= places
    assert any(str(error).startswith("Tabellenblatt survey, Zeile 4, Spalte type:") for error in refused.value.errors)


def test_errors_on_the_choices_sheet_name_their_row() -> None:
    choices = [row[:] for row in CHOICES]
    choices[2][1] = "industrie"  # duplicate choice name in row 3
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(xlsx(SURVEY, choices), "kaputt.xlsx")
    places = {(error.sheet, error.row, error.column) for error in refused.value.errors}
    assert ("choices", 3, "name") in places


def test_a_choice_without_label_shows_its_name_with_a_warning_naming_its_row() -> None:
    choices = [row[:] for row in CHOICES]
    choices[4][2] = choices[4][3] = ""  # no label in row 5
    read = read_xlsform(xlsx(SURVEY, choices), "form.xlsx")
    [warning] = read.warnings
    assert (warning.sheet, warning.row, warning.column) == ("choices", 5, "label")
    name = choices[4][1]
    assert [choice["label"] for choice in read.schema["choice_lists"][choices[4][0]] if choice["name"] == name] == [
        {"Deutsch (de)": name}
    ]


def test_errors_in_a_csv_form_name_the_line_of_the_file() -> None:
    survey = [row[:] for row in SURVEY]
    survey[2][0] = "unbekannt"
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(csv_form(survey), "kaputt.csv")
    assert [(e.sheet, e.row, e.column) for e in refused.value.errors] == [("survey", 3, "type")]


def test_an_error_only_pyxform_finds_is_reported_with_its_row() -> None:
    survey = [
        ["type", "name", "label", "parameters"],
        ["text", "vorab", "Vorab", ""],
        ["select_one l", "x", "X", "foo=1"],
    ]
    choices = [["list_name", "name", "label"], ["l", "a", "A"]]
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(xlsx(survey, choices, [["form_title"], ["T"]]), "f.xlsx")
    [error] = refused.value.errors
    assert (error.sheet, error.row) == ("survey", 3)
    assert "pyxform" in error.message
    assert "foo" in error.message


def test_a_file_that_is_no_form_is_refused_with_a_message() -> None:
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(b"not a workbook", "f.xlsx")
    assert "kann nicht als XLSForm gelesen werden" in str(refused.value)


def test_every_question_is_listed_with_matrix_items_in_place() -> None:
    names = [question["name"] for question in all_questions(parse_xlsform(xlsx(), "form.xlsx"))]
    assert names[-2:] == ["z_breitband", "z_verkehr"]
    assert "zufriedenheit" not in names


LIKERT_CHOICES = [["list_name", "name", "label"], ["skala", "1", "gut"], ["skala", "2", "schlecht"]]


def test_a_likert_matrix_on_the_top_level_is_a_page_of_its_own_and_round_trips() -> None:
    survey = [
        ["type", "name", "label", "appearance"],
        ["text", "vorab", "Vorab", ""],
        ["begin_group", "matrix", "Bewertung", "field-list"],
        ["select_one skala", "a", "A", "likert"],
        ["select_one skala", "b", "B", "likert"],
        ["end_group", "", "", ""],
    ]
    schema = parse_xlsform(xlsx(survey, LIKERT_CHOICES, [["form_title"], ["T"]]), "f.xlsx")
    assert [(page["implicit"], [q["kind"] for q in page["questions"]]) for page in schema["pages"]] == [
        (True, ["text"]),
        (True, ["matrix"]),
    ]
    assert parse_xlsform(export_xlsform(schema), "export.xlsx") == schema


def test_a_group_inside_a_page_is_a_headed_section_and_deeper_groups_are_flattened_with_their_conditions() -> None:
    survey = [
        ["type", "name", "label", "relevant"],
        ["integer", "n", "Anzahl", ""],
        ["begin_group", "seite", "Seite", ""],
        ["begin_group", "innen", "Innen", "${n} > 1"],
        ["text", "a", "A", ""],
        ["begin_group", "tief", "", "${n} > 5"],
        ["text", "b", "B", "${a} != ''"],
        ["end_group", "", "", ""],
        ["end_group", "", "", ""],
        ["end_group", "", "", ""],
    ]
    read = read_xlsform(xlsx(survey, LIKERT_CHOICES, [["form_title"], ["T"]]), "f.xlsx")
    assert read.warnings == []
    page = read.schema["pages"][1]
    assert page["name"] == "seite"
    questions = {question["name"]: question for question in page["questions"]}
    assert list(questions) == ["innen", "a", "b"]
    assert questions["innen"]["kind"] == "note"
    assert questions["innen"]["label"] == {"default": "Innen"}
    assert questions["innen"]["relevant"] == "${n} > 1"
    assert questions["a"]["relevant"] == "${n} > 1"
    assert questions["b"]["relevant"] == "(${n} > 1) and ((${n} > 5) and (${a} != ''))"


def test_a_repeat_is_left_out_with_a_warning_and_an_unclosed_one_is_an_error() -> None:
    survey = [
        ["type", "name", "label"],
        ["text", "firma", "Firma"],
        ["begin_repeat", "standorte", "Ihre Standorte"],
        ["text", "ort", "Ort"],
        ["integer", "beschaeftigte", "Beschäftigte"],
        ["end_repeat", "", ""],
    ]
    read = read_xlsform(xlsx(survey, LIKERT_CHOICES, [["form_title"], ["T"]]), "f.xlsx")
    assert [question["name"] for question in all_questions(read.schema)] == ["firma"]
    [warning] = read.warnings
    assert (warning.sheet, warning.row, warning.column) == ("survey", 3, "type")
    assert "standorte" in warning.message
    with pytest.raises(XLSFormError) as refused:
        parse_xlsform(xlsx(survey[:-1], LIKERT_CHOICES, [["form_title"], ["T"]]), "f.xlsx")
    assert [(error.row, error.column) for error in refused.value.errors] == [(3, "type")]
