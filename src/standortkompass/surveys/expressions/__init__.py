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

The package: ``values`` (what an expression evaluates to and the conversions between kinds),
``parser`` (tokenizer and parser to a syntax tree), ``functions`` (the XPath functions) and
``evaluator`` (evaluating a tree; the entry points below).
"""

from standortkompass.surveys.expressions.evaluator import (
    Interval,
    allowed_numbers,
    calculate,
    choice_visible,
    evaluate,
    is_relevant,
    is_required,
    references,
    satisfies_constraint,
)
from standortkompass.surveys.expressions.parser import MAX_DEPTH, MAX_LENGTH, Node, parse
from standortkompass.surveys.expressions.values import ExpressionError, Value, truthy

__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "ExpressionError",
    "Interval",
    "Node",
    "Value",
    "allowed_numbers",
    "calculate",
    "choice_visible",
    "evaluate",
    "is_relevant",
    "is_required",
    "parse",
    "references",
    "satisfies_constraint",
    "truthy",
]
