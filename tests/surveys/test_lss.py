"""Importing LimeSurvey survey structure files (.lss)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.lss import convert_expression, parse_lss
from standortkompass.surveys.models import Questionnaire, SourceFormat
from standortkompass.surveys.schema import all_questions
from standortkompass.surveys.services import questionnaire_import
from standortkompass.surveys.xlsform import XLSFormError, export_xlsform, parse_xlsform

LS6 = Path(__file__).parent / "fixtures" / "limesurvey6.lss"

LS3 = b"""<?xml version="1.0" encoding="UTF-8"?>
<document>
 <LimeSurveyDocType>Survey</LimeSurveyDocType>
 <DBVersion>366</DBVersion>
 <languages><language>de</language></languages>
 <answers><rows>
  <row><qid>5</qid><code>1</code><answer>gering</answer><sortorder>1</sortorder><language>de</language></row>
  <row><qid>5</qid><code>2</code><answer>hoch</answer><sortorder>2</sortorder><language>de</language></row>
 </rows></answers>
 <groups><rows>
  <row><gid>1</gid><sid>9</sid><group_name>Fachkr\xc3\xa4fte</group_name><group_order>0</group_order><language>de</language></row>
 </rows></groups>
 <questions><rows>
  <row><qid>4</qid><parent_qid>0</parent_qid><gid>1</gid><type>M</type><title>Wege</title><question>Wege</question>
   <other>N</other><mandatory>N</mandatory><question_order>1</question_order><language>de</language></row>
  <row><qid>5</qid><parent_qid>0</parent_qid><gid>1</gid><type>!</type><title>Bedarf</title><question>Bedarf</question>
   <other>N</other><mandatory>Y</mandatory><question_order>2</question_order><language>de</language></row>
  <row><qid>6</qid><parent_qid>0</parent_qid><gid>1</gid><type>N</type><title>Stellen</title>
   <question>Offene Stellen</question><mandatory>N</mandatory><question_order>3</question_order>
   <language>de</language></row>
 </rows></questions>
 <subquestions><rows>
  <row><qid>7</qid><parent_qid>4</parent_qid><gid>1</gid><type>T</type><title>SQ1</title><question>Anzeigen</question>
   <question_order>1</question_order><language>de</language></row>
  <row><qid>8</qid><parent_qid>4</parent_qid><gid>1</gid><type>T</type><title>SQ2</title><question>Messen</question>
   <question_order>2</question_order><language>de</language></row>
 </rows></subquestions>
 <conditions><rows>
  <row><cid>1</cid><qid>6</qid><cfieldname>9X1X5</cfieldname><method>==</method><value>2</value></row>
 </rows></conditions>
 <surveys><rows><row><sid>9</sid><language>de</language></row></rows></surveys>
 <surveys_languagesettings><rows>
  <row><surveyls_survey_id>9</surveyls_survey_id><surveyls_language>de</surveyls_language>
   <surveyls_title>Alte Befragung</surveyls_title></row>
 </rows></surveys_languagesettings>
</document>
"""


def test_a_limesurvey_6_file_maps_groups_questions_answers_and_languages() -> None:
    result = parse_lss(LS6.read_bytes())
    schema = result.schema
    assert schema["settings"]["title"] == "Befragung aus LimeSurvey"
    assert [language["code"] for language in schema["settings"]["languages"]] == ["de", "en"]
    pages = schema["pages"]
    assert [page["label"]["English (en)"] for page in pages] == ["Profile", "Location"]
    firma, branche = pages[0]["questions"]
    assert firma["label"] == {"Deutsch (de)": "Name Ihres Unternehmens", "English (en)": "Company name"}
    assert firma["required"] is True
    assert (branche["kind"], branche["or_other"], branche["hint"]) == (
        "select_one",
        True,
        {"Deutsch (de)": "Hauptbranche"},
    )
    assert [choice["label"]["English (en)"] for choice in schema["choice_lists"]["Q1"]] == ["Industry", "Trade"]
    matrix, remark = pages[1]["questions"]
    assert matrix["kind"] == "matrix"
    assert [item["label"]["Deutsch (de)"] for item in matrix["items"]] == ["Breitband", "Verkehr"]
    assert remark["kind"] == "long_text"
    assert remark["label"]["Deutsch (de)"] == "Anmerkungen & Wünsche"


def test_what_xlsform_cannot_express_is_listed() -> None:
    notes = parse_lss(LS6.read_bytes()).not_mapped
    assert notes == [
        "Die Frage Zahlen (LimeSurvey-Typ „K“) hat keine Teilfragen und wurde nicht übernommen.",
    ]


def test_is_empty_and_arithmetic_in_limesurvey_equations_are_converted() -> None:
    single, multiple = {"Firma", "a", "b"}, {}
    assert convert_expression("!is_empty(Firma)", single=single, multiple=multiple) == "not(${Firma} = '')"
    assert convert_expression("is_empty(Firma.NAOK)", single=single, multiple=multiple) == "(${Firma} = '')"
    assert convert_expression("a + b * 2 > 10", single=single, multiple=multiple) == "${a} + ${b} * 2 > 10"
    assert convert_expression("a / b", single=single, multiple=multiple) == "${a} div ${b}"
    assert convert_expression("!a", single=single, multiple=multiple) is None
    assert convert_expression("is_empty(unbekannt)", single=single, multiple=multiple) is None


def test_simple_relevance_equations_become_xlsform_expressions() -> None:
    pages = parse_lss(LS6.read_bytes()).schema["pages"]
    assert pages[1]["relevant"] == "${Q1} = 'A1'"
    assert pages[1]["questions"][0]["relevant"] == "not(${Firma} = '')"
    assert pages[1]["questions"][1]["relevant"] == "${Zufr_SQ001} = '2' or ${Q1} != 'A1'"


def test_a_multiple_choice_condition_becomes_selected() -> None:
    converted = convert_expression(
        'M_SQ1 == "Y" and (N >= 2 || M_SQ2 != "Y")', single={"N"}, multiple={"M": {"SQ1", "SQ2"}}
    )
    assert converted == "selected(${M}, 'SQ1') and (${N} >= 2 or not(selected(${M}, 'SQ2')))"
    assert convert_expression("count(N)", single={"N"}, multiple={}) is None
    assert convert_expression("Unbekannt == 1", single={"N"}, multiple={}) is None


def test_the_imported_schema_exports_to_xlsform_without_loss() -> None:
    schema = parse_lss(LS6.read_bytes()).schema
    assert parse_xlsform(export_xlsform(schema), "export.xlsx") == schema


def test_a_limesurvey_3_file_with_texts_in_the_tables_is_read() -> None:
    schema = parse_lss(LS3).schema
    assert schema["settings"]["title"] == "Alte Befragung"
    wege, bedarf, stellen = schema["pages"][0]["questions"]
    assert wege["kind"] == "select_multiple"
    assert [choice["label"]["Deutsch (de)"] for choice in schema["choice_lists"]["Wege"]] == ["Anzeigen", "Messen"]
    assert (bedarf["kind"], bedarf["widget"], bedarf["required"]) == ("select_one", "dropdown", True)
    assert [choice["name"] for choice in schema["choice_lists"]["Bedarf"]] == ["1", "2"]
    assert stellen["kind"] == "decimal"


def test_conditions_of_the_old_condition_editor_become_the_relevance() -> None:
    imported = parse_lss(LS3)
    assert imported.not_mapped == []
    assert {question["name"]: question["relevant"] for question in all_questions(imported.schema)}["Stellen"] == (
        "${Bedarf} = '2'"
    )


def test_a_file_that_is_no_limesurvey_file_is_refused() -> None:
    with pytest.raises(XLSFormError):
        parse_lss(b"<html></html>")
    with pytest.raises(XLSFormError):
        parse_lss(b"not xml")


def test_the_service_keeps_the_source_format_and_the_notes(process: StrategyProcess) -> None:
    version = questionnaire_import(process=process, data=LS6.read_bytes(), filename="alt.lss")
    assert version.source_format == SourceFormat.LSS
    assert len(version.import_notes) == 1


def test_the_command_prints_what_was_not_mapped_as_warnings_and_imports(process: StrategyProcess) -> None:
    output = io.StringIO()
    call_command("survey_import", str(LS6), stdout=output)
    assert "limesurvey6.lss: 1 warning(s):" in output.getvalue()
    assert Questionnaire.objects.get().title == "Befragung aus LimeSurvey"


def test_the_command_refuses_a_broken_lss_file(process: StrategyProcess, tmp_path: Path) -> None:
    path = tmp_path / "kaputt.lss"
    path.write_bytes(b"<document><LimeSurveyDocType>Survey</LimeSurveyDocType>")
    with pytest.raises(CommandError) as refused:
        call_command("survey_import", str(path), stderr=io.StringIO())
    assert refused.value.returncode == 2
    assert not Questionnaire.objects.exists()


def test_errors_of_a_limesurvey_file_name_group_question_code_and_type_not_sheet_rows() -> None:
    data = LS6.read_bytes().replace(b"<title>Q1</title>", b"<title>Firma</title>")
    with pytest.raises(XLSFormError) as refused:
        parse_lss(data)
    messages = [str(error) for error in refused.value.errors]
    assert messages
    assert all("Tabellenblatt" not in message and "Zeile" not in message for message in messages)
    assert any(message.startswith("Gruppe „Profil“, Frage Firma (Typ „L“): ") for message in messages)


def test_a_ranking_of_subquestions_is_imported_with_its_items_as_choices() -> None:
    data = (Path(__file__).parent / "fixtures" / "lss" / "limesurvey_ranking_native.lss").read_bytes()
    [question] = all_questions(parse_lss(data).schema)
    assert question["kind"] == "rank"
    choices = parse_lss(data).schema["choice_lists"][question["list_name"]]
    assert [choice["name"] for choice in choices] == ["SQ01", "SQ02", "SQ03", "SQ04"]


def _lss(questions: str, subquestions: str = "", answers: str = "") -> bytes:
    """A LimeSurvey 3 structure file (texts inline, language "de") with one group."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><document><LimeSurveyDocType>Survey</LimeSurveyDocType>'
        "<DBVersion>359</DBVersion><languages><language>de</language></languages>"
        "<groups><rows><row><gid>1</gid><group_name>Betrieb</group_name><group_order>1</group_order>"
        "<language>de</language></row></rows></groups>"
        f"<questions><rows>{questions}</rows></questions><subquestions><rows>{subquestions}</rows></subquestions>"
        f"<answers><rows>{answers}</rows></answers>"
        "<surveys><rows><row><sid>1</sid><language>de</language></row></rows></surveys></document>"
    ).encode()


def _question(qid: int, lstype: str, code: str, text: str, parent: int = 0) -> str:
    return (
        f"<row><qid>{qid}</qid><parent_qid>{parent}</parent_qid><gid>1</gid><type>{lstype}</type>"
        f"<title>{code}</title><question>{text}</question><language>de</language>"
        f"<question_order>{qid}</question_order><mandatory>N</mandatory><relevance>1</relevance></row>"
    )


def test_the_common_limesurvey_types_are_imported() -> None:
    questions = "".join(
        [
            _question(1, "G", "Geschlecht", "Geschlecht der Leitung"),
            _question(2, "C", "Plaene", "Planen Sie …"),
            _question(3, "E", "Entwicklung", "Wie entwickelt sich …"),
            _question(4, "O", "Lage", "Wie bewerten Sie die Lage?"),
            _question(5, "P", "Themen", "Welche Themen?"),
            _question(6, "K", "Zahlen", "Wie viele Beschäftigte?"),
            _question(7, "Q", "Kontakt", "Kontakt"),
            _question(8, "*", "Summe", "{Zahlen_voll &gt; 10}"),
            _question(9, "H", "Spalten", "Nach Spalten"),
        ]
    )
    subquestions = "".join(
        [
            _question(21, "C", "erweitern", "Erweiterung", parent=2),
            _question(31, "E", "umsatz", "Umsatz", parent=3),
            _question(51, "P", "energie", "Energie", parent=5),
            _question(52, "P", "digital", "Digitalisierung", parent=5),
            _question(61, "K", "voll", "Vollzeit", parent=6),
            _question(62, "K", "teil", "Teilzeit", parent=6),
            _question(71, "Q", "name", "Name", parent=7),
            _question(91, "H", "a", "A", parent=9),
        ]
    )
    answers = "".join(
        f"<row><qid>{qid}</qid><code>{code}</code><answer>{text}</answer><sortorder>{order}</sortorder>"
        f"<language>de</language><scale_id>0</scale_id></row>"
        for qid, code, text, order in [(4, "gut", "gut", 1), (4, "schlecht", "schlecht", 2), (9, "x", "X", 1)]
    )
    imported = parse_lss(_lss(questions, subquestions, answers))
    found = {question["name"]: question for question in all_questions(imported.schema)}
    choice_lists = imported.schema["choice_lists"]
    assert found["Geschlecht"]["kind"] == "select_one"
    assert [choice["name"] for choice in choice_lists["Geschlecht"]] == ["F", "M"]
    assert found["Plaene_erweitern"]["list_name"] == "Plaene"
    assert [choice["name"] for choice in choice_lists["Plaene"]] == ["Y", "U", "N"]
    assert [choice["name"] for choice in choice_lists["Entwicklung"]] == ["I", "S", "D"]
    assert found["Lage"]["kind"] == "select_one"
    assert found["Lage_comment"]["kind"] == "long_text"
    assert found["Themen"]["kind"] == "select_multiple"
    assert [choice["name"] for choice in choice_lists["Themen"]] == ["energie", "digital"]
    assert found["Zahlen"]["kind"] == "note"
    assert (found["Zahlen_voll"]["kind"], found["Zahlen_teil"]["kind"]) == ("decimal", "decimal")
    assert found["Kontakt_name"]["kind"] == "text"
    assert found["Summe"]["kind"] == "calculate"
    assert found["Summe"]["calculation"] == "${Zahlen_voll} > 10"
    assert found["Spalten_a"]["list_name"] == "Spalten"
    assert len(imported.not_mapped) == 2  # the comments of P, the columns of H


def test_a_dual_scale_array_becomes_two_matrices_with_the_answers_of_each_scale() -> None:
    imported = parse_lss((Path(__file__).parent / "fixtures" / "lss" / "limesurvey_dual_scale.lss").read_bytes())
    matrices = imported.schema["pages"][0]["questions"]
    assert [(matrix["kind"], matrix["name"]) for matrix in matrices] == [("matrix", "Q00_1"), ("matrix", "Q00_2")]
    lists = imported.schema["choice_lists"]
    assert [choice["label"]["English (en)"] for choice in lists["Q00_1"]] == ["Good", "Important"]
    assert [choice["label"]["English (en)"] for choice in lists["Q00_2"]] == ["Bad", "Not important"]
    assert [item["name"] for item in matrices[1]["items"]] == ["Q00_2_SQ001"]


def test_a_mandatory_question_whose_condition_cannot_be_converted_is_no_longer_mandatory() -> None:
    question = _question(1, "S", "Firma", "Firma").replace("<mandatory>N</mandatory>", "<mandatory>Y</mandatory>")
    question = question.replace("<relevance>1</relevance>", "<relevance>count(Firma) > 1</relevance>")
    imported = parse_lss(_lss(question))
    [found] = all_questions(imported.schema)
    assert (found["relevant"], found["required"]) == ("", False)
    assert len(imported.not_mapped) == 1


def test_limesurvey_validation_becomes_a_constraint_and_what_cannot_be_converted_is_listed() -> None:
    questions = "".join(
        [
            _question(1, "S", "Plz", "Postleitzahl").replace("</title>", "</title><preg>/^[0-9]{5}$/</preg>"),
            _question(2, "N", "Anzahl", "Anzahl"),
            _question(3, "S", "Kaputt", "Kaputt").replace("</title>", "</title><preg>/([a-z/</preg>"),
        ]
    )
    attributes = (
        "<question_attributes><rows>"
        "<row><qid>2</qid><attribute>min_num_value_n</attribute><value>0</value></row>"
        "<row><qid>2</qid><attribute>max_num_value_n</attribute><value>500</value></row>"
        "</rows></question_attributes>"
    )
    data = _lss(questions).replace(b"<surveys>", attributes.encode() + b"<surveys>")
    imported = parse_lss(data)
    found = {question["name"]: question for question in all_questions(imported.schema)}
    assert found["Plz"]["constraint"] == "regex(., '^[0-9]{5}$')"
    assert found["Anzahl"]["constraint"] == ". >= 0 and . <= 500"
    assert found["Kaputt"]["constraint"] == ""
    assert [note for note in imported.not_mapped if "Kaputt" in note]


def test_an_earlier_answer_in_a_text_is_shown_and_other_expressions_in_braces_are_listed() -> None:
    questions = "".join(
        [
            _question(1, "S", "Firma", "Firma"),
            _question(2, "T", "Lob", "Was gefällt {Firma.NAOK} am Standort?"),
            _question(3, "T", "Rest", "Sie haben {count(Firma)} Antworten"),
        ]
    )
    imported = parse_lss(_lss(questions))
    found = {question["name"]: question for question in all_questions(imported.schema)}
    assert found["Lob"]["label"] == {"Deutsch (de)": "Was gefällt ${Firma} am Standort?"}
    assert [note for note in imported.not_mapped if "Rest" in note]
    assert not [note for note in imported.not_mapped if "Lob" in note]
