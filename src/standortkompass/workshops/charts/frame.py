"""The frame every workshop chart shares: colours, the projector's large type, labels, the figures as a table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from standortkompass.core.charts import label_limit, vega_lite_spec
from standortkompass.core.numbers import format_number
from standortkompass.workshops.models import PhaseKind

BAR_COLOUR = "#0072B2"
PAPER_COLOUR = "#8A4B00"  # dark orange: 3:1 beside the blue and against white
WHISKER_COLOUR = "#000000"
# Stakeholder groups, in the order of StakeholderGroup, then "no group": colours that keep 3:1 against white.
GROUP_COLOURS = ["#0072B2", "#B35900", "#00745A", "#A4457F", "#6B4FA3", "#5A5A5A", "#1A1A1A"]
# A chart label is cut here (the table holds the whole text).
LABEL_CHARACTERS = 60
# Points, Borda points and commitments are whole numbers: no "2,5" between the ticks.
WHOLE_NUMBERS = {"format": "d", "tickMinStep": 1}
POINT_KINDS = frozenset({PhaseKind.DOT_VOTE, PhaseKind.POINTS})
WRITING_KINDS = frozenset({PhaseKind.CHECK_IN, PhaseKind.COLLECT, PhaseKind.CANVAS, PhaseKind.CLUSTER})

Json = dict[str, Any]


@dataclass(frozen=True)
class Table:
    """A chart's figures: column headings (the first column heads the rows) and the rows as shown."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    id: str
    description: str
    spec_text: str  # the spec as JSON text; a page embeds it with {% chart_spec %}
    table: Table


# --- helpers ---------------------------------------------------------------------------------------------------


def short_label(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1].rstrip() + "…"


def group_name(key: str) -> str:
    from standortkompass.workshops.selectors.results import group_label

    return group_label(key)


def shown_number(value: float | None, decimals: int = 0) -> str:
    return "–" if value is None else format_number(value, decimals)


def type_sizes(large: bool) -> dict[str, Any]:
    """Type sizes and bar step: the projector's large ones or the site's."""
    if large:
        return {"label": 24, "title": 22, "step": 56, "text": 24, "legend": 22, "point": 400}
    return {"label": 12, "title": 12, "step": 28, "text": 12, "legend": 12, "point": 90}


def frame(description: str, *, large: bool) -> dict[str, Any]:
    sizes = type_sizes(large)
    spec = vega_lite_spec(
        description,
        axis={
            "labelFontSize": sizes["label"],
            "titleFontSize": sizes["title"],
            "labelLimit": label_limit(0.45, 640 if large else 320),
            "labelColor": "#000000",
            "titleColor": "#000000",
        },
        legend={"labelFontSize": sizes["legend"], "titleFontSize": sizes["legend"], "symbolSize": sizes["point"]},
    )
    return spec


def groups_of(result: Mapping[str, Any]) -> list[str]:
    return [str(group) for group in result.get("groups") or []]


def group_scale(groups: Sequence[str]) -> dict[str, Any]:
    labels = [group_name(group) for group in groups]
    return {"domain": labels, "range": GROUP_COLOURS[: len(labels)] or [BAR_COLOUR]}


def split_shown(phase_split: bool, result: Mapping[str, Any]) -> bool:
    """Split by stakeholder group: asked for, and the result has the groups."""
    return bool(phase_split and result.get("grouped") and groups_of(result))
