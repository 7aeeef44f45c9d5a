"""The matrix: each item at its means on two criteria, with one standard deviation either side on both axes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from standortkompass.core.charts import spec_json
from standortkompass.workshops.charts.frame import (
    BAR_COLOUR,
    WHISKER_COLOUR,
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


def matrix_chart(result: Mapping[str, Any], *, chart_id: str, split: bool = False, large: bool = False) -> Chart:
    """Each item at its mean on both criteria, with ± one standard deviation on each axis (the spread); labelled
    with its rank, the table names the ranks. Split: one dot per stakeholder group, without the spread."""
    items = list(result.get("items") or [])
    sizes = type_sizes(large)
    low, high = int(result.get("scale_min", 1)), int(result.get("scale_max", 5))
    criteria = result.get("criteria") or {}
    x_label = (criteria.get("x") or {}).get("label") or "x"
    y_label = (criteria.get("y") or {}).get("label") or "y"
    groups = groups_of(result) if split else []
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
                            "item": short_label(item["text"]),
                            "group": group_name(group),
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
                "item": short_label(item["text"]),
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
                        "scale": group_scale(groups),
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
    spec = frame(description, large=large)
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
                shown_number(x.get("mean"), 1),
                shown_number(x.get("sd"), 1),
                shown_number(y.get("mean"), 1),
                shown_number(y.get("sd"), 1),
                shown_number(min(x.get("n") or 0, y.get("n") or 0)),
            )
        )
    caption = _("Matrix: %(x)s × %(y)s") % {"x": x_label, "y": y_label}
    return Chart(chart_id, description, spec_json(spec), Table(caption, columns, tuple(rows)))
