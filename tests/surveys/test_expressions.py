"""Server-side evaluation of XLSForm expressions (relevant, constraint, calculation, choice_filter, required)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from standortkompass.surveys import expressions
from standortkompass.surveys.expressions import (
    MAX_DEPTH,
    MAX_LENGTH,
    ExpressionError,
    calculate,
    choice_visible,
    evaluate,
    is_relevant,
    is_required,
    parse,
    references,
    satisfies_constraint,
    truthy,
)
from standortkompass.surveys.xlsform import parse_xlsform

DEFAULT_QUESTIONNAIRE = (
    Path(expressions.__file__).parents[1] / "questionnaires" / "unternehmensbefragung_zukunftsstrategie.xlsx"
)
ANSWERS: dict[str, object] = {
    "text": "Bäckerei",
    "number_text": "5",
    "zero": 0,
    "seven": 7,
    "half": 0.5,
    "price": Decimal("2.50"),
    "one": "a",
    "many": ["a", "c"],
    "date": "2024-03-15",
    "date_object": dt.date(2024, 3, 15),
    "none": None,
    "blank": "",
    "no_choice": [],
}
TODAY = dt.date(2026, 11, 25)


def value(expression: str, current: object = None) -> object:
    return evaluate(expression, ANSWERS, current=current, today=TODAY)


def is_nan(number: object) -> bool:
    return isinstance(number, float) and math.isnan(number)


# Logic --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "conjunction", "disjunction"),
    [
        ("true()", "true()", True, True),
        ("true()", "false()", False, True),
        ("false()", "true()", False, True),
        ("false()", "false()", False, False),
    ],
)
def test_and_or_follow_the_truth_table(left: str, right: str, conjunction: bool, disjunction: bool) -> None:
    assert value(f"{left} and {right}") is conjunction
    assert value(f"{left} or {right}") is disjunction


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("not(true())", False),
        ("not(false())", True),
        ("not(${blank})", True),
        ("not(${text})", False),
        ("not(${zero})", True),
        ("not(${many})", False),
        ("not(${no_choice})", True),
        ("not(0 div 0)", True),
    ],
)
def test_not_negates_the_xpath_truth_value(expression: str, expected: bool) -> None:
    assert value(expression) is expected


def test_and_binds_tighter_than_or() -> None:
    assert value("true() or true() and false()") is True
    assert value("(true() or true()) and false()") is False


def test_or_does_not_evaluate_its_right_side_once_decided() -> None:
    # the right side would fail on the invalid pattern taken from the answers
    assert evaluate("true() or regex('x', ${pattern})", {"pattern": "["}) is True
    assert evaluate("false() and regex('x', ${pattern})", {"pattern": "["}) is False
    with pytest.raises(ExpressionError):
        evaluate("false() or regex('x', ${pattern})", {"pattern": "["})


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        (None, False),
        ("", False),
        ([], False),
        (0, False),
        (0.0, False),
        (math.nan, False),
        (Decimal(0), False),
        (False, False),
        ("0", True),
        ("false", True),
        (["a"], True),
        (-1, True),
        (math.inf, True),
        (dt.date(2024, 1, 1), True),
        (True, True),
    ],
)
def test_truthy_follows_xpath_boolean(candidate: object, expected: bool) -> None:
    assert truthy(candidate) is expected


# Comparisons --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("${text} = 'Bäckerei'", True),
        ("${text} != 'Bäckerei'", False),
        ("${one} = 'a'", True),
        ('${one} = "a"', True),
        ("${seven} = 7", True),
        ("${seven} = '7'", True),  # a number on one side: compared as numbers
        ("${seven} = '7.0'", True),
        ("${seven} = ' 7 '", True),
        ("${number_text} = 5", True),
        ("${number_text} = '5.0'", False),  # two strings: compared as strings, as in ODK
        ("${text} = 0", False),
        ("${text} != 0", True),
        ("${half} = 0.5", True),
        ("${price} = 2.5", True),
        ("${seven} > 5", True),
        ("${seven} >= 7", True),
        ("${seven} < 7", False),
        ("${seven} <= 7", True),
        ("${number_text} < 10", True),
        ("'10' > '9'", True),  # relational operators always compare numbers
        ("'b' > 'a'", False),  # … and text is no number
        ("true() = 1", True),
        ("true() = 'no'", True),  # a boolean on one side: compared as booleans
        ("false() = ''", True),
        ("${many} = 'a c'", True),  # a multiple choice as text is its names joined by spaces
        ("1 = 1 = true()", True),
    ],
)
def test_comparisons_follow_odk_rules(expression: str, expected: bool) -> None:
    assert value(expression) is expected


@pytest.mark.parametrize("name", ["none", "blank", "no_choice", "absent"])
@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("${%s} = ''", True),
        ("${%s} != ''", False),
        ("${%s} > 5", False),
        ("${%s} < 5", False),
        ("${%s} >= 0", False),
        ("${%s} = 0", False),
        ("${%s} != 0", True),
        ("string-length(${%s}) = 0", True),
        ("count-selected(${%s}) = 0", True),
        ("selected(${%s}, 'a')", False),
        ("${%s}", ""),
        ("${%s} + 1", math.nan),
    ],
)
def test_an_unanswered_question_is_the_empty_string(name: str, template: str, expected: object) -> None:
    result = value(template % name)
    assert is_nan(result) if is_nan(expected) else result == expected


def test_an_answered_zero_is_not_empty() -> None:
    assert value("${zero} != ''") is True
    assert value("${zero} = 0") is True


# Arithmetic ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("10 div 4", 2.5),
        ("12 div 3 div 2", 2.0),
        ("7 mod 3", 1),
        ("-7 mod 3", -1),
        ("7 mod -3", 1),
        ("7.5 mod 2", 1.5),
        ("-${seven}", -7),
        ("- -3", 3),
        ("2 * -3", -6),
        ("${seven} * ${half}", 3.5),
        ("${number_text} + 1", 6),
        ("${price} * 2", 5.0),
        ("true() + true()", 2),
        (".5 + .25", 0.75),
    ],
)
def test_arithmetic(expression: str, expected: object) -> None:
    result = value(expression)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("1 div 0", math.inf),
        ("-1 div 0", -math.inf),
        ("${seven} div ${zero}", math.inf),
        ("0 div 0", math.nan),
        ("5 mod 0", math.nan),
        ("(1 div 0) - (1 div 0)", math.nan),
    ],
)
def test_division_by_zero_gives_infinity_or_nan(expression: str, expected: float) -> None:
    result = value(expression)
    assert is_nan(result) if math.isnan(expected) else result == expected


@pytest.mark.parametrize("operator", ["=", "<", "<=", ">", ">="])
def test_every_comparison_with_nan_is_false(operator: str) -> None:
    assert value(f"0 div 0 {operator} 0 div 0") is False
    assert value(f"0 div 0 {operator} 1") is False
    assert value("0 div 0 != 0 div 0") is True


def test_huge_integers_become_floats_instead_of_growing_without_bound() -> None:
    assert value(" * ".join(["1000000000"] * 40)) == math.inf
    assert value("round(" + "9" * 3000 + ", 2)") == math.inf


# Functions ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("selected(${many}, 'a')", True),
        ("selected(${many}, 'c')", True),
        ("selected(${many}, 'b')", False),
        ("selected(${one}, 'a')", True),
        ("selected(${one}, 'b')", False),
        ("selected('a b', 'b')", True),  # a multiple choice stored as text, space-separated
        ("count-selected(${many})", 2),
        ("count-selected(${one})", 1),
        ("count-selected(' a  b c ')", 3),
        ("selected-at(${many}, 0)", "a"),
        ("selected-at(${many}, 1)", "c"),
        ("selected-at(${many}, 2)", ""),
        ("selected-at(${many}, -1)", ""),
    ],
)
def test_selection_functions_work_on_lists_and_strings(expression: str, expected: object) -> None:
    assert value(expression) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("string-length(${text})", 8),
        ("string-length('')", 0),
        ("string(12)", "12"),
        ("string(2.50)", "2.5"),
        ("string(1 div 4)", "0.25"),
        ("string(0.0000001)", "0.0000001"),
        ("string(1 div 0)", "Infinity"),
        ("string(-1 div 0)", "-Infinity"),
        ("string(0 div 0)", "NaN"),
        ("string(true())", "true"),
        ("string(${many})", "a c"),
        ("string(${date_object})", "2024-03-15"),
        ("number('  12 ')", 12),
        ("number('-1.5')", -1.5),
        ("number(false())", 0),
        ("int(3.7)", 3),
        ("int(-3.7)", -3),
        ("int('12.9')", 12),
        ("round(2.5)", 3),
        ("round(-2.5)", -3),
        ("round(2.4)", 2),
        ("round(3.14159, 2)", 3.14),
        ("round(2.675, 2)", 2.68),  # half up on the decimal text, as JavaRosa
        ("round(1234, -2)", 1200),
        ("concat('a', 1, 2.5, true(), ${many})", "a12.5truea c"),
        ("concat()", ""),
        ("contains(${text}, 'cker')", True),
        ("contains(${text}, 'x')", False),
        ("starts-with(${text}, 'Bä')", True),
        ("ends-with(${text}, 'rei')", True),
        ("ends-with(${text}, 'Bä')", False),
        ("substr('abcdef', 1, 3)", "bc"),
        ("substr('abcdef', 2)", "cdef"),
        ("substr('abcdef', -5, 100)", "abcdef"),
        ("if(${seven} > 5, 'gross', 'klein')", "gross"),
        ("if(${blank}, 'gross', 'klein')", "klein"),
        ("coalesce(${blank}, ${text})", "Bäckerei"),
        ("coalesce(${seven}, 'x')", 7),
        ("coalesce(${none}, ${no_choice})", ""),
        ("max(1, ${seven}, 3)", 7),
        ("min(4, ${half}, 3)", 0.5),
        ("max(1, ${blank})", math.nan),
        ("today()", TODAY),
        ("date('2024-01-31')", dt.date(2024, 1, 31)),
        ("date(0)", dt.date(1970, 1, 1)),
        ("date(${blank})", ""),
    ],
)
def test_functions(expression: str, expected: object) -> None:
    result = value(expression)
    assert is_nan(result) if is_nan(expected) else result == expected


def test_string_length_and_number_without_argument_use_the_current_value() -> None:
    assert value("string-length() <= 5", current="abc") is True
    assert value("number() + 1", current="41") == 42


@pytest.mark.parametrize(
    ("text", "pattern", "expected"),
    [
        ("12345", "^[0-9]{5}$", True),
        ("1234", "^[0-9]{5}$", False),
        ("PLZ 74072 Heilbronn", "[0-9]{5}", True),  # the pattern may match anywhere, as in ODK
        ("info@example.org", "^[^@ ]+@[^@ ]+\\.[a-z]+$", True),
        ("kein Mail", "@", False),
    ],
)
def test_regex_matches_anywhere_in_the_value(text: str, pattern: str, expected: bool) -> None:
    assert evaluate(f"regex(${{t}}, '{pattern}')", {"t": text}) is expected


def test_a_bad_fixed_regex_pattern_is_found_when_parsing() -> None:
    with pytest.raises(ExpressionError, match=r"\(") as error:
        parse("regex(., '(unclosed')")
    assert error.value.position == 9


def test_a_bad_regex_pattern_from_an_answer_is_an_expression_error() -> None:
    with pytest.raises(ExpressionError):
        evaluate("regex('x', ${p})", {"p": "a)"})


def test_a_regex_pattern_longer_than_500_characters_is_refused() -> None:
    with pytest.raises(ExpressionError, match="500"):
        parse("regex(., '" + "a" * 501 + "')")
    assert parse("regex(., '" + "a" * 500 + "')")


# Dates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("${date} < today()", True),
        ("${date} > today()", False),
        ("${date_object} < today()", True),
        ("${date} = date('2024-03-15')", True),
        ("${date_object} = date('2024-03-15')", True),
        ("${date_object} = '2024-03-15'", True),
        ("${date_object} != '2024-03-16'", True),
        ("${date} >= '2024-03-15'", True),
        ("${date} > '2024-03-15'", False),
        ("${date} < '2024-12-01'", True),
        ("${date_object} = 'gestern'", False),
        ("today() - ${date}", 985),
        ("date('2024-03-01') - date('2024-02-01')", 29),  # leap year
        ("date(${date}) + 1 = date('2024-03-16')", True),
        ("${date} < ${blank}", False),
    ],
)
def test_dates_compare_as_dates_and_subtract_to_days(expression: str, expected: object) -> None:
    assert value(expression) == expected


def test_today_defaults_to_the_date_in_the_site_time_zone() -> None:
    assert evaluate("today()", {}) == timezone.localdate()


# The public helpers -------------------------------------------------------------------------------

WORKSHOP = "selected(${ws_teilnahme}, 'ja') or selected(${ws_teilnahme}, 'vielleicht')"


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"ws_teilnahme": "ja"}, True),
        ({"ws_teilnahme": "vielleicht"}, True),
        ({"ws_teilnahme": "nein"}, False),
        ({"ws_teilnahme": None}, False),
        ({}, False),
    ],
)
def test_is_relevant_evaluates_the_relevant_expression(answers: dict[str, object], expected: bool) -> None:
    assert is_relevant(WORKSHOP, answers) is expected


def test_is_relevant_without_expression_is_true() -> None:
    assert is_relevant("", {}) is True
    assert is_relevant("  ", {}) is True


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (0, True),
        (100000, True),
        (100001, False),
        (-1, False),
        (None, True),  # not answered: the constraint is not checked
        ("", True),
    ],
)
def test_satisfies_constraint_checks_the_current_value(current: object, expected: bool) -> None:
    assert satisfies_constraint(". >= 0 and . <= 100000", {}, current) is expected


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (["keine"], True),
        (["a", "b"], True),
        (["keine", "a"], False),
        ([], True),
    ],
)
def test_satisfies_constraint_on_a_multiple_choice(current: list[str], expected: bool) -> None:
    assert satisfies_constraint("not(selected(., 'keine') and count-selected(.) > 1)", {}, current) is expected


def test_satisfies_constraint_without_expression_is_true() -> None:
    assert satisfies_constraint("", {}, 5) is True


def test_satisfies_constraint_may_refer_to_other_answers() -> None:
    constraint = ". <= ${beschaeftigte}"
    assert satisfies_constraint(constraint, {"beschaeftigte": 10}, 10) is True
    assert satisfies_constraint(constraint, {"beschaeftigte": 10}, 11) is False
    assert satisfies_constraint(constraint, {}, 11) is False


@pytest.mark.parametrize(
    ("choice", "expected"),
    [("nord", True), ("sued", False), ("west", True)],
)
def test_choice_visible_compares_the_bare_name_with_the_choice(choice: str, expected: bool) -> None:
    assert choice_visible("name != 'sued' or ${alle} = 'ja'", {"alle": "nein"}, choice) is expected
    assert choice_visible("name != 'sued' or ${alle} = 'ja'", {"alle": "ja"}, choice) is True


def test_choice_visible_can_exclude_what_was_chosen_before() -> None:
    answers = {"erste_wahl": ["b"]}
    visible = [name for name in "abc" if choice_visible("not(selected(${erste_wahl}, name))", answers, name)]
    assert visible == ["a", "c"]
    assert choice_visible("", answers, "b") is True


@pytest.mark.parametrize(
    ("expression", "answers", "expected"),
    [
        ("if(selected(${k}, '5_10') or selected(${k}, 'ueber_10'), 1, 0)", {"k": "5_10"}, 1),
        ("if(selected(${k}, '5_10') or selected(${k}, 'ueber_10'), 1, 0)", {"k": "unter_1"}, 0),
        ("${a} + ${b}", {"a": 2, "b": 3.5}, 5.5),
        ("${a} * 2", {}, ""),  # NaN is stored as unanswered
        ("1 div 0", {}, ""),
        ("date('2024-01-01') + 31", {}, 19754),
        ("date(date('2024-01-01') + 31)", {}, "2024-02-01"),
        ("concat(${a}, '-', ${b})", {"a": "x", "b": 1}, "x-1"),
        ("", {}, ""),
    ],
)
def test_calculate_returns_a_storable_value(expression: str, answers: dict[str, object], expected: object) -> None:
    assert calculate(expression, answers) == expected


@pytest.mark.parametrize(
    ("required", "answers", "expected"),
    [
        (True, {}, True),
        (False, {}, False),
        ("yes", {}, True),
        ("true()", {}, True),
        ("", {}, False),
        ("no", {}, False),
        ("${n} > 5", {"n": 6}, True),
        ("${n} > 5", {"n": 5}, False),
    ],
)
def test_is_required_takes_yes_no_or_an_expression(
    required: bool | str, answers: dict[str, object], expected: bool
) -> None:
    assert is_required(required, answers) is expected


def test_references_lists_the_referred_question_names() -> None:
    assert references(WORKSHOP) == {"ws_teilnahme"}
    assert references("if(${a} > -${b}, concat(${c}, name), .)") == {"a", "b", "c"}
    assert references("") == set()


def test_parse_caches_the_tree() -> None:
    assert parse("${a} + 1") is parse("${a} + 1")


def test_answers_of_an_unknown_type_are_a_programming_error() -> None:
    with pytest.raises(TypeError):
        evaluate("${x}", {"x": object()})


# Errors -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "position"),
    [
        ("1 +", 3),
        ("(1 + 2", 6),
        ("1 2", 2),
        ("${a} = = 1", 7),
        ("selected(${a}, 'x'", 18),
        ("selected(${a} 'x')", 14),
        ("${a} = 'x", 7),
        ('${a} = "x', 7),
        ("${a = 1", 0),
        ("${a b} = 1", 0),
        ("${a} & 1", 5),
        ("/data/a = 1", 0),
        ("..", 1),
        ("1 and", 5),
        ("or 1", 0),
        (")", 0),
        ("${a} = 1e5", 8),
        ("date('2024-02-30')", 5),
    ],
)
def test_syntax_errors_name_the_position(expression: str, position: int) -> None:
    with pytest.raises(ExpressionError, match=rf"(?i)position {position + 1}\b") as error:
        parse(expression)
    assert error.value.position == position


def test_an_unknown_function_is_named_when_parsing() -> None:
    with pytest.raises(ExpressionError, match="format-date") as error:
        parse("${a} = 1 and format-date(today(), '%Y')")
    assert error.value.position == 13


@pytest.mark.parametrize(
    "expression",
    ["not()", "not(1, 2)", "selected(${a})", "today(1)", "substr('a')", "round(1, 2, 3)", "coalesce('a')", "max()"],
)
def test_a_wrong_number_of_arguments_is_refused(expression: str) -> None:
    with pytest.raises(ExpressionError, match=r"(?i)argument"):
        parse(expression)


@pytest.mark.parametrize(
    "expression",
    [
        "(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1),
        "not(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1),
        "-" * (MAX_DEPTH + 1) + "1",
        " + ".join(["1"] * (MAX_DEPTH + 2)),
    ],
)
def test_too_deep_nesting_is_refused(expression: str) -> None:
    with pytest.raises(ExpressionError, match=str(MAX_DEPTH)):
        parse(expression)


def test_nesting_up_to_the_limit_is_fine() -> None:
    assert evaluate("(" * 50 + "1" + ")" * 50, {}) == 1
    assert evaluate(" + ".join(["1"] * 50), {}) == 50


def test_a_too_long_expression_is_refused() -> None:
    with pytest.raises(ExpressionError, match=str(MAX_LENGTH)):
        parse("1" + " " * MAX_LENGTH)


def test_an_empty_expression_cannot_be_parsed() -> None:
    with pytest.raises(ExpressionError):
        parse("   ")


# Properties ---------------------------------------------------------------------------------------

answers_values = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.lists(st.sampled_from(["a", "b", "c", "keine"]), max_size=4, unique=True),
    st.dates(),
)


@given(st.integers(-(10**15), 10**15), st.integers(-(10**15), 10**15))
def test_adding_and_subtracting_the_same_integer_gives_the_first(a: int, b: int) -> None:
    assert evaluate("${a} + ${b} - ${b} = ${a}", {"a": a, "b": b}) is True


@given(answers_values)
def test_double_negation_is_the_truth_value(answer: object) -> None:
    assert evaluate("not(not(${x}))", {"x": answer}) is truthy(answer)


@given(st.text(alphabet=st.sampled_from(list("${}()'\". ,=!<>+-*/abdimnorstv0123456789_")), max_size=60))
def test_parsing_any_text_either_succeeds_or_raises_expression_error(text: str) -> None:
    with contextlib.suppress(ExpressionError):
        parse(text)


def expression_trees() -> st.SearchStrategy[str]:
    leaves = st.one_of(
        st.integers(0, 1000).map(str),
        st.sampled_from(["'a'", "''", "${x}", "${y}", ".", "name", "0.5", "today()", "'2024-01-01'", "date(${x})"]),
    )

    def extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        operators = ["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod"]
        functions = ["not", "string-length", "string", "number", "int", "round", "count-selected"]
        return st.one_of(
            st.tuples(children, st.sampled_from(operators), children).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(st.sampled_from(functions), children).map(lambda t: f"{t[0]}({t[1]})"),
            st.tuples(children, children).map(lambda t: f"selected({t[0]}, {t[1]})"),
            st.tuples(children, children, children).map(lambda t: f"if({t[0]}, {t[1]}, {t[2]})"),
            st.tuples(children, children, children).map(lambda t: f"substr({t[0]}, {t[1]}, {t[2]})"),
            st.tuples(children, children).map(lambda t: f"coalesce({t[0]}, {t[1]})"),
            st.tuples(children, children).map(lambda t: f"max({t[0]}, {t[1]})"),
            children.map(lambda child: f"-{child}"),
        )

    return st.recursive(leaves, extend, max_leaves=12)


@given(expression_trees(), answers_values, answers_values, answers_values)
def test_any_well_formed_expression_evaluates_without_crashing(
    expression: str, x: object, y: object, current: object
) -> None:
    result = evaluate(expression, {"x": x, "y": y}, current=current, choice="a", today=TODAY)
    assert isinstance(result, str | int | float | bool | dt.date | list)
    json.dumps(calculate(expression, {"x": x, "y": y}), allow_nan=False)  # storable in a JSON field


# The default questionnaire ------------------------------------------------------------------------


def test_every_expression_of_the_default_questionnaire_parses() -> None:
    schema = parse_xlsform(DEFAULT_QUESTIONNAIRE.read_bytes(), DEFAULT_QUESTIONNAIRE.name)
    names = set()
    found = []
    for page in schema["pages"]:
        names.add(page["name"])
        if page["relevant"]:
            found.append(page["relevant"])
        for question in page["questions"]:
            for item in [question, *question["items"]]:
                names.add(item["name"])
                columns = (item["relevant"], item["constraint"], item["calculation"], item["choice_filter"])
                found.extend(expression for expression in columns if expression)
    assert len(found) >= 20
    for expression in found:
        parse(expression)
        assert references(expression) <= names, expression


def test_the_company_size_constraint_of_the_default_questionnaire() -> None:
    schema = parse_xlsform(DEFAULT_QUESTIONNAIRE.read_bytes(), DEFAULT_QUESTIONNAIRE.name)
    constraint = next(
        question["constraint"]
        for page in schema["pages"]
        for question in page["questions"]
        if "${groessenklasse}" in question["constraint"]
    )
    assert satisfies_constraint(constraint, {"groessenklasse": "10_49"}, 12) is True
    assert satisfies_constraint(constraint, {"groessenklasse": "10_49"}, 9) is False
    assert satisfies_constraint(constraint, {"groessenklasse": "250_plus"}, 4000) is True
    assert satisfies_constraint(constraint, {"groessenklasse": "0_9"}, 10) is False


def test_a_bare_word_outside_a_choice_filter_is_refused_when_evaluated() -> None:
    with pytest.raises(ExpressionError, match=r"(?i)position 1\b"):
        evaluate("bare = 1", {})


def test_a_choice_filter_compares_further_columns_of_the_choices_sheet() -> None:
    columns_a, columns_b = {"groesse": "klein"}, {"groesse": "gross"}
    assert choice_visible("groesse = ${groesse}", {"groesse": "klein"}, "a", columns_a)
    assert not choice_visible("groesse = ${groesse}", {"groesse": "klein"}, "b", columns_b)
    assert choice_visible("name != 'b' and groesse = 'gross'", {}, "c", {"groesse": "gross"})


# The numbers a constraint allows ----------------------------------------------------------------


def test_the_numbers_a_constraint_allows_depend_on_the_earlier_answers() -> None:
    schema = parse_xlsform(DEFAULT_QUESTIONNAIRE.read_bytes(), DEFAULT_QUESTIONNAIRE.name)
    constraint = next(
        question["constraint"]
        for page in schema["pages"]
        for question in page["questions"]
        if "${groessenklasse}" in question["constraint"]
    )
    assert expressions.allowed_numbers(constraint, {"groessenklasse": "0_9"}) == (expressions.Interval(0, 9),)
    assert expressions.allowed_numbers(constraint, {"groessenklasse": "250_plus"}) == (
        expressions.Interval(250, 500000),
    )
    assert expressions.allowed_numbers(constraint, {}) == ()


def test_open_bounds_mirrored_comparisons_and_unions_are_kept_apart() -> None:
    interval = expressions.Interval
    assert expressions.allowed_numbers(". > 0 and . <= 10", {}) == (interval(0, 10, low_open=True),)
    assert expressions.allowed_numbers("${x} + 1 >= .", {"x": 4}) == (interval(-math.inf, 5, low_open=True),)
    assert expressions.allowed_numbers(". < 3 or . = 4 or . >= 3.5 and . <= 5", {}) == (
        interval(-math.inf, 3, low_open=True, high_open=True),
        interval(3.5, 5),
    )
    assert expressions.allowed_numbers(". <= 3 or . >= 2 and . <= 8", {}) == (interval(-math.inf, 8, low_open=True),)
    assert expressions.allowed_numbers(". < 1 and . > 2", {}) == ()


@pytest.mark.parametrize("constraint", ["count-selected(.) <= 3", ". != 3", ". mod 5 = 0", "regex(., '^[0-9]+$')"])
def test_a_constraint_that_uses_the_answer_otherwise_names_no_range(constraint: str) -> None:
    assert expressions.allowed_numbers(constraint, {}) is None
