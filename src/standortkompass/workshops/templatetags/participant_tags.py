"""Small helpers of the participant's templates."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

register = template.Library()


@register.simple_tag
def error_of(errors: Mapping[str, str] | None, *parts: object) -> str:
    """The message about the element whose id is ``parts`` joined by "-" (``{% error_of error_for "rating" 12 %}``),
    or ``""``."""
    return (errors or {}).get("-".join(str(part) for part in parts), "")


@register.simple_tag
def value_of(values: Mapping[str, str] | None, *parts: object) -> str:
    """What was sent in the field named by ``parts`` joined by "-", or ``""``."""
    return str((values or {}).get("-".join(str(part) for part in parts), ""))
