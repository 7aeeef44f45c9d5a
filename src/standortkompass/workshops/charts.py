"""Charts of live-workshop results as Vega-Lite specs on the site's chart kit (``core.charts``).

Built from a phase's result as ``selectors.results.phase_result`` (or a closed phase's snapshot) gives it:

- **vote bars** (dot vote, 100 points: totals, paper counts drawn apart; rating: means with ± one standard
  deviation; ranking: Borda points; commitments: how many signed up), split into stakeholder groups on demand;
- the **matrix** scatter: each item at its mean on both criteria, with ± one standard deviation on each axis as
  error bars (the spread of the room's judgements);
- **pairwise weights**: each item's share of the comparison points, in percent.

Each chart carries its figures as rows (``Chart.table``): the text alternative beside it, and what a page shows
without JavaScript. ``large=True`` sets the type sizes for the projector (read from the back of a room);
the documentation page uses the site's sizes. :func:`results_view` bundles what the projector's results fragment
shows for a phase.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from standortkompass.core.charts import label_limit, spec_json, vega_lite_spec
from standortkompass.core.numbers import format_number, format_percent
from standortkompass.workshops.models import ItemKind, PhaseKind

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


# --- helpers ---------------------------------------------------------------------------------------------------


def _label(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1].rstrip() + "…"


def _group_label(key: str) -> str:
    from standortkompass.workshops.selectors.results import group_label

    return group_label(key)


def _number(value: float | None, decimals: int = 0) -> str:
    return "–" if value is None else format_number(value, decimals)


def _sizes(large: bool) -> dict[str, Any]:
    """Type sizes and bar step: the projector's large ones or the site's."""
    if large:
        return {"label": 24, "title": 22, "step": 56, "text": 24, "legend": 22, "point": 400}
    return {"label": 12, "title": 12, "step": 28, "text": 12, "legend": 12, "point": 90}


def _frame(description: str, *, large: bool) -> dict[str, Any]:
    sizes = _sizes(large)
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


def _groups_of(result: Mapping[str, Any]) -> list[str]:
    return [str(group) for group in result.get("groups") or []]


def _group_scale(groups: Sequence[str]) -> dict[str, Any]:
    labels = [_group_label(group) for group in groups]
    return {"domain": labels, "range": GROUP_COLOURS[: len(labels)] or [BAR_COLOUR]}


def split_shown(phase_split: bool, result: Mapping[str, Any]) -> bool:
    """Split by stakeholder group: asked for, and the result has the groups."""
    return bool(phase_split and result.get("grouped") and _groups_of(result))


# --- vote bars -------------------------------------------------------------------------------------------------


def points_chart(result: Mapping[str, Any], *, chart_id: str, split: bool = False, large: bool = False) -> Chart:
    """Horizontal bars of the points per item, highest first; paper counts stacked apart (marked "Paper"), or the
    points of each stakeholder group stacked."""
    items = list(result.get("items") or [])
    sizes = _sizes(large)
    order = [_label(item["text"]) for item in items]
    online_label, paper_label = _("Online"), _("Paper")
    values: list[Json] = []
    if split:
        groups = _groups_of(result)
        for item in items:
            for group in groups:
                points = int((item.get("by_group") or {}).get(group) or 0)
                if points:
                    values.append({"item": _label(item["text"]), "part": _group_label(group), "points": points})
        colour: Json = {
            "field": "part",
            "type": "nominal",
            "title": _("Stakeholder group"),
            "scale": _group_scale(groups),
        }
        description = _("Bar chart of the points per item, split by stakeholder group.")
    else:
        for item in items:
            if item.get("online"):
                values.append({"item": _label(item["text"]), "part": online_label, "points": int(item["online"])})
            if item.get("paper"):
                values.append({"item": _label(item["text"]), "part": paper_label, "points": int(item["paper"])})
        colour = {
            "field": "part",
            "type": "nominal",
            "title": None,
            "scale": {"domain": [online_label, paper_label], "range": [BAR_COLOUR, PAPER_COLOUR]},
        }
        description = _("Bar chart of the points per item, highest first; points from paper drawn apart.")
    totals = [{"item": _label(item["text"]), "total": int(item.get("total") or 0)} for item in items]
    y = {"field": "item", "type": "nominal", "title": None, "sort": order}
    spec = _frame(description, large=large)
    spec.update(
        {
            "height": {"step": sizes["step"]},
            "layer": [
                {
                    "data": {"values": values},
                    "mark": {"type": "bar"},
                    "encoding": {
                        "y": y,
                        "x": {
                            "field": "points",
                            "type": "quantitative",
                            "title": _("Points"),
                            "stack": "zero",
                            "axis": WHOLE_NUMBERS,
                        },
                        "color": colour,
                        "tooltip": [
                            {"field": "item", "title": pgettext("workshop", "Item")},
                            {"field": "part", "title": _("Part")},
                            {"field": "points", "title": _("Points")},
                        ],
                    },
                },
                {
                    "data": {"values": totals},
                    "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": sizes["text"], "fontWeight": "bold"},
                    "encoding": {
                        "y": y,
                        "x": {"field": "total", "type": "quantitative"},
                        "text": {"field": "total", "type": "quantitative"},
                    },
                },
            ],
        }
    )
    columns = [pgettext("workshop", "Item"), _("Points")]
    rows: list[tuple[str, ...]] = []
    if split:
        groups = _groups_of(result)
        columns += [_group_label(group) for group in groups]
        for item in items:
            by_group = item.get("by_group") or {}
            rows.append(
                (
                    item["text"],
                    _number(item.get("total")),
                    *[_number(by_group.get(group) or 0) for group in groups],
                )
            )
    else:
        columns += [_("of them from paper")]
        rows = [(item["text"], _number(item.get("total")), _number(item.get("paper") or 0)) for item in items]
    table = Table(_("Points per item"), tuple(columns), tuple(rows))
    return Chart(chart_id, description, spec_json(spec), table)


def rating_chart(result: Mapping[str, Any], *, chart_id: str, split: bool = False, large: bool = False) -> Chart:
    """The mean rating per item as a dot with ± one standard deviation, highest first (or one dot per stakeholder
    group)."""
    items = list(result.get("items") or [])
    sizes = _sizes(large)
    low, high = int(result.get("scale_min", 1)), int(result.get("scale_max", 5))
    criterion = (result.get("criterion") or {}).get("label") or _("Rating")
    order = [_label(item["text"]) for item in items]
    values: list[Json] = []
    groups = _groups_of(result) if split else []
    for item in items:
        if split:
            for group in groups:
                stats = (item.get("by_group") or {}).get(group) or {}
                if stats.get("mean") is not None:
                    values.append(
                        {
                            "item": _label(item["text"]),
                            "group": _group_label(group),
                            "mean": stats["mean"],
                            "n": stats.get("n", 0),
                        }
                    )
        elif item.get("mean") is not None:
            sd = item.get("sd") or 0.0
            values.append(
                {
                    "item": _label(item["text"]),
                    "mean": item["mean"],
                    "low": max(low, item["mean"] - sd),
                    "high": min(high, item["mean"] + sd),
                    "n": item.get("n", 0),
                }
            )
    y = {"field": "item", "type": "nominal", "title": None, "sort": order}
    x = {"field": "mean", "type": "quantitative", "title": criterion, "scale": {"domain": [low, high]}}
    description = _(
        "Dot chart of the mean rating “%(criterion)s” per item with one standard deviation either side."
    ) % {"criterion": criterion}
    layers: list[Json] = []
    if split:
        layers.append(
            {
                "mark": {"type": "point", "filled": True, "size": sizes["point"]},
                "encoding": {
                    "y": y,
                    "x": x,
                    "color": {
                        "field": "group",
                        "type": "nominal",
                        "title": _("Stakeholder group"),
                        "scale": _group_scale(groups),
                    },
                    "shape": {"field": "group", "type": "nominal", "title": _("Stakeholder group")},
                    "tooltip": [
                        {"field": "item"},
                        {"field": "group"},
                        {"field": "mean", "format": ".1f"},
                        {"field": "n"},
                    ],
                },
            }
        )
    else:
        layers += [
            {
                "mark": {"type": "rule", "color": WHISKER_COLOUR, "strokeWidth": 3 if large else 1.5},
                "encoding": {"y": y, "x": {"field": "low", "type": "quantitative"}, "x2": {"field": "high"}},
            },
            {
                "mark": {"type": "point", "filled": True, "size": sizes["point"], "color": BAR_COLOUR},
                "encoding": {
                    "y": y,
                    "x": x,
                    "tooltip": [{"field": "item"}, {"field": "mean", "format": ".1f"}, {"field": "n"}],
                },
            },
        ]
    spec = _frame(description, large=large)
    spec.update({"height": {"step": sizes["step"]}, "data": {"values": values}, "layer": layers})
    columns = [pgettext("workshop", "Item"), _("Mean"), _("Standard deviation"), _("Ratings"), _("Cannot judge")]
    rows = [
        (
            item["text"],
            _number(item.get("mean"), 1),
            _number(item.get("sd"), 1),
            _number(item.get("n") or 0),
            _number(item.get("cannot_judge") or 0),
        )
        for item in items
    ]
    return Chart(chart_id, description, spec_json(spec), Table(criterion, tuple(columns), tuple(rows)))


def ranking_chart(result: Mapping[str, Any], *, chart_id: str, split: bool = False, large: bool = False) -> Chart:
    """Bars of the Borda points per item (a first place gets as many points as there are items), highest first."""
    return _score_bars(
        result,
        chart_id=chart_id,
        split=split,
        large=large,
        figure="points",
        title=_("Borda points"),
        description=_("Bar chart of the ranking's Borda points per item, highest first."),
        caption=_("Ranking"),
        extra=(_("Mean rank"), "mean_rank", 1),
    )


def pairwise_chart(result: Mapping[str, Any], *, chart_id: str, split: bool = False, large: bool = False) -> Chart:
    """Bars of each item's weight from the pairwise comparison (its share of the points, in percent)."""
    return _score_bars(
        result,
        chart_id=chart_id,
        split=split,
        large=large,
        figure="weight",
        title=_("Weight"),
        description=_("Bar chart of the weights from the pairwise comparison (shares of all points), highest first."),
        caption=_("Pairwise comparison"),
        extra=(_("Wins"), "wins", 0),
        percent=True,
    )


def commitments_chart(result: Mapping[str, Any], *, chart_id: str, large: bool = False) -> Chart:
    return _score_bars(
        result,
        chart_id=chart_id,
        split=False,
        large=large,
        figure="count",
        title=_("Commitments"),
        description=_("Bar chart of the number of commitments per item."),
        caption=_("Commitments"),
        extra=None,
    )


def _score_bars(
    result: Mapping[str, Any],
    *,
    chart_id: str,
    split: bool,
    large: bool,
    figure: str,
    title: str,
    description: str,
    caption: str,
    extra: tuple[str, str, int] | None,
    percent: bool = False,
) -> Chart:
    items = list(result.get("items") or [])
    sizes = _sizes(large)
    order = [_label(item["text"]) for item in items]
    groups = _groups_of(result) if split else []

    def value(entry: Mapping[str, Any]) -> float | None:
        number = entry.get(figure)
        return None if number is None else float(number)

    values: list[Json] = []
    for item in items:
        if split:
            for group in groups:
                number = value((item.get("by_group") or {}).get(group) or {})
                if number is not None:
                    values.append({"item": _label(item["text"]), "group": _group_label(group), "value": number})
        else:
            number = value(item)
            if number is not None:
                values.append({"item": _label(item["text"]), "value": number})
    y = {"field": "item", "type": "nominal", "title": None, "sort": order}
    x: Json = {"field": "value", "type": "quantitative", "title": title}
    x["axis"] = {"format": ".0%"} if percent else WHOLE_NUMBERS
    encoding: Json = {
        "y": y,
        "x": x,
        "tooltip": [{"field": "item"}, {"field": "value", "format": ".0%" if percent else ",.0f"}],
    }
    layers: list[Json] = []
    if split:
        encoding["color"] = {
            "field": "group",
            "type": "nominal",
            "title": _("Stakeholder group"),
            "scale": _group_scale(groups),
        }
        encoding["yOffset"] = {"field": "group"}
        layers.append({"mark": {"type": "bar"}, "encoding": encoding})
    else:
        layers.append({"mark": {"type": "bar", "color": BAR_COLOUR}, "encoding": encoding})
        layers.append(
            {
                "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": sizes["text"], "fontWeight": "bold"},
                "encoding": {
                    "y": y,
                    "x": {"field": "value", "type": "quantitative"},
                    "text": {"field": "value", "type": "quantitative", "format": ".0%" if percent else ",.0f"},
                },
            }
        )
    spec = _frame(description, large=large)
    spec.update(
        {
            "height": {"step": sizes["step"] * (max(1, len(groups)) if split else 1)},
            "data": {"values": values},
            "layer": layers,
        }
    )

    def shown(number: Any, decimals: int = 0) -> str:
        if number is None:
            return "–"
        return format_percent(float(number) * 100, 1) if percent else format_number(float(number), decimals)

    columns = [pgettext("workshop", "Item"), title]
    if extra is not None:
        columns.append(extra[0])
    rows = []
    for item in items:
        row = [item["text"], shown(item.get(figure))]
        if extra is not None:
            row.append(_number(item.get(extra[1]), extra[2]))
        rows.append(tuple(row))
    return Chart(chart_id, description, spec_json(spec), Table(caption, tuple(columns), tuple(rows)))


# --- the matrix ------------------------------------------------------------------------------------------------


def matrix_chart(result: Mapping[str, Any], *, chart_id: str, split: bool = False, large: bool = False) -> Chart:
    """Each item at its mean on both criteria, with ± one standard deviation on each axis (the spread); labelled
    with its rank, the table names the ranks. Split: one dot per stakeholder group, without the spread."""
    items = list(result.get("items") or [])
    sizes = _sizes(large)
    low, high = int(result.get("scale_min", 1)), int(result.get("scale_max", 5))
    criteria = result.get("criteria") or {}
    x_label = (criteria.get("x") or {}).get("label") or "x"
    y_label = (criteria.get("y") or {}).get("label") or "y"
    groups = _groups_of(result) if split else []
    values: list[Json] = []
    for number, item in enumerate(items, start=1):
        if split:
            for group in groups:
                stats = (item.get("by_group") or {}).get(group) or {}
                mean_x, mean_y = (stats.get("x") or {}).get("mean"), (stats.get("y") or {}).get("mean")
                if mean_x is not None and mean_y is not None:
                    values.append(
                        {
                            "number": str(number),
                            "item": _label(item["text"]),
                            "group": _group_label(group),
                            "x": mean_x,
                            "y": mean_y,
                        }
                    )
            continue
        x, y = item.get("x") or {}, item.get("y") or {}
        if x.get("mean") is None or y.get("mean") is None:
            continue
        sd_x, sd_y = x.get("sd") or 0.0, y.get("sd") or 0.0
        values.append(
            {
                "number": str(number),
                "item": _label(item["text"]),
                "x": x["mean"],
                "y": y["mean"],
                "x_low": max(low, x["mean"] - sd_x),
                "x_high": min(high, x["mean"] + sd_x),
                "y_low": max(low, y["mean"] - sd_y),
                "y_high": min(high, y["mean"] + sd_y),
            }
        )
    domain = [low, high]
    x_enc = {"field": "x", "type": "quantitative", "title": x_label, "scale": {"domain": domain, "nice": False}}
    y_enc = {"field": "y", "type": "quantitative", "title": y_label, "scale": {"domain": domain, "nice": False}}
    description = _(
        "Scatter plot of the items by their mean “%(x)s” (across) and “%(y)s” (up), with one standard deviation "
        "either side on both axes; the numbers are the ranks in the table."
    ) % {"x": x_label, "y": y_label}
    stroke = 3 if large else 1.5
    tooltip = [
        {"field": "item"},
        {"field": "x", "format": ".1f", "title": x_label},
        {"field": "y", "format": ".1f", "title": y_label},
    ]
    layers: list[Json]
    if split:
        layers = [
            {
                "mark": {"type": "point", "filled": True, "size": sizes["point"]},
                "encoding": {
                    "x": x_enc,
                    "y": y_enc,
                    "color": {
                        "field": "group",
                        "type": "nominal",
                        "title": _("Stakeholder group"),
                        "scale": _group_scale(groups),
                    },
                    "shape": {"field": "group", "type": "nominal", "title": _("Stakeholder group")},
                    "tooltip": [*tooltip, {"field": "group"}],
                },
            },
        ]
    else:
        layers = [
            {
                "mark": {"type": "rule", "color": WHISKER_COLOUR, "strokeWidth": stroke, "opacity": 0.6},
                "encoding": {"x": {"field": "x_low", "type": "quantitative"}, "x2": {"field": "x_high"}, "y": y_enc},
            },
            {
                "mark": {"type": "rule", "color": WHISKER_COLOUR, "strokeWidth": stroke, "opacity": 0.6},
                "encoding": {"y": {"field": "y_low", "type": "quantitative"}, "y2": {"field": "y_high"}, "x": x_enc},
            },
            {
                "mark": {
                    "type": "point",
                    "filled": True,
                    "size": sizes["point"] * 2,
                    "color": BAR_COLOUR,
                    "opacity": 1,
                },
                "encoding": {"x": x_enc, "y": y_enc, "tooltip": tooltip},
            },
            {
                "mark": {"type": "text", "fontSize": sizes["text"] * 0.75, "fontWeight": "bold", "color": "#ffffff"},
                "encoding": {"x": x_enc, "y": y_enc, "text": {"field": "number"}},
            },
        ]
    spec = _frame(description, large=large)
    spec.update({"height": 560 if large else 320, "data": {"values": values}, "layer": layers})
    spec["config"]["axis"]["grid"] = True
    columns = (
        _("No."),
        pgettext("workshop", "Item"),
        _("%(criterion)s (mean)") % {"criterion": x_label},
        _("± SD"),
        _("%(criterion)s (mean)") % {"criterion": y_label},
        _("± SD"),
        _("Ratings"),
    )
    rows = []
    for number, item in enumerate(items, start=1):
        x, y = item.get("x") or {}, item.get("y") or {}
        rows.append(
            (
                str(number),
                item["text"],
                _number(x.get("mean"), 1),
                _number(x.get("sd"), 1),
                _number(y.get("mean"), 1),
                _number(y.get("sd"), 1),
                _number(min(x.get("n") or 0, y.get("n") or 0)),
            )
        )
    caption = _("Matrix: %(x)s × %(y)s") % {"x": x_label, "y": y_label}
    return Chart(chart_id, description, spec_json(spec), Table(caption, columns, tuple(rows)))


# --- a phase's results -----------------------------------------------------------------------------------------


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
