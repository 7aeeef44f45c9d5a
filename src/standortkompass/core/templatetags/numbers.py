"""Numbers in templates, formatted like the tables of the apps (``core/numbers.py``)."""

from __future__ import annotations

from django import template

from standortkompass.core.numbers import format_percent

register = template.Library()


@register.filter
def percent(value: float | None, decimals: int = 1) -> str:
    """``{{ rate|percent }}``: a value in percent as "17,8 %" (no-break space); – when there is none."""
    return "–" if value is None else format_percent(value, decimals)
