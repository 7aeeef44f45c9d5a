"""Server-side evaluation of XLSForm (ODK XPath) expressions: ``relevant``, ``constraint``,
``calculation``, ``choice_filter`` and ``required``.

A hand-written tokenizer and Pratt parser build a small tree that is evaluated directly; nothing
is passed to ``eval``. Length, nesting depth and regular expressions are limited, so a
questionnaire cannot make the server work without bound.

Values follow ODK's XPath 1.0 rules:

* ``${name}`` is the stored answer; an unanswered question (absent, ``None``, ``''``, ``[]``) is ``''``.
  ``.`` is the value of the question being checked, the bare ``name`` in a choice filter the
  choice's name. A multiple choice is a list; as a string it is its names joined by spaces.
* ``=`` and ``!=`` compare as booleans if one side is a boolean, as numbers if one side is a number,
  as dates if one side is a date, otherwise as strings (``${a} = 'x'``).
* ``<``, ``<=``, ``>``, ``>=`` and arithmetic convert both sides to numbers; a string that is no number
  (also ``''``) is NaN, and every comparison with NaN is false. Dates (and ``'YYYY-MM-DD'`` strings)
  count as days since 1970-01-01, as in JavaRosa, so dates compare as dates and their difference is in days.
* Division by zero gives ``Infinity``/``NaN`` and never raises.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _

MAX_LENGTH = 4000
MAX_DEPTH = 100
MAX_PATTERN_LENGTH = 500
EPOCH = dt.date(1970, 1, 1)

Value = str | int | float | bool | dt.date | list[str]
"""What an expression evaluates to; a list only ever comes from a multiple-choice answer."""


class ExpressionError(ValueError):
    """An expression that cannot be parsed or evaluated; ``position`` is the 0-based offset, if known."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


# Tree -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    value: str | int | float
    position: int
    depth: int = 1


@dataclass(frozen=True)
class Reference:
    name: str
    position: int
    depth: int = 1


@dataclass(frozen=True)
class Current:
    position: int
    depth: int = 1


@dataclass(frozen=True)
class ChoiceName:
    """A bare word in a choice filter: a column of the choices sheet (``name`` or e.g. ``region``)."""

    position: int
    column: str = "name"
    depth: int = 1


@dataclass(frozen=True)
class Negation:
    operand: Node
    position: int
    depth: int


@dataclass(frozen=True)
class Binary:
    operator: str
    left: Node
    right: Node
    position: int
    depth: int


@dataclass(frozen=True)
class Call:
    function: str
    arguments: tuple[Node, ...]
    position: int
    depth: int


Node = Literal | Reference | Current | ChoiceName | Negation | Binary | Call


# Tokenizer ------------------------------------------------------------------------------------


class Token(NamedTuple):
    kind: str  # number, string, reference, name, dot, operator, "(", ")", ",", end
    text: str
    position: int


TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<number>\d+(?:\.\d*)?|\.\d+)
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<reference>\$\{(?P<reference_name>[^}]*)\})
      | (?P<name>[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)
      | (?P<operator>!=|<=|>=|[=<>+*-])
      | (?P<punctuation>[(),.])""",
    re.VERBOSE | re.ASCII,
)
QUESTION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
WORD_OPERATORS = {"and", "or", "div", "mod"}
# binding power of the binary operators, from XPath 1.0's precedence; all associate to the left
BINDING = {"or": 1, "and": 2, "=": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4}
BINDING |= {"+": 5, "-": 5, "*": 6, "div": 6, "mod": 6}
NEGATION_BINDING = 7


def _tokens(expression: str) -> list[Token]:
    found: list[Token] = []
    position = 0
    while position < len(expression):
        match = TOKEN.match(expression, position)
        if match is None:
            character = expression[position]
            if character in "'\"":
                message = _("The text in quotes starting at position %(position)d is not closed.")
                raise ExpressionError(message % {"position": position + 1}, position)
            if expression.startswith("${", position):
                message = _("The reference “${” at position %(position)d is not closed with “}”.")
                raise ExpressionError(message % {"position": position + 1}, position)
            message = _("Unexpected character “%(character)s” at position %(position)d.")
            raise ExpressionError(message % {"character": character, "position": position + 1}, position)
        kind = match.lastgroup or ""
        if kind == "reference":
            name = match.group("reference_name")
            if not QUESTION_NAME.fullmatch(name):
                message = _("“${%(name)s}” at position %(position)d is not a valid question name.")
                raise ExpressionError(message % {"name": name, "position": position + 1}, position)
            found.append(Token("reference", name, position))
        elif kind == "punctuation":
            text = match.group()
            found.append(Token("dot" if text == "." else text, text, position))
        elif kind != "space":
            found.append(Token(kind, match.group(), position))
        position = match.end()
    found.append(Token("end", "", len(expression)))
    return found


# Parser ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Function:
    minimum: int
    maximum: int | None  # None: any number
    apply: Callable[[list[Value], _Context], Value]


class _Parser:
    def __init__(self, expression: str) -> None:
        self.tokens = _tokens(expression)
        self.index = 0
        self.nesting = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def unexpected(self) -> ExpressionError:
        token = self.token
        if token.kind == "end":
            message = _("The expression ends too early at position %(position)d.")
            return ExpressionError(message % {"position": token.position + 1}, token.position)
        message = _("Unexpected “%(token)s” at position %(position)d.")
        return ExpressionError(message % {"token": token.text, "position": token.position + 1}, token.position)

    def expect(self, kind: str) -> None:
        if self.token.kind != kind:
            raise self.unexpected()
        self.advance()

    def parse(self) -> Node:
        node = self.expression(0)
        if self.token.kind != "end":
            raise self.unexpected()
        return node

    def expression(self, minimum_binding: int) -> Node:
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise _too_deep()
        left = self.prefix()
        while True:
            token = self.token
            word = token.kind == "name" and token.text in WORD_OPERATORS
            operator = token.text if token.kind == "operator" or word else ""
            if not operator or BINDING[operator] <= minimum_binding:
                break
            self.advance()
            right = self.expression(BINDING[operator])
            left = Binary(operator, left, right, token.position, _depth(left, right))
        self.nesting -= 1
        return left

    def prefix(self) -> Node:
        token = self.advance()
        if token.kind == "number":
            return Literal(_number(token.text), token.position)
        if token.kind == "string":
            return Literal(token.text[1:-1], token.position)
        if token.kind == "reference":
            return Reference(token.text, token.position)
        if token.kind == "dot":
            return Current(token.position)
        if token.kind == "operator" and token.text == "-":
            operand = self.expression(NEGATION_BINDING)
            return Negation(operand, token.position, _depth(operand))
        if token.kind == "(":
            node = self.expression(0)
            self.expect(")")
            return node
        if token.kind == "name" and self.token.kind == "(":
            return self.call(token)
        if token.kind == "name" and token.text not in WORD_OPERATORS and ":" not in token.text:
            return ChoiceName(token.position, token.text)
        self.index -= 1
        if token.kind == "name" and token.text not in WORD_OPERATORS:
            message = _("Unknown name “%(name)s” at position %(position)d; refer to a question as ${name}.")
            raise ExpressionError(message % {"name": token.text, "position": token.position + 1}, token.position)
        raise self.unexpected()

    def call(self, name: Token) -> Call:
        function = FUNCTIONS.get(name.text)
        if function is None:
            message = _("Unknown function “%(name)s” at position %(position)d.")
            raise ExpressionError(message % {"name": name.text, "position": name.position + 1}, name.position)
        self.expect("(")
        arguments: list[Node] = []
        if self.token.kind != ")":
            arguments.append(self.expression(0))
            while self.token.kind == ",":
                self.advance()
                arguments.append(self.expression(0))
        self.expect(")")
        _check_arity(name, function, len(arguments))
        if name.text in {"regex", "date"} and isinstance(literal := arguments[-1], Literal):
            # a mistake in a fixed pattern or date shows when the form is checked, not when it is answered
            if name.text == "regex":
                try:
                    _pattern(str(literal.value))
                except ExpressionError as error:
                    error.position = literal.position
                    raise
            elif _as_date(literal.value) is None:
                message = _("“%(value)s” at position %(position)d is not a date of the form YYYY-MM-DD.")
                values = {"value": literal.value, "position": literal.position + 1}
                raise ExpressionError(message % values, literal.position)
        return Call(name.text, tuple(arguments), name.position, _depth(*arguments))


def _depth(*children: Node) -> int:
    depth = 1 + max((child.depth for child in children), default=0)
    if depth > MAX_DEPTH:
        raise _too_deep()
    return depth


def _too_deep() -> ExpressionError:
    message = _("The expression is nested too deeply (more than %(limit)d levels).")
    return ExpressionError(message % {"limit": MAX_DEPTH})


def _check_arity(name: Token, function: _Function, count: int) -> None:
    values = {"name": name.text, "position": name.position + 1, "count": count, "minimum": function.minimum}
    if function.maximum is None:
        if count < function.minimum:
            message = _(
                "Wrong number of arguments for “%(name)s” at position %(position)d: "
                "%(count)d given, at least %(minimum)d expected."
            )
            raise ExpressionError(message % values, name.position)
    elif function.minimum == function.maximum:
        if count != function.minimum:
            message = _(
                "Wrong number of arguments for “%(name)s” at position %(position)d: "
                "%(count)d given, %(minimum)d expected."
            )
            raise ExpressionError(message % values, name.position)
    elif not function.minimum <= count <= function.maximum:
        message = _(
            "Wrong number of arguments for “%(name)s” at position %(position)d: "
            "%(count)d given, %(minimum)d to %(maximum)d allowed."
        )
        raise ExpressionError(message % {**values, "maximum": function.maximum}, name.position)


@functools.lru_cache(maxsize=2048)
def parse(expression: str) -> Node:
    """The syntax tree of ``expression``; ``ExpressionError`` names the problem and its position."""
    if len(expression) > MAX_LENGTH:
        message = _("The expression is longer than %(limit)d characters.")
        raise ExpressionError(message % {"limit": MAX_LENGTH})
    if not expression.strip():
        raise ExpressionError(_("The expression is empty."), 0)
    return _Parser(expression).parse()


# Conversions ----------------------------------------------------------------------------------

NUMBER = re.compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*", re.ASCII)
ISO_DATE = re.compile(r"\s*\d{4}-\d{2}-\d{2}\s*", re.ASCII)


def _answer(value: object) -> Value:
    """An answer as stored by the answering engine, as an expression value (unanswered → ``''``)."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return _integer_result(value)
    if isinstance(value, str | bool | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, list | tuple):
        return [str(item) for item in value] if value else ""
    raise TypeError(f"cannot use an answer of type {type(value).__name__} in an expression")


def truthy(value: object) -> bool:
    """XPath ``boolean()``: empty text, empty list, ``None``, 0 and NaN are false; everything else is true."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return value == value and value != 0  # NaN != NaN
    if isinstance(value, str | list | tuple):
        return len(value) > 0
    return True


def _as_date(value: Value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        try:
            return EPOCH + dt.timedelta(days=math.floor(value))
        except OverflowError:
            return None
    return None


def _number(value: Value) -> int | float:
    """XPath ``number()``; dates and ISO date strings count days since 1970-01-01."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.date):
        return (value - EPOCH).days
    text = " ".join(value) if isinstance(value, list) else value
    if NUMBER.fullmatch(text):
        # long digit strings go through float: int() refuses more than 4300 digits
        return float(text) if "." in text or len(text) > 300 else _integer_result(int(text))
    date = _as_date(text)
    return (date - EPOCH).days if date else math.nan


def _string(value: Value) -> str:
    """XPath ``string()``: numbers without exponent or trailing ``.0``, ``true``/``false``, lists joined by spaces."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return str(int(value)) if value.is_integer() else format(Decimal(repr(value)), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(value)


def _integer_result(value: int) -> int | float:
    """Keep integer arithmetic in the range of XPath's doubles."""
    if abs(value) <= 2**53:
        return value
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


# Operators ------------------------------------------------------------------------------------


def _equal(left: Value, right: Value) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return truthy(left) == truthy(right)
    if isinstance(left, int | float) or isinstance(right, int | float):
        return _number(left) == _number(right)
    if isinstance(left, dt.date) or isinstance(right, dt.date):
        left_date, right_date = _as_date(left), _as_date(right)
        return left_date is not None and left_date == right_date
    return _string(left) == _string(right)


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
    return _integer_result(result) if isinstance(result, int) else result


def _compare(operator: str, left: Value, right: Value) -> bool:
    if operator == "=":
        return _equal(left, right)
    if operator == "!=":
        return not _equal(left, right)
    a, b = _number(left), _number(right)
    if operator == "<":
        return a < b
    if operator == "<=":
        return a <= b
    if operator == ">":
        return a > b
    return a >= b


# Evaluation -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    answers: Mapping[str, object]
    current: Value
    choice: str
    today: dt.date | None
    choice_columns: Mapping[str, str] | None = None


def _evaluate(node: Node, context: _Context) -> Value:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Reference):
        return _answer(context.answers.get(node.name))
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
        operand = _number(_evaluate(node.operand, context))
        return _integer_result(-operand) if isinstance(operand, int) else -operand
    if isinstance(node, Binary):
        left = _evaluate(node.left, context)
        if node.operator in {"and", "or"}:
            # "or" is decided by a true left side, "and" by a false one
            if truthy(left) == (node.operator == "or"):
                return truthy(left)
            return truthy(_evaluate(node.right, context))
        right = _evaluate(node.right, context)
        if node.operator in {"+", "-", "*", "div", "mod"}:
            return _arithmetic(node.operator, _number(left), _number(right))
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
    context = _Context(answers, _answer(current), choice or "", today, choice_columns)
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
    if not expression.strip() or _answer(current) in ("", []):
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


# Functions ------------------------------------------------------------------------------------


def _choices(value: Value) -> list[str]:
    return value if isinstance(value, list) else _string(value).split()


@functools.lru_cache(maxsize=256)
def _pattern(pattern: str) -> re.Pattern[str]:
    if len(pattern) > MAX_PATTERN_LENGTH:
        message = _("The regular expression is longer than %(limit)d characters.")
        raise ExpressionError(message % {"limit": MAX_PATTERN_LENGTH})
    try:
        return re.compile(pattern)
    except re.error as error:
        message = _("The regular expression “%(pattern)s” is invalid: %(error)s")
        raise ExpressionError(message % {"pattern": pattern, "error": error}) from error


def _selected_at(value: Value, index: Value) -> str:
    choices, position = _choices(value), _number(index)
    if math.isnan(position) or not 0 <= position < len(choices):
        return ""
    return choices[int(position)]


def _int(value: Value) -> int | float:
    number = _number(value)
    return _integer_result(math.trunc(number)) if math.isfinite(number) else number


def _round(value: Value, digits: Value = 0) -> int | float:
    number, places = _number(value), _number(digits)
    if not math.isfinite(number) or math.isnan(places):
        return number
    places = int(max(-400, min(400, places)))
    rounded = Decimal(repr(number)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP, Context(prec=1000))
    return _integer_result(int(rounded)) if places <= 0 else float(rounded)


def _substr(value: Value, start: Value, end: Value | None = None) -> str:
    text = _string(value)

    def clamp(bound: Value) -> int:
        number = _number(bound)
        return 0 if math.isnan(number) else int(max(0, min(len(text), number)))

    return text[clamp(start) : len(text) if end is None else clamp(end)]


def _date(value: Value) -> dt.date | str:
    if isinstance(value, str) and not value.strip():
        return ""
    return _as_date(value) or ""


def _extreme(pick: Callable[[list[int | float]], int | float], values: list[Value]) -> int | float:
    numbers = [_number(value) for value in values]
    return math.nan if any(math.isnan(number) for number in numbers) else pick(numbers)


def _today(context: _Context) -> dt.date:
    return context.today or timezone.localdate()


FUNCTIONS: dict[str, _Function] = {
    "selected": _Function(2, 2, lambda a, c: _string(a[1]).strip() in _choices(a[0])),
    "count-selected": _Function(1, 1, lambda a, c: len(_choices(a[0]))),
    "selected-at": _Function(2, 2, lambda a, c: _selected_at(a[0], a[1])),
    "not": _Function(1, 1, lambda a, c: not truthy(a[0])),
    "true": _Function(0, 0, lambda a, c: True),
    "false": _Function(0, 0, lambda a, c: False),
    "string-length": _Function(0, 1, lambda a, c: len(_string(a[0] if a else c.current))),
    "string": _Function(0, 1, lambda a, c: _string(a[0] if a else c.current)),
    "number": _Function(0, 1, lambda a, c: _number(a[0] if a else c.current)),
    "int": _Function(1, 1, lambda a, c: _int(a[0])),
    "round": _Function(1, 2, lambda a, c: _round(*a)),
    "concat": _Function(0, None, lambda a, c: "".join(_string(value) for value in a)),
    "contains": _Function(2, 2, lambda a, c: _string(a[1]) in _string(a[0])),
    "starts-with": _Function(2, 2, lambda a, c: _string(a[0]).startswith(_string(a[1]))),
    "ends-with": _Function(2, 2, lambda a, c: _string(a[0]).endswith(_string(a[1]))),
    "substr": _Function(2, 3, lambda a, c: _substr(*a)),
    "regex": _Function(2, 2, lambda a, c: _pattern(_string(a[1])).search(_string(a[0])) is not None),
    "if": _Function(3, 3, lambda a, c: a[1] if truthy(a[0]) else a[2]),  # evaluated lazily in _evaluate
    "coalesce": _Function(2, None, lambda a, c: next((v for v in a if truthy(_string(v))), "")),
    "today": _Function(0, 0, lambda a, c: _today(c)),
    "date": _Function(1, 1, lambda a, c: _date(a[0])),
    "max": _Function(1, None, lambda a, c: _extreme(max, a)),
    "min": _Function(1, None, lambda a, c: _extreme(min, a)),
}
