"""LimeSurvey logic in older files (the conditions table), earlier answers in texts, validation, and the caps
and XML safety of an .lss upload."""

from __future__ import annotations

import html

import pytest

from standortkompass.surveys.lss import parse_lss
from standortkompass.surveys.lss.limits import MAX_LSS_QUESTIONS
from standortkompass.surveys.schema import Question, all_questions
from standortkompass.surveys.xlsform import XLSFormError
from surveys.test_lss import _lss, _question


def _condition(cid: int, qid: int, cqid: int, fieldname: str, value: str, *, method: str = "==", scenario: int = 1):
    return (
        f"<row><cid>{cid}</cid><qid>{qid}</qid><cqid>{cqid}</cqid><cfieldname>{fieldname}</cfieldname>"
        f"<method>{html.escape(method)}</method><value>{value}</value><scenario>{scenario}</scenario></row>"
    )


def _with(data: bytes, table: str) -> bytes:
    return data.replace(b"<surveys>", table.encode() + b"<surveys>")


QUESTIONS = "".join(
    [
        _question(1, "L", "Groesse", "Größe"),
        _question(2, "M", "Themen", "Themen"),
        _question(3, "N", "Anzahl", "Anzahl"),
        _question(4, "F", "Zufr", "Zufriedenheit"),
        _question(5, "S", "Plz", "Postleitzahl"),
        _question(9, "T", "Folge", "Folgefrage").replace("<mandatory>N</mandatory>", "<mandatory>Y</mandatory>"),
    ]
)
SUBQUESTIONS = "".join(
    [
        _question(20, "T", "SQ1", "Flächen", parent=2),
        _question(21, "T", "SQ2", "Fachkräfte", parent=2),
        _question(40, "T", "A1", "Verwaltung", parent=4),
    ]
)
ANSWERS = (
    "<row><qid>1</qid><code>K</code><answer>klein</answer><sortorder>1</sortorder><language>de</language></row>"
    "<row><qid>1</qid><code>G</code><answer>groß</answer><sortorder>2</sortorder><language>de</language></row>"
    "<row><qid>4</qid><code>1</code><answer>gut</answer><sortorder>1</sortorder><language>de</language></row>"
    "<row><qid>4</qid><code>2</code><answer>schlecht</answer><sortorder>2</sortorder><language>de</language></row>"
)


def imported(*conditions: str) -> tuple[dict[str, Question], list[str]]:
    data = _with(_lss(QUESTIONS, SUBQUESTIONS, ANSWERS), f"<conditions><rows>{''.join(conditions)}</rows></conditions>")
    result = parse_lss(data)
    return {question["name"]: question for question in all_questions(result.schema)}, result.not_mapped


def test_conditions_on_one_question_are_ored_and_on_different_questions_anded() -> None:
    found, warnings = imported(
        _condition(1, 9, 1, "1X1X1", "K"),
        _condition(2, 9, 1, "1X1X1", "G"),
        _condition(3, 9, 3, "1X1X3", "10", method=">="),
    )
    assert found["Folge"]["relevant"] == "(${Groesse} = 'K' or ${Groesse} = 'G') and ${Anzahl} >= 10"
    assert found["Folge"]["required"] is True
    assert warnings == []


def test_scenarios_are_ored() -> None:
    found, _warnings = imported(
        _condition(1, 9, 1, "1X1X1", "K", scenario=1), _condition(2, 9, 3, "1X1X3", "5", method="<", scenario=2)
    )
    assert found["Folge"]["relevant"] == "(${Groesse} = 'K') or (${Anzahl} < 5)"


def test_multiple_choice_conditions_are_ored_by_value_and_anded_with_a_plus() -> None:
    ored, _warnings = imported(_condition(1, 9, 2, "1X1X2", "SQ1"), _condition(2, 9, 2, "1X1X2", "SQ2"))
    assert ored["Folge"]["relevant"] == "selected(${Themen}, 'SQ1') or selected(${Themen}, 'SQ2')"
    anded, _warnings = imported(_condition(1, 9, 2, "+1X1X2SQ1", "Y"), _condition(2, 9, 2, "+1X1X2SQ2", "Y"))
    assert anded["Folge"]["relevant"] == "selected(${Themen}, 'SQ1') and selected(${Themen}, 'SQ2')"


def test_array_items_empty_answers_regular_expressions_and_other_answers_are_converted() -> None:
    found, warnings = imported(
        _condition(1, 9, 4, "1X1X4A1", "2"),
        _condition(2, 9, 5, "1X1X5", " ", method="!="),
        _condition(3, 9, 5, "1X1X5", "/^3/", method="RX"),
        _condition(4, 9, 3, "1X1X3", "@1X1X1@", method="!="),
    )
    assert found["Folge"]["relevant"] == (
        "${Anzahl} != ${Groesse} and ${Zufr_A1} = '2' and (${Plz} != '' or regex(${Plz}, '^3'))"
    )
    assert warnings == []


def test_a_condition_on_a_participant_attribute_is_listed_in_limesurvey_terms_and_nothing_is_dropped() -> None:
    found, warnings = imported(_condition(1, 9, 0, "{TOKEN:ATTRIBUTE_1}", "ja"))
    assert (found["Folge"]["relevant"], found["Folge"]["required"]) == ("", False)
    assert warnings == [
        "Gruppe „Betrieb“, Frage Folge (Typ „T“): Ihre Bedingungen (Bedingungseditor) wurden nicht übernommen; "
        "die Frage wird immer gezeigt."
    ]


def test_a_relevance_equation_wins_over_conditions_and_limesurvey_6_names_by_id_are_read() -> None:
    questions = QUESTIONS.replace("<relevance>1</relevance></row>", "<relevance>Q1.NAOK == 'G'</relevance></row>")
    data = _with(_lss(questions, SUBQUESTIONS, ANSWERS), "<conditions><rows></rows></conditions>")
    found = {question["name"]: question for question in all_questions(parse_lss(data).schema)}
    assert found["Folge"]["relevant"] == "${Groesse} = 'G'"


def test_earlier_answers_in_texts_become_references_in_every_form_limesurvey_writes() -> None:
    questions = QUESTIONS.replace(
        "<question>Folgefrage</question>",
        "<question>Zu {INSERTANS:1X1X1} und {Plz.shown}: {Groesse.question}?</question>",
    )
    result = parse_lss(_lss(questions, SUBQUESTIONS, ANSWERS))
    found = {question["name"]: question for question in all_questions(result.schema)}
    assert found["Folge"]["label"] == {"Deutsch (de)": "Zu ${Groesse} und ${Plz}: Größe?"}
    assert result.not_mapped == []


def test_validation_equations_lengths_and_answer_counts_become_constraints_and_the_rest_is_listed() -> None:
    attributes = (
        "<question_attributes><rows>"
        "<row><qid>3</qid><attribute>em_validation_q</attribute><value>Anzahl.NAOK &lt;= 200</value></row>"
        "<row><qid>5</qid><attribute>maximum_chars</attribute><value>5</value></row>"
        "<row><qid>2</qid><attribute>max_answers</attribute><value>1</value></row>"
        "<row><qid>4</qid><attribute>array_filter</attribute><value>Themen</value></row>"
        "</rows></question_attributes>"
    )
    result = parse_lss(_with(_lss(QUESTIONS, SUBQUESTIONS, ANSWERS), attributes))
    found = {question["name"]: question for question in all_questions(result.schema)}
    assert found["Anzahl"]["constraint"] == "(. <= 200)"
    assert found["Plz"]["constraint"] == "string-length(.) <= 5"
    assert found["Themen"]["constraint"] == "count-selected(.) <= 1"
    assert result.not_mapped == [
        "Gruppe „Betrieb“, Frage Zufr (Typ „F“): Das Frageattribut „array_filter“ (Themen) wurde nicht übernommen."
    ]


def test_a_reference_to_a_question_that_was_not_imported_is_dropped_and_listed() -> None:
    questions = (
        QUESTIONS
        + _question(10, "*", "Rechnung", "{count(Anzahl)}")
        + _question(11, "T", "Danach", "Wert {Rechnung}").replace(
            "<relevance>1</relevance>", "<relevance>Rechnung == 2</relevance>"
        )
    )
    result = parse_lss(_lss(questions, SUBQUESTIONS, ANSWERS))
    found = {question["name"]: question for question in all_questions(result.schema)}
    assert "Rechnung" not in found
    assert (found["Danach"]["relevant"], found["Danach"]["label"]) == ("", {"Deutsch (de)": "Wert …"})
    assert any("Danach" in warning and "Rechnung" in warning for warning in result.not_mapped)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE document [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<document><LimeSurveyDocType>Survey</LimeSurveyDocType><title>&lol4;</title></document>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<document><LimeSurveyDocType>Survey</LimeSurveyDocType><title>&secret;</title></document>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion laughs", "external entity"])
def test_an_xml_bomb_or_external_entity_is_refused_with_a_clear_message(data: bytes) -> None:
    with pytest.raises(XLSFormError) as refused:
        parse_lss(data)
    [error] = refused.value.errors
    assert error.message.startswith("Die Datei enthält eine Dokumenttyp-Deklaration oder XML-Entitäten.")


def test_a_file_beyond_the_caps_is_refused_before_the_work() -> None:
    too_many = _question(1, "S", "Q", "Q") * (MAX_LSS_QUESTIONS + 1)
    with pytest.raises(XLSFormError) as refused:
        parse_lss(_lss(too_many))
    assert refused.value.errors[0].message == "Die LimeSurvey-Datei enthält mehr als 20000 Fragen und Teilfragen."
    with pytest.raises(XLSFormError) as refused:
        parse_lss(_lss(_question(1, "S", "Q", "Q")) + b" " * (16 * 1024 * 1024))
    assert refused.value.errors[0].message.startswith("Die LimeSurvey-Datei ist größer als 16 MB")
    with pytest.raises(XLSFormError) as refused:
        parse_lss(_lss("<row><qid>1</qid></row>" * 100_001))
    assert refused.value.errors[0].message.startswith("Die LimeSurvey-Datei enthält mehr als 100000 Tabellenzeilen")
