"""Template tags of the Standortanalyse."""

from __future__ import annotations

from django import template

from standortkompass.standortanalyse.selectors.scope import published_process

register = template.Library()


@register.simple_tag
def analysis_is_public() -> bool:
    """Whether the public site shows the Standortanalyse (for the main navigation)."""
    return published_process() is not None
