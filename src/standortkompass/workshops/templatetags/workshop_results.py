"""``{% phase_results_view phase result as view %}``: what the results region shows for a phase (its charts with
their tables, the card wall, the commitments, headline figures; ``workshops.charts.results_view``).

The projector's results fragment is rendered with the plain context of ``selectors.state.projector_context``
(also by the WebSocket consumer, without a request); this tag turns its ``phase`` and ``result`` into charts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from standortkompass.workshops.charts import ResultsView, results_view
from standortkompass.workshops.models import SessionPhase

register = template.Library()


@register.simple_tag
def phase_results_view(phase: SessionPhase | None, result: Mapping[str, Any] | None, large: bool = True) -> ResultsView:
    if phase is None:
        return ResultsView(kind="")
    return results_view(phase.kind, result, split=phase.split_by_group, large=large)


@register.filter
def group_name(key: str) -> str:
    """A stakeholder group's name from its key ("" → "No stakeholder group given")."""
    from standortkompass.workshops.selectors.results import group_label

    return group_label(str(key or ""))


@register.filter
def canvas_label(key: str) -> str:
    """A project canvas field's name ("goal" → "Goal")."""
    from standortkompass.workshops.services.phases import CANVAS_FIELDS

    return str(CANVAS_FIELDS.get(str(key), key))
