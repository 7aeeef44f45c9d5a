"""The chart of an indicator (Kennzahl) over time: its actual values against its baseline and target.

A Vega-Lite spec in the site's chart frame (``core.charts``): the actual values as a line with points, the
baseline as a square and the target as a triangle, each with its own colour *and* shape, so that the series
stay apart without colour. The same values are the chart's data table (display rounded) and its CSV
download (unrounded).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from standortkompass.core.charts import spec_json, vega_lite_spec
from standortkompass.core.numbers import format_number

ACTUAL_COLOUR = "#0072B2"
BASELINE_COLOUR = "#1A1A1A"
TARGET_COLOUR = "#C96B00"  # Okabe-Ito orange darkened to 3:1 against white


@dataclass(frozen=True)
class SeriesPoint:
    year: int
    value: float
    kind: str  # "actual", "baseline", "target"


def kind_label(kind: str) -> str:
    return {"actual": _("Actual value"), "baseline": _("Baseline"), "target": _("Target")}.get(kind, kind)


def shown_value(value: float) -> str:
    """A value as the table shows it: German, at most two decimals."""
    rounded = round(value, 2)
    decimals = 0 if rounded == int(rounded) else (1 if round(value, 1) == rounded else 2)
    return format_number(value, decimals)


def indicator_spec(*, name: str, unit: str, points: list[SeriesPoint]) -> str:
    """The chart's spec as JSON text ("" when there is nothing to draw)."""
    if not points:
        return ""
    labels = {kind: kind_label(kind) for kind in ("actual", "baseline", "target")}
    values = [{"year": point.year, "value": point.value, "series": labels[point.kind]} for point in points]
    actual = [value for value, point in zip(values, points, strict=True) if point.kind == "actual"]
    marks = [value for value, point in zip(values, points, strict=True) if point.kind != "actual"]
    y_title = f"{name} ({unit})" if unit else name
    description = _("Line chart of the actual values of “%(name)s” by year, with its baseline and target.") % {
        "name": name
    }
    domain = [labels["actual"], labels["baseline"], labels["target"]]
    colour = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {"domain": domain, "range": [ACTUAL_COLOUR, BASELINE_COLOUR, TARGET_COLOUR]},
    }
    shape = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {"domain": domain, "range": ["circle", "square", "triangle-up"]},
    }
    x = {
        "field": "year",
        "type": "quantitative",
        "title": _("Year"),
        "scale": {"zero": False, "nice": False, "padding": 12},
        "axis": {"format": "d", "tickMinStep": 1, "labelAngle": 0},
    }
    y = {"field": "value", "type": "quantitative", "title": y_title, "scale": {"zero": False}}
    tooltip = [
        {"field": "series", "title": _("Kind")},
        {"field": "year", "title": _("Year"), "format": "d"},
        {"field": "value", "title": y_title, "format": ",.2~f"},
    ]
    layers: list[dict[str, Any]] = []
    if actual:
        layers.append(
            {
                "data": {"values": actual},
                "mark": {"type": "line", "point": {"filled": True, "size": 60}, "strokeWidth": 2.5},
                "encoding": {"x": x, "y": y, "color": colour, "shape": shape, "tooltip": tooltip},
            }
        )
    if marks:
        layers.append(
            {
                "data": {"values": marks},
                "mark": {"type": "point", "filled": True, "size": 110},
                "encoding": {"x": x, "y": y, "color": colour, "shape": shape, "tooltip": tooltip},
            }
        )
    spec = vega_lite_spec(description, axis={"grid": True}, legend={"titleFontSize": 12})
    spec.update({"height": 220, "layer": layers})
    return spec_json(spec)
