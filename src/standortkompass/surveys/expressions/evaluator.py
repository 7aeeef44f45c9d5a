"""Evaluating XLSForm expressions on the server: the value of a parsed expression given the answers,
and what a page needs of it (``relevant``, ``required``, ``constraint``, ``calculation``, ``choice_filter``)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from standortkompass.surveys.expressions.functions import FUNCTIONS, Context
from standortkompass.surveys.expressions.parser import (
    Binary,
    Call,
    ChoiceName,
    Current,
    Literal,
    Negation,
    Node,
    Reference,
    parse,
)
from standortkompass.surveys.expressions.values import (
    ExpressionError,
    Value,
    answer_value,
    as_date,
    integer_result,
    to_number,
    to_string,
    truthy,
)

# Operators ------------------------------------------------------------------------------------


def _equal(left: Value, right: Value) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return truthy(left) == truthy(right)
    if isinstance(left, int | float) or isinstance(right, int | float):
        return to_number(left) == to_number(right)
    if isinstance(left, dt.date) or isinstance(right, dt.date):
        left_date, right_date = as_date(left), as_date(right)
        return left_date is not None and left_date == right_date
    return to_string(left) == to_string(right)


def _arithmetic(operator: str, left: int | float, right: int | float) -> int | float:
    if operator == "div":
        if right == 0:
            if left == 0 or math.isnan(left):
                return math.nan
            return math.copysign(math.inf, left) * math.copysign(1, right)
        return left / right
    if operator == "mod":
        if right == 0 or math.isinf(left) or math.isnan(left) or math.isnan(right):
            return math.nan
        if isinstance(left, int) and isinstance(right, int):
            remainder = abs(left) % abs(right)
            return remainder if left >= 0 else -remainder
        return math.fmod(left, right)
    result = left + right if operator == "+" else left - right if operator == "-" else left * right
    return integer_result(result) if isinstance(result, int) else result


def _compare(operator: str, left: Value, right: Value) -> bool:
    if operator == "=":
        return _equal(left, right)
    if operator == "!=":
        return not _equal(left, right)
    a, b = to_number(left), to_number(right)
    if operator == "<":
        return a < b
    if operator == "<=":
        return a <= b
    if operator == ">":
        return a > b
    return a >= b


# Evaluation -----------------------------------------------------------------------------------


def _evaluate(node: Node, context: Context) -> Value:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Reference):
        return answer_value(context.answers.get(node.name))
    if isinstance(node, Current):
        return context.current
    if isinstance(node, ChoiceName):
        if node.column == "name" and context.choice_columns is None:
            return context.choice
        if context.choice_columns is None or node.column not in context.choice_columns:
            message = _("Unknown name “%(name)s” at position %(position)d; refer to a question as ${name}.")
            raise ExpressionError(message % {"name": node.column, "position": node.position + 1}, node.position)
        return context.choice_columns[node.column]
    if isinstance(node, Negation):
        operand = to_number(_evaluate(node.operand, context))
        return integer_result(-operand) if isinstance(operand, int) else -operand
    if isinstance(node, Binary):
        left = _evaluate(node.left, context)
        if node.operator in {"and", "or"}:
            # "or" is decided by a true left side, "and" by a false one
            if truthy(left) == (node.operator == "or"):
                return truthy(left)
            return truthy(_evaluate(node.right, context))
        right = _evaluate(node.right, context)
        if node.operator in {"+", "-", "*", "div", "mod"}:
            return _arithmetic(node.operator, to_number(left), to_number(right))
        return _compare(node.operator, left, right)
    if node.function == "if":
        condition, then, otherwise = node.arguments
        return _evaluate(then if truthy(_evaluate(condition, context)) else otherwise, context)
    return FUNCTIONS[node.function].apply([_evaluate(argument, context) for argument in node.arguments], context)


def evaluate(
    expression: str,
    answers: Mapping[str, object],
    *,
    current: object = None,
    choice: str | None = None,
    today: dt.date | None = None,
    choice_columns: Mapping[str, str] | None = None,
) -> Value:
    """The value of ``expression`` given ``answers`` (question name → stored answer).

    ``current`` is the value of ``.`` (the question being validated), ``choice`` the bare ``name``
    in a choice filter, ``today`` the value of ``today()`` (default: today in the site's time zone).
    """
    context = Context(answers, answer_value(current), choice or "", today, choice_columns)
    return _evaluate(parse(expression), context)


def is_relevant(expression: str, answers: Mapping[str, object]) -> bool:
    """Whether a page or question with this ``relevant`` expression is shown; no expression: always."""
    return not expression.strip() or truthy(evaluate(expression, answers))


def is_required(required: bool | str, answers: Mapping[str, object]) -> bool:
    """XLSForm ``required``: yes/no (also ``true()``, ``1``, …) or an expression."""
    if isinstance(required, bool):
        return required
    text = required.strip()
    if text.lower() in {"", "no", "false", "false()", "0"}:
        return False
    return text.lower() in {"yes", "true", "true()", "1"} or truthy(evaluate(text, answers))


def satisfies_constraint(expression: str, answers: Mapping[str, object], current: object) -> bool:
    """Whether the answer ``current`` meets the ``constraint``; an empty answer or constraint always does."""
    if not expression.strip() or answer_value(current) in ("", []):
        return True
    return truthy(evaluate(expression, answers, current=current))


def calculate(expression: str, answers: Mapping[str, object]) -> object:
    """The value of a ``calculation``, ready to be stored as an answer.

    Dates become ISO strings and a result that is no finite number (an empty answer in arithmetic)
    becomes ``''``, unanswered, because JSON cannot store NaN.
    """
    if not expression.strip():
        return ""
    value = evaluate(expression, answers)
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def choice_visible(
    expression: str, answers: Mapping[str, object], choice_name: str, columns: Mapping[str, str] | None = None
) -> bool:
    """Whether the choice ``choice_name`` passes the ``choice_filter``; no filter: every choice does.

    ``columns`` are the choice's further columns of the choices sheet (e.g. ``{"region": "nord"}``);
    a bare word in the filter is the value of that column, ``name`` the choice's name.
    """
    if not expression.strip():
        return True
    choice_columns = {"name": choice_name, **(columns or {})}
    return truthy(evaluate(expression, answers, choice=choice_name, choice_columns=choice_columns))


def references(expression: str) -> set[str]:
    """The question names referred to as ``${name}``; for dependency analysis."""
    if not expression.strip():
        return set()
    found: set[str] = set()
    pending: list[Node] = [parse(expression)]
    while pending:
        node = pending.pop()
        if isinstance(node, Reference):
            found.add(node.name)
        elif isinstance(node, Negation):
            pending.append(node.operand)
        elif isinstance(node, Binary):
            pending.extend((node.left, node.right))
        elif isinstance(node, Call):
            pending.extend(node.arguments)
    return found


# The numbers a constraint allows --------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """Numbers from ``low`` to ``high``; an open end excludes its bound, an infinite end is unbounded."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def is_empty(self) -> bool:
        return self.low > self.high or (self.low == self.high and (self.low_open or self.high_open))


EVERY_NUMBER = (Interval(-math.inf, math.inf, low_open=True, high_open=True),)
MAX_INTERVALS = 64


def _mentions_current(node: Node) -> bool:
    if isinstance(node, Current):
        return True
    if isinstance(node, Negation):
        return _mentions_current(node.operand)
    if isinstance(node, Binary):
        return _mentions_current(node.left) or _mentions_current(node.right)
    if isinstance(node, Call):
        return any(_mentions_current(argument) for argument in node.arguments)
    return False


def _intersection(first: tuple[Interval, ...], second: tuple[Interval, ...]) -> tuple[Interval, ...]:
    found = []
    for a in first:
        for b in second:
            low, low_open = max((a.low, a.low_open), (b.low, b.low_open))
            high, high_open = min((a.high, not a.high_open), (b.high, not b.high_open))
            interval = Interval(low, high, low_open, not high_open)
            if not interval.is_empty():
                found.append(interval)
    return tuple(found)


def _bound(operator: str, bound: float) -> tuple[Interval, ...]:
    """The numbers ``x`` with ``x <operator> bound``."""
    if math.isnan(bound):
        return ()  # every comparison with NaN is false
    if operator == "=":
        return (Interval(bound, bound),)
    if operator in {"<", "<="}:
        return (Interval(-math.inf, bound, low_open=True, high_open=operator == "<"),)
    return (Interval(bound, math.inf, low_open=operator == ">", high_open=True),)


MIRRORED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "="}


def _allowed(node: Node, context: Context) -> tuple[Interval, ...] | None:
    if not _mentions_current(node):
        return EVERY_NUMBER if truthy(_evaluate(node, context)) else ()
    if isinstance(node, Binary) and node.operator in {"and", "or"}:
        left, right = _allowed(node.left, context), _allowed(node.right, context)
        if left is None or right is None:
            return None
        combined = _intersection(left, right) if node.operator == "and" else left + right
        return combined if len(combined) <= MAX_INTERVALS else None
    if isinstance(node, Binary) and node.operator in MIRRORED:
        if isinstance(node.left, Current) and not _mentions_current(node.right):
            return _bound(node.operator, to_number(_evaluate(node.right, context)))
        if isinstance(node.right, Current) and not _mentions_current(node.left):
            return _bound(MIRRORED[node.operator], to_number(_evaluate(node.left, context)))
    return None


def allowed_numbers(expression: str, answers: Mapping[str, object]) -> tuple[Interval, ...] | None:
    """The numbers ``.`` may be for the ``constraint`` to hold, given the earlier ``answers``.

    Known where the constraint compares ``.`` with numbers (``. >= 10 and . <= 49``), combined with
    ``and``/``or`` and with conditions on earlier answers (``selected(${klasse}, '10_49')``); the
    intervals are disjoint and sorted. ``None`` where ``.`` is used otherwise (``count-selected(.)``,
    ``. mod 5``, ``!=``): then the constraint names no range.
    """
    if not expression.strip():
        return EVERY_NUMBER
    allowed = _allowed(parse(expression), Context(answers, "", "", None, None))
    if allowed is None:
        return None
    merged: list[Interval] = []
    for interval in sorted(allowed, key=lambda item: (item.low, item.low_open)):
        last = merged[-1] if merged else None
        touching = last is not None and (
            interval.low < last.high or (interval.low == last.high and not (interval.low_open and last.high_open))
        )
        if last is not None and touching:
            high, high_open = max((last.high, not last.high_open), (interval.high, not interval.high_open))
            merged[-1] = Interval(last.low, high, last.low_open, not high_open)
        else:
            merged.append(interval)
    return tuple(merged)
