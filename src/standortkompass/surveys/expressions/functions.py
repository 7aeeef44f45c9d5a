"""The XPath functions that XLSForm expressions may call (``selected()``, ``if()``, ``regex()`` …)."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from decimal import Context as DecimalContext

from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.surveys.expressions.values import (
    ExpressionError,
    Value,
    as_date,
    integer_result,
    to_number,
    to_string,
    truthy,
)

MAX_PATTERN_LENGTH = 500


@dataclass(frozen=True)
class Context:
    """What an expression is evaluated against: the answers, ``.``, the choice of a filter, ``today()``."""

    answers: Mapping[str, object]
    current: Value
    choice: str
    today: dt.date | None
    choice_columns: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Function:
    """A function of the expression language: how many arguments it takes and what it computes."""

    minimum: int
    maximum: int | None  # None: any number
    apply: Callable[[list[Value], Context], Value]


def _choices(value: Value) -> list[str]:
    return value if isinstance(value, list) else to_string(value).split()


@functools.lru_cache(maxsize=256)
def compiled_pattern(pattern: str) -> re.Pattern[str]:
    if len(pattern) > MAX_PATTERN_LENGTH:
        message = _("The regular expression is longer than %(limit)d characters.")
        raise ExpressionError(message % {"limit": MAX_PATTERN_LENGTH})
    try:
        return re.compile(pattern)
    except re.error as error:
        message = _("The regular expression “%(pattern)s” is invalid: %(error)s")
        raise ExpressionError(message % {"pattern": pattern, "error": error}) from error


def _selected_at(value: Value, index: Value) -> str:
    choices, position = _choices(value), to_number(index)
    if math.isnan(position) or not 0 <= position < len(choices):
        return ""
    return choices[int(position)]


def _int(value: Value) -> int | float:
    number = to_number(value)
    return integer_result(math.trunc(number)) if math.isfinite(number) else number


def _round(value: Value, digits: Value = 0) -> int | float:
    number, places = to_number(value), to_number(digits)
    if not math.isfinite(number) or math.isnan(places):
        return number
    places = int(max(-400, min(400, places)))
    rounded = Decimal(repr(number)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP, DecimalContext(prec=1000))
    return integer_result(int(rounded)) if places <= 0 else float(rounded)


def _substr(value: Value, start: Value, end: Value | None = None) -> str:
    text = to_string(value)

    def clamp(bound: Value) -> int:
        number = to_number(bound)
        return 0 if math.isnan(number) else int(max(0, min(len(text), number)))

    return text[clamp(start) : len(text) if end is None else clamp(end)]


def _date(value: Value) -> dt.date | str:
    if isinstance(value, str) and not value.strip():
        return ""
    return as_date(value) or ""


def _extreme(pick: Callable[[list[int | float]], int | float], values: list[Value]) -> int | float:
    numbers = [to_number(value) for value in values]
    return math.nan if any(math.isnan(number) for number in numbers) else pick(numbers)


def _today(context: Context) -> dt.date:
    return context.today or timezone.localdate()


FUNCTIONS: dict[str, Function] = {
    "selected": Function(2, 2, lambda a, c: to_string(a[1]).strip() in _choices(a[0])),
    "count-selected": Function(1, 1, lambda a, c: len(_choices(a[0]))),
    "selected-at": Function(2, 2, lambda a, c: _selected_at(a[0], a[1])),
    "not": Function(1, 1, lambda a, c: not truthy(a[0])),
    "true": Function(0, 0, lambda a, c: True),
    "false": Function(0, 0, lambda a, c: False),
    "string-length": Function(0, 1, lambda a, c: len(to_string(a[0] if a else c.current))),
    "string": Function(0, 1, lambda a, c: to_string(a[0] if a else c.current)),
    "number": Function(0, 1, lambda a, c: to_number(a[0] if a else c.current)),
    "int": Function(1, 1, lambda a, c: _int(a[0])),
    "round": Function(1, 2, lambda a, c: _round(*a)),
    "concat": Function(0, None, lambda a, c: "".join(to_string(value) for value in a)),
    "contains": Function(2, 2, lambda a, c: to_string(a[1]) in to_string(a[0])),
    "starts-with": Function(2, 2, lambda a, c: to_string(a[0]).startswith(to_string(a[1]))),
    "ends-with": Function(2, 2, lambda a, c: to_string(a[0]).endswith(to_string(a[1]))),
    "substr": Function(2, 3, lambda a, c: _substr(*a)),
    "regex": Function(2, 2, lambda a, c: compiled_pattern(to_string(a[1])).search(to_string(a[0])) is not None),
    "if": Function(3, 3, lambda a, c: a[1] if truthy(a[0]) else a[2]),  # evaluated lazily in _evaluate
    "coalesce": Function(2, None, lambda a, c: next((v for v in a if truthy(to_string(v))), "")),
    "today": Function(0, 0, lambda a, c: _today(c)),
    "date": Function(1, 1, lambda a, c: _date(a[0])),
    "max": Function(1, None, lambda a, c: _extreme(max, a)),
    "min": Function(1, None, lambda a, c: _extreme(min, a)),
}
