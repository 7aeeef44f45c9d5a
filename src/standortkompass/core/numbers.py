"""Numbers as the pages show them: in the active language (German: decimal comma, thousands dot), rounded,
and a percent sign that never starts a line of its own.

Every table and text of the apps formats its figures here, so "17,8 %" reads the same everywhere: the
space before the sign is a no-break space (DIN 5008 sets a space; a line break there would leave "%"
alone), and so are the spaces of a range ("14,2 – 40,2 %").
"""

from __future__ import annotations

from django.utils.formats import number_format

NO_BREAK_SPACE = "\u00a0"


def format_number(value: float, decimals: int = 0) -> str:
    """``1234.56`` → ``"1.234,6"`` (one decimal, German); rounded first, as Django's ``number_format`` cuts."""
    return number_format(round(value, decimals), decimals, force_grouping=True)


def format_percent(value: float, decimals: int = 1) -> str:
    """A value in percent, ``17.83`` → ``"17,8 %"`` with a no-break space before the sign."""
    return f"{format_number(value, decimals)}{NO_BREAK_SPACE}%"


def format_percent_range(low: float, high: float, decimals: int = 1) -> str:
    """Two values in percent, ``(14.2, 40.2)`` → ``"14,2 – 40,2 %"``, kept on one line."""
    return f"{format_number(low, decimals)}{NO_BREAK_SPACE}–{NO_BREAK_SPACE}{format_percent(high, decimals)}"


def plain_spaces(text: str) -> str:
    """The text with ordinary spaces, for files read by spreadsheets (German Excel reads "17,8 %" as a number)."""
    return text.replace(NO_BREAK_SPACE, " ")
