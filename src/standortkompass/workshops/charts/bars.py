"""Vote bars: points (paper drawn apart, or split by stakeholder group), mean ratings with their spread, Borda
points of a ranking, pairwise weights in percent, commitments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from standortkompass.core.charts import spec_json
from standortkompass.core.numbers import format_number, format_percent
from standortkompass.workshops.charts.frame import (
    BAR_COLOUR,
    PAPER_COLOUR,
    WHISKER_COLOUR,
    WHOLE_NUMBERS,
    Chart,
    Json,
    Table,
    frame,
    group_name,
    group_scale,
    groups_of,
    short_label,
    shown_number,
    type_sizes,
)

# --- vote bars -------------------------------------------------------------------------------------------------


def points_chart(result: Mapping[str, Any], *, chart_id: str, split: bool = False, large: bool = False) -> Chart:
    """Horizontal bars of the points per item, highest first; paper counts stacked apart (marked "Paper"), or the
    points of each stakeholder group stacked."""
    items = list(result.get("items") or [])
    sizes = type_sizes(large)
    order = [short_label(item["text"]) for item in items]
    online_label, paper_label = _("Online"), _("Paper")
    has_paper = any(item.get("paper") for item in items)
    values: list[Json] = []
    if split:
        groups = groups_of(result)
        for item in items:
            for group in groups:
                points = int((item.get("by_group") or {}).get(group) or 0)
                if points:
                    values.append({"item": short_label(item["text"]), "part": group_name(group), "points": points})
        colour: Json = {
            "field": "part",
            "type": "nominal",
            "title": _("Stakeholder group"),
            "scale": group_scale(groups),
        }
        description = _("Bar chart of the points per item, split by stakeholder group.")
    elif has_paper:
        for item in items:
            if item.get("online"):
                values.append({"item": short_label(item["text"]), "part": online_label, "points": int(item["online"])})
            if item.get("paper"):
                values.append({"item": short_label(item["text"]), "part": paper_label, "points": int(item["paper"])})
        colour = {
            "field": "part",
            "type": "nominal",
            "title": None,
            "scale": {"domain": [online_label, paper_label], "range": [BAR_COLOUR, PAPER_COLOUR]},
        }
        description = _("Bar chart of the points per item, highest first; points from paper drawn apart.")
    else:  # no paper counts: one colour, no legend
        for item in items:
            if item.get("total"):
                values.append({"item": short_label(item["text"]), "part": online_label, "points": int(item["total"])})
        colour = {"value": BAR_COLOUR}
        description = _("Bar chart of the points per item, highest first.")
    totals = [{"item": short_label(item["text"]), "total": int(item.get("total") or 0)} for item in items]
    y = {"field": "item", "type": "nominal", "title": None, "sort": order}
    spec = frame(description, large=large)
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
        groups = groups_of(result)
        columns += [group_name(group) for group in groups]
        for item in items:
            by_group = item.get("by_group") or {}
            rows.append(
                (
                    item["text"],
                    shown_number(item.get("total")),
                    *[shown_number(by_group.get(group) or 0) for group in groups],
                )
            )
    elif has_paper:
        columns += [_("of them from paper")]
        rows = [(item["text"], shown_number(item.get("total")), shown_number(item.get("paper") or 0)) for item in items]
    else:
        rows = [(item["text"], shown_number(item.get("total"))) for item in items]
    table = Table(_("Points per item"), tuple(columns), tuple(rows))
    return Chart(chart_id, description, spec_json(spec), table)


def rating_chart(result: Mapping[str, Any], *, chart_id: str, split: bool = False, large: bool = False) -> Chart:
    """The mean rating per item as a dot with ± one standard deviation, highest first (or one dot per stakeholder
    group)."""
    items = list(result.get("items") or [])
    sizes = type_sizes(large)
    low, high = int(result.get("scale_min", 1)), int(result.get("scale_max", 5))
    criterion = (result.get("criterion") or {}).get("label") or _("Rating")
    order = [short_label(item["text"]) for item in items]
    values: list[Json] = []
    groups = groups_of(result) if split else []
    for item in items:
        if split:
            for group in groups:
                stats = (item.get("by_group") or {}).get(group) or {}
                if stats.get("mean") is not None:
                    values.append(
                        {
                            "item": short_label(item["text"]),
                            "group": group_name(group),
                            "mean": stats["mean"],
                            "n": stats.get("n", 0),
                        }
                    )
        elif item.get("mean") is not None:
            sd = item.get("sd") or 0.0
            values.append(
                {
                    "item": short_label(item["text"]),
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
                        "scale": group_scale(groups),
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
    spec = frame(description, large=large)
    spec.update({"height": {"step": sizes["step"]}, "data": {"values": values}, "layer": layers})
    columns = [pgettext("workshop", "Item"), _("Mean"), _("Standard deviation"), _("Ratings"), _("Cannot judge")]
    rows = [
        (
            item["text"],
            shown_number(item.get("mean"), 1),
            shown_number(item.get("sd"), 1),
            shown_number(item.get("n") or 0),
            shown_number(item.get("cannot_judge") or 0),
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
    sizes = type_sizes(large)
    order = [short_label(item["text"]) for item in items]
    groups = groups_of(result) if split else []

    def value(entry: Mapping[str, Any]) -> float | None:
        number = entry.get(figure)
        return None if number is None else float(number)

    values: list[Json] = []
    for item in items:
        if split:
            for group in groups:
                number = value((item.get("by_group") or {}).get(group) or {})
                if number is not None:
                    values.append({"item": short_label(item["text"]), "group": group_name(group), "value": number})
        else:
            number = value(item)
            if number is not None:
                values.append({"item": short_label(item["text"]), "value": number})
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
            "scale": group_scale(groups),
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
    spec = frame(description, large=large)
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
            row.append(shown_number(item.get(extra[1]), extra[2]))
        rows.append(tuple(row))
    return Chart(chart_id, description, spec_json(spec), Table(caption, tuple(columns), tuple(rows)))
