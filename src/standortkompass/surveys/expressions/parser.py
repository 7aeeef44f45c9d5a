"""Parsing XLSForm expressions: a hand-written tokenizer and Pratt parser build a small syntax tree.

Length and nesting depth are limited, so a questionnaire cannot make the server work without bound.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.translation import gettext as _

from standortkompass.surveys.expressions.functions import FUNCTIONS, Function, compiled_pattern
from standortkompass.surveys.expressions.values import ExpressionError, as_date, to_number

MAX_LENGTH = 4000
MAX_DEPTH = 100


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
            return Literal(to_number(token.text), token.position)
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
                    compiled_pattern(str(literal.value))
                except ExpressionError as error:
                    error.position = literal.position
                    raise
            elif as_date(literal.value) is None:
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


def _check_arity(name: Token, function: Function, count: int) -> None:
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
