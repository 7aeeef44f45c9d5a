"""Real questionnaires from public repositories (tests/surveys/fixtures/SOURCES.md) import with the expected
questions, warnings and logic."""

from __future__ import annotations

from pathlib import Path

import pytest

from standortkompass.surveys.schema import Question, all_questions
from standortkompass.surveys.services.questionnaires import QuestionnaireFile, questionnaire_file_read
from standortkompass.surveys.xlsform import XLSFormError

FIXTURES = Path(__file__).parent / "fixtures"

# file: (pages, questions, warnings)
CORPUS = {
    "xlsform/correlaid_all_types_survey.xlsx": (7, 31, 6),
    "xlsform/correlaid_mitwirken_umfrage.xlsx": (9, 42, 0),
    "xlsform/correlaid_testA.xlsx": (7, 23, 1),
    "xlsform/pyxform_calculate.xls": (1, 4, 0),
    "xlsform/pyxform_cascading_select.xls": (1, 9, 0),
    "xlsform/pyxform_case_insensitivity.xlsx": (1, 1, 2),
    "xlsform/pyxform_loop.xlsx": (1, 1, 1),
    "xlsform/pyxform_or_other.xlsx": (1, 2, 0),
    "xlsform/pyxform_sms_info.xls": (4, 6, 4),
    "xlsform/pyxform_specify_other.xls": (1, 1, 0),
    "xlsform/pyxform_table-list.xls": (3, 5, 4),
    "xlsform/pyxform_text_and_integer.xls": (1, 2, 0),
    "xlsform/pyxform_widgets.xls": (5, 23, 12),
    "xlsform/pyxform_xml_escaping.xls": (1, 3, 4),
    "xlsform/pyxform_yes_or_no_question.xls": (1, 1, 0),
    "xlsform/kobocat_tutorial.xls": (2, 11, 4),
    "xlsform/kobocat_new_repeats.xls": (3, 4, 2),
    "xlsform/kobocat_battery_life.xls": (1, 5, 1),
    "xlsform/kobocat_exp.xlsx": (1, 6, 5),
    "xlsform/kobocat_childrens_survey_unicode.xls": (3, 4, 2),
    "xlsform/kobocat_test_data_types.xls": (1, 4, 3),
    "xlsform/kobocat_transportation.xls": (1, 1, 1),
    "xlsform/kobocat_good_eats_multilang.xls": (1, 6, 5),
    "xlsform/odk_xlsform_offline_clean.xlsx": (1, 2, 0),
    "xlsform/odk_xlsform_offline_warning.xlsx": (2, 2, 0),
    "xlsform/odk_xlsform_offline_external_itemsets.xlsx": (1, 1, 2),
    "lss/collab_ls_survey_981966.lss": (3, 25, 23),
    "lss/imex_blank_survey.lss": (1, 1, 0),
    "lss/imex_one_question_two_languages.lss": (1, 1, 0),
    "lss/rc2api_rather_interesting_questionnaire.lss": (1, 3, 0),
    "lss/limesurvey_ranking_native.lss": (1, 1, 0),
    "lss/limesurvey_366446_yes_no_condition.lss": (1, 2, 1),
    "lss/limesurvey_454287_portuguese_2x.lss": (1, 1, 0),
    "lss/limesurvey_question_list_l10ns.lss": (1, 1, 0),
    "lss/limesurvey_573386_multiple_choice_other.lss": (1, 1, 0),
    "lss/limesurvey_array_number_checkbox.lss": (2, 10, 2),
    "lss/limesurvey_allinone_condition.lss": (2, 2, 0),
    "lss/limesurvey_old_codes_2x_two_languages.lss": (2, 3, 3),
    "lss/limesurvey_dual_scale.lss": (1, 2, 0),
    "xlsform/pyxform_ucl_biomass_plot_form.xlsx": (8, 16, 28),
    "xlsform/pyxform_extra_columns.xlsx": (1, 1, 0),
    "xlsform/hotosm_toilets.xls": (5, 28, 27),
    "xlsform/hotosm_entities_registration.xls": (1, 8, 1),
    "xlsform/hotosm_waste_collection.xlsx": (7, 41, 31),
    "lss/limesurvey_2x_ls2_em_tailoring.lss": (5, 38, 5),
    "lss/limesurvey_2x_randomization_group_test.lss": (3, 20, 0),
    "lss/limesurvey_2x_ls2_countifop_sumifop.lss": (2, 27, 2),
    "lss/limesurvey_fork_ls205_sample_survey_english.lss": (12, 399, 49),
    "lss/limesurvey_fork_ls205_self_and_that.lss": (1, 12, 6),
    "lss/limesurvey_fork_ls5_sample_survey_multilingual_fr_de_en_it.lss": (6, 194, 10),
    "lss/limesurvey_fork_limesurvey_survey_demo.lss": (2, 4, 5),
    "lss/limesurvey_fork_limesurvey_survey_expressionquestionhelp.lss": (2, 2, 1),
    "lss/uudh_name_face_survey_9.lss": (3, 3, 3),
}
# files that are refused, each for a fault of its own: (sheet, row, column) of the first error, and the count
REFUSED = {
    "xlsform/hotosm_waterways.xls": (("survey", 1, "required_message::French(fr)required_message::English(en)"), 1),
    "xlsform/opengis_service_rating.xlsx": (("survey", 35, "type"), 1),  # the tool's own type "country"
    "xlsform/pyxform_choice_filter_test.xlsx": (("choices", 6, "name"), 1),  # allow_choice_duplicates
    "xlsform/pyxform_duplicate_columns.xlsx": (("survey", 1, "label"), 1),
    "xlsform/unhcr_kobo_xlsform_examples.xlsx": (("survey", 45, "name"), 1),  # "fourteen" also in row 42
    "xlsform/wq_input_types.xls": (("survey", 5, "constraint"), 1),  # wq:length()
    "lss/limesurvey_2x_ls191_sample_survey_multilingual.lss": (("", None, ""), 8),  # codes used twice
}


def read(name: str) -> QuestionnaireFile:
    return questionnaire_file_read(data=(FIXTURES / name).read_bytes(), filename=Path(name).name)


def questions(name: str) -> dict[str, Question]:
    return {question["name"]: question for question in all_questions(read(name).schema)}


def test_every_fixture_has_its_source_noted() -> None:
    sources = (FIXTURES / "SOURCES.md").read_text(encoding="utf-8")
    for name in [*CORPUS, *REFUSED]:
        assert f"`{name}`" in sources


@pytest.mark.parametrize(("name", "expected"), REFUSED.items(), ids=list(REFUSED))
def test_a_real_questionnaire_with_a_fault_is_refused_naming_where(
    name: str, expected: tuple[tuple[str, int | None, str], int]
) -> None:
    with pytest.raises(XLSFormError) as refused:
        read(name)
    errors = refused.value.errors
    assert ((errors[0].sheet, errors[0].row, errors[0].column), len(errors)) == expected
    assert all(not error.message.startswith("pyxform") for error in errors)


@pytest.mark.parametrize(("name", "expected"), CORPUS.items(), ids=list(CORPUS))
def test_a_real_questionnaire_imports_with_its_pages_questions_and_warnings(
    name: str, expected: tuple[int, int, int]
) -> None:
    file = read(name)
    assert (len(file.schema["pages"]), len(all_questions(file.schema)), len(file.warnings)) == expected


def test_the_kobo_style_form_keeps_its_logic_and_takes_its_timestamps_from_the_server() -> None:
    file = read("xlsform/correlaid_all_types_survey.xlsx")
    assert file.schema["settings"]["metadata"] == {"start": "start", "end": "end", "today": "today"}
    found = {question["name"]: question for question in all_questions(file.schema)}
    assert found["q_constraint"]["constraint"] == ". >= 18 and . <= 120"
    assert found["q_relevant"]["relevant"] == "${q_mandatory} != ''"
    assert found["calc1"]["calculation"] == "1+1"
    assert "deviceid" in file.warnings[0]


def test_the_german_participation_survey_keeps_its_filters() -> None:
    found = questions("xlsform/correlaid_mitwirken_umfrage.xlsx")
    assert found["themenfelder_other"]["relevant"] == "selected(${themenfelder}, 'other')"
    assert found["zusammenarbeit_stadt_einschaetzung"]["relevant"] == "${zusammenarbeit_stadt} = 'ja'"


def test_the_range_question_of_a_form_is_left_out_with_its_row() -> None:
    [warning] = read("xlsform/correlaid_testA.xlsx").warnings
    assert "attribution_beruf" in warning
    assert "22" in warning


def test_old_xls_widgets_keep_their_constraints() -> None:
    found = questions("xlsform/pyxform_widgets.xls")
    assert found["my_int"]["constraint"] == ". < 10"
    assert found["my_date"]["constraint"] == ". >= today()"


def test_a_limesurvey_workflow_survey_keeps_its_conditions_and_lists_its_equation() -> None:
    file = read("lss/collab_ls_survey_981966.lss")
    found = {question["name"]: question for question in all_questions(file.schema)}
    assert found["q1statusreviewer"]["relevant"] == "(${user} = '2')"
    assert found["q1statussupervisor"]["relevant"] == "(${user} = '3')"
    assert [warning for warning in file.warnings if "notanswered" in warning]


def test_a_two_language_limesurvey_file_keeps_both_languages() -> None:
    languages = read("lss/imex_one_question_two_languages.lss").schema["settings"]["languages"]
    assert [language["code"] for language in languages] == ["en", "et"]


def test_a_limesurvey_condition_with_or_and_naok_becomes_an_xlsform_relevance() -> None:
    found = questions("lss/limesurvey_366446_yes_no_condition.lss")
    assert found["q1"]["kind"] == "select_one"
    assert found["q2"]["relevant"] == "${q1} = 'Y' or ${q1} = 'N'"


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("xlsform/odk_xlsform_offline_pyxform_error.xlsx", ("survey", 2, "type")),
        ("xlsform/odk_xlsform_offline_validate_error.xlsx", ("survey", 4, "calculation")),
    ],
)
def test_a_broken_real_form_is_refused_naming_its_fault(name: str, place: tuple[str, int, str]) -> None:
    with pytest.raises(XLSFormError) as refused:
        read(name)
    assert [(error.sheet, error.row, error.column) for error in refused.value.errors] == [place]


def test_a_limesurvey_2x_file_in_portuguese_is_read_with_its_language() -> None:
    file = read("lss/limesurvey_454287_portuguese_2x.lss")
    [question] = all_questions(file.schema)
    assert (question["name"], question["kind"]) == ("G1Q00005", "date")
    assert [language["code"] for language in file.schema["settings"]["languages"]] == ["pt"]
    assert file.schema["settings"]["title"] == "Rede de Rastreio Comunitária v2"


def test_a_limesurvey_5_file_takes_its_texts_from_the_l10n_tables() -> None:
    file = read("lss/limesurvey_question_list_l10ns.lss")
    [question] = all_questions(file.schema)
    assert question["kind"] == "long_text"
    assert question["label"] == {"English (en)": "A first example question. Please answer this question:"}
    assert question["hint"] == {"English (en)": "This is a question help text."}
    assert file.schema["pages"][0]["label"] == {"English (en)": "My first question group"}


def test_a_limesurvey_multiple_choice_with_other_keeps_its_subquestions_and_other() -> None:
    file = read("lss/limesurvey_573386_multiple_choice_other.lss")
    [question] = all_questions(file.schema)
    assert (question["kind"], question["or_other"]) == ("select_multiple", True)
    assert [choice["name"] for choice in file.schema["choice_lists"]["Multichoice"]] == ["SQ001", "SQ002"]


def test_an_array_of_numbers_becomes_one_number_per_cell_and_conditions_on_a_cell_are_converted() -> None:
    found = questions("lss/limesurvey_array_number_checkbox.lss")
    assert found["question"]["kind"] == "note"
    assert found["question_SY003_SX002"]["kind"] == "decimal"
    assert found["QHiddenJS"]["relevant"] == "not(${question_SY003_SX002} = '')"
    assert found["QHiddenJS"]["required"] is True


def test_a_limesurvey_gender_question_and_an_equation_naming_questions_by_id_are_read() -> None:
    file = read("lss/limesurvey_allinone_condition.lss")
    found = {question["name"]: question for question in all_questions(file.schema)}
    assert found["Q00"]["kind"] == "select_one"
    assert [choice["name"] for choice in file.schema["choice_lists"]["Q00"]] == ["F", "M"]
    # LimeSurvey 6 writes ((Q481.NAOK == "F")), naming the question by its id 481 (code Q00)
    assert found["G02Q02"]["relevant"] == "((${Q00} = 'F'))"
    assert file.warnings == []


def test_the_conditions_table_of_a_real_file_gives_the_relevance_when_the_equation_is_1() -> None:
    # As LimeSurvey 2 and 3 files have it: the logic only in <conditions> (here: Q00 == "F", scenario 1).
    data = (FIXTURES / "lss/limesurvey_allinone_condition.lss").read_bytes()
    data = data.replace(b'<![CDATA[((Q481.NAOK == "F"))]]>', b"<![CDATA[1]]>")
    file = questionnaire_file_read(data=data, filename="old.lss")
    found = {question["name"]: question for question in all_questions(file.schema)}
    assert found["G02Q02"]["relevant"] == "${Q00} = 'F'"
    assert file.warnings == []


def test_a_limesurvey_file_with_duplicate_question_codes_is_refused_in_limesurvey_terms() -> None:
    with pytest.raises(XLSFormError) as refused:
        read("lss/limesurvey_17200_duplicate_codes.lss")
    messages = [str(error) for error in refused.value.errors]
    assert len(messages) == 3
    assert messages[0].startswith("Gruppe „Random1 G2“, Frage FixedQ03 (Typ „T“): ")
    assert all("Zeile" not in message for message in messages)


def test_a_limesurvey_2x_file_in_two_languages_keeps_its_base_language_first() -> None:
    file = read("lss/limesurvey_old_codes_2x_two_languages.lss")
    assert [language["code"] for language in file.schema["settings"]["languages"]] == ["en", "es"]
    assert [page["label"]["es (es)"] for page in file.schema["pages"]] == ["Primer grupo", "Segundo grupo"]
    assert file.schema["choice_lists"]["OLD_CODE1"][0]["name"] == "1"  # the 5-point choice


def test_the_kobotoolbox_tutorial_keeps_its_logic_and_its_start_and_end_names() -> None:
    file = read("xlsform/kobocat_tutorial.xls")
    assert file.schema["settings"]["metadata"] == {"start": "start_time", "end": "end_time", "today": "today"}
    found = {question["name"]: question for question in all_questions(file.schema)}
    assert found["age"]["constraint"] == "${age} > 0 and ${age} < 120"
    assert found["pizza_type"]["relevant"] == "${pizza_fan} = 'yes'"


def test_names_inside_a_repeat_may_repeat_names_outside_it_as_in_pyxform() -> None:
    file = read("xlsform/kobocat_childrens_survey_unicode.xls")  # "name" and "age" also inside the repeat
    assert [question["name"] for question in all_questions(file.schema)] == ["name", "age", "tel.office", "tel.mobile"]


def test_a_stray_choices_row_without_list_and_name_is_ignored_with_a_warning() -> None:
    file = read("xlsform/kobocat_good_eats_multilang.xls")
    assert file.warnings[0].startswith("Tabellenblatt choices, Zeile 4, Spalte list_name:")
    assert {"English", "French"} <= {language["name"] for language in file.schema["settings"]["languages"]}


def test_a_form_saved_by_gnumeric_with_autocorrected_quotes_is_read_as_meant() -> None:
    # row 1,048,576 and column AMJ are formatted but empty; the relevances carry ‘…’ and ’…'
    file = read("xlsform/pyxform_ucl_biomass_plot_form.xlsx")
    found = {question["name"]: question for question in all_questions(file.schema)}
    assert found["leader_name_other"]["relevant"] == "${leader_name} = 'other'"
    assert file.warnings[0].startswith(
        "Tabellenblatt survey, Zeile 9, Spalte relevant: Typografische Anführungszeichen"
    )


def test_an_odk_form_of_hot_drops_its_lookups_in_attached_data_and_keeps_its_logic() -> None:
    file = read("xlsform/hotosm_toilets.xls")
    found = {question["name"]: question for question in all_questions(file.schema)}
    assert found["gender"]["calculation"] == ""
    assert found["basic"]["relevant"] == (
        "(${operational_status} = 'operational' or ${operational_status} = 'needs_maintenance')"
    )
    assert [warning for warning in file.warnings if "Zeile 20, Spalte calculation" in warning]


def test_a_limesurvey_2_equation_chain_with_if_is_converted() -> None:
    found = questions("lss/limesurvey_2x_ls2_em_tailoring.lss")
    assert found["weight_kg"]["calculation"] == "if(${weight_units} = 'kg', ${weight}, ${weight} * 0.453592)"
    assert found["BMI"]["calculation"] == "${weight_kg} div (${height_m} * ${height_m})"
    assert found["weight_status"]["calculation"].startswith("if(${BMI} <= 18.5, 'underweight', if(")


def test_a_limesurvey_2_array_in_two_languages_has_each_cell_once() -> None:
    file = read("lss/limesurvey_2x_randomization_group_test.lss")
    names = [question["name"] for question in all_questions(file.schema)]
    assert [name for name in names if name.startswith("Q8")] == ["Q8", "Q8_SQ001_SQ001", "Q8_SQ002_SQ001"]
    assert [language["code"] for language in file.schema["settings"]["languages"]] == ["en", "fr"]


def test_the_limesurvey_2_sample_keeps_texts_that_begin_with_equals_and_pipes_them_once() -> None:
    found = questions("lss/limesurvey_fork_ls205_sample_survey_english.lss")
    assert found["oDS_1_1"]["label"] == {"English (en)": "==name: ${name}"}
    assert found["oDS_2_1"]["label"] == {"English (en)": "==name: ${name}"}  # the second scale's copy


def test_the_limesurvey_5_sample_in_four_languages_keeps_its_languages_and_title() -> None:
    file = read("lss/limesurvey_fork_ls5_sample_survey_multilingual_fr_de_en_it.lss")
    codes = [language["code"] for language in file.schema["settings"]["languages"]]
    assert codes == ["en", "fr", "it", "de-informal"]
    assert file.schema["settings"]["title"] == "Sample LimeSurvey EN/FR/DE/IT (LS5)"
