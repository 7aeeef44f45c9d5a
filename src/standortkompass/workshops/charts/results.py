"""What the results region shows for a phase: its charts, the card wall, commitments and headline figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from standortkompass.core.numbers import format_number
from standortkompass.workshops.charts.bars import (
    commitments_chart,
    pairwise_chart,
    points_chart,
    ranking_chart,
    rating_chart,
)
from standortkompass.workshops.charts.frame import POINT_KINDS, WRITING_KINDS, Chart, Json, split_shown
from standortkompass.workshops.charts.matrix import matrix_chart
from standortkompass.workshops.models import ItemKind, PhaseKind


@dataclass(frozen=True)
class ResultsView:
    """What the results region shows for a phase."""

    kind: str
    charts: tuple[Chart, ...] = ()
    # The card wall (writing and cluster phases): items as the result lists them, members nested.
    wall: tuple[Json, ...] = ()
    # Commitments per item (commitments phase): items with their ``commitments``.
    commitments: tuple[Json, ...] = ()
    # Headline figures ("12 cards, 3 of them from paper"), each a short sentence.
    figures: tuple[str, ...] = field(default_factory=tuple)


def phase_charts(
    kind: str, result: Mapping[str, Any], *, chart_id: str, split: bool = False, large: bool = False
) -> tuple[Chart, ...]:
    """The charts of a phase's result (none for phases without figures or without items)."""
    if not result.get("items"):
        return ()
    split = split and split_shown(True, result)
    if kind in POINT_KINDS:
        return (points_chart(result, chart_id=chart_id, split=split, large=large),)
    if kind == PhaseKind.RATING:
        return (rating_chart(result, chart_id=chart_id, split=split, large=large),)
    if kind == PhaseKind.MATRIX:
        return (matrix_chart(result, chart_id=chart_id, split=split, large=large),)
    if kind == PhaseKind.PAIRWISE:
        return (pairwise_chart(result, chart_id=chart_id, split=split, large=large),)
    if kind == PhaseKind.RANKING:
        return (ranking_chart(result, chart_id=chart_id, split=split, large=large),)
    if kind == PhaseKind.COMMITMENTS:
        return (commitments_chart(result, chart_id=chart_id, large=large),)
    return ()


def _figures(kind: str, result: Mapping[str, Any]) -> tuple[str, ...]:
    figures: list[str] = []
    if kind in WRITING_KINDS:
        cards = int(result.get("cards") or 0)
        paper = int(result.get("paper") or 0)
        figures.append(_("%(count)s cards") % {"count": format_number(cards)})
        if paper:
            figures.append(_("%(count)s of them from paper") % {"count": format_number(paper)})
        clusters = result.get("clusters")
        if clusters is not None:
            figures.append(_("%(count)s clusters") % {"count": format_number(len(clusters))})
    elif kind in POINT_KINDS:
        figures.append(_("%(count)s points given") % {"count": format_number(int(result.get("total") or 0))})
        if result.get("paper"):
            figures.append(_("%(count)s of them from paper") % {"count": format_number(int(result["paper"]))})
        figures.append(_("%(count)s voters") % {"count": format_number(int(result.get("voters") or 0))})
    elif kind in (PhaseKind.RATING, PhaseKind.MATRIX, PhaseKind.RANKING):
        figures.append(_("%(count)s voters") % {"count": format_number(int(result.get("voters") or 0))})
    elif kind == PhaseKind.PAIRWISE:
        figures.append(_("%(count)s comparisons") % {"count": format_number(int(result.get("comparisons") or 0))})
        figures.append(_("%(count)s voters") % {"count": format_number(int(result.get("voters") or 0))})
    elif kind == PhaseKind.COMMITMENTS:
        figures.append(_("%(count)s commitments") % {"count": format_number(int(result.get("count") or 0))})
    return tuple(figures)


def results_view(
    kind: str, result: Mapping[str, Any] | None, *, split: bool = False, large: bool = True
) -> ResultsView:
    """What the results region shows for a phase of ``kind`` with this result: its charts (with their tables),
    the card wall of writing and cluster phases, the commitments, and a few headline figures."""
    if not result:
        return ResultsView(kind=kind)
    items = tuple(result.get("items") or ())
    wall: tuple[Json, ...] = ()
    if kind in WRITING_KINDS or kind in (PhaseKind.INFORMATION, PhaseKind.SUMMARY):
        wall = tuple(item for item in items if item.get("kind") in (ItemKind.CARD, ItemKind.CLUSTER))
    return ResultsView(
        kind=kind,
        charts=phase_charts(kind, result, chart_id="werkstatt-ergebnis", split=split, large=large),
        wall=wall,
        commitments=tuple(item for item in items if item.get("commitments")) if kind == PhaseKind.COMMITMENTS else (),
        figures=_figures(kind, result),
    )
