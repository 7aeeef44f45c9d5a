"""Template tags of the public strategy pages."""

from __future__ import annotations

from django import template
from django.http import HttpRequest
from django.template.context import Context

from standortkompass.strategy.selectors.public import published_for

register = template.Library()


@register.simple_tag(takes_context=True)
def strategy_is_public(context: Context) -> bool:
    """Whether a version of the strategy is published (for the main navigation; looked up once per request)."""
    request = context.get("request")
    if not isinstance(request, HttpRequest):
        return False
    return published_for(request) is not None
