"""Small helpers for the respondent's question templates."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def described_by(block: Any) -> str:
    """The ids that describe an input: its hint, date format note and error, in reading order."""
    ids = []
    if block.hint:
        ids.append(f"id_{block.name}-hint")
    if block.kind == "date":
        ids.append(f"id_{block.name}-format")
    if block.error:
        ids.append(f"id_{block.name}-error")
    return " ".join(ids)
