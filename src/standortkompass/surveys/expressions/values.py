"""Values of XLSForm expressions and the conversions between them (XPath 1.0 ``boolean()``, ``number()``,
``string()``; dates as days since 1970-01-01)."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

EPOCH = dt.date(1970, 1, 1)

Value = str | int | float | bool | dt.date | list[str]
"""What an expression evaluates to; a list only ever comes from a multiple-choice answer."""


class ExpressionError(ValueError):
    """An expression that cannot be parsed or evaluated; ``position`` is the 0-based offset, if known."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


NUMBER = re.compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*", re.ASCII)
ISO_DATE = re.compile(r"\s*\d{4}-\d{2}-\d{2}\s*", re.ASCII)


def answer_value(value: object) -> Value:
    """An answer as stored by the answering engine, as an expression value (unanswered → ``''``)."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return integer_result(value)
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


def as_date(value: Value) -> dt.date | None:
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


def to_number(value: Value) -> int | float:
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
        return float(text) if "." in text or len(text) > 300 else integer_result(int(text))
    date = as_date(text)
    return (date - EPOCH).days if date else math.nan


def to_string(value: Value) -> str:
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


def integer_result(value: int) -> int | float:
    """Keep integer arithmetic in the range of XPath's doubles."""
    if abs(value) <= 2**53:
        return value
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf
