"""Charts of the Standortanalyse: Vega-Lite specifications built as plain dicts, with their data tables.

Every chart is a :class:`Chart`: a Vega-Lite spec (rendered in the page by the vendored
vega-embed), the same numbers as a table (the text alternative and the CSV download) and its
source line. Colours come from the Okabe-Ito palette (safe for colour-blind readers); the
series also differ in lightness, line dash, point shape or a text label, so a chart stays
readable in black-and-white print.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.core.charts import spec_json, vega_lite_spec
from standortkompass.core.numbers import format_number, format_percent

# Colours after Okabe-Ito, darkened where a line must reach 3:1 against white. In grey the
# district is darkest, the Land mid-grey and the Bund light (bars, outlined) or black and
# dotted (lines), so the series stay apart in black-and-white print.
REGION_COLOUR = "#0072B2"
LAND_COLOUR = "#C96B00"
BUND_COLOUR = "#CCCCCC"  # bars (with a dark outline)
BUND_LINE_COLOUR = "#1A1A1A"
PEER_COLOUR = "#009E73"
POSITIVE_COLOUR = "#0072B2"
NEGATIVE_COLOUR = "#D55E00"
HIGHLIGHT_STROKE = "#000000"
SEQUENTIAL_SCHEME = "viridis"  # monotonic lightness: readable in grey
DASHES = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2]]
SHAPES = ["circle", "square", "triangle-up", "diamond"]
# What the charts of the analysis add to the site's chart frame (core.charts).
AXIS = {"grid": True}
LEGEND = {"titleFontSize": 12}

STATISTICS_SOURCE = gettext_lazy(
    "Source: Statistische Ämter des Bundes und der Länder (Regionaldatenbank), own processing"
)
MAP_SOURCE = "© GeoBasis-DE / BKG 2021 (Daten verändert)"


@dataclass(frozen=True)
class Column:
    """A column of a chart's data table.

    ``kind`` is text, digits (a year, a period "2017–2020", an AGS code: shown as they are, aligned like
    numbers), int, decimal1, decimal2, decimal3, decimal4, percent, pp (percentage points from a fraction)
    or row (each row names its own kind in ``row["kind"]``).
    """

    key: str
    label: str
    kind: str = "text"

    @property
    def is_number(self) -> bool:
        return self.kind != "text"

    def kind_for(self, row: dict[str, Any]) -> str:
        """The kind of this column's value in ``row``: kind "row" takes the row's own ``kind``."""
        return str(row.get("kind", "decimal2")) if self.kind == "row" else self.kind


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str
    columns: tuple[Column, ...]
    rows: tuple[dict[str, Any], ...]
    spec: dict[str, Any] | None = None
    source: str = ""
    note: str = ""
    spec_url: str = ""
    extra_sources: tuple[str, ...] = field(default_factory=tuple)
    spec_text: str = ""  # the spec as JSON text (see ``frozen``); a page embeds it with {% chart_spec %}

    @property
    def has_figure(self) -> bool:
        return bool(self.spec or self.spec_text)

    def frozen(self) -> Chart:
        """The chart with its spec serialised: quick to cache (no large nested lists to pickle) and to send."""
        if self.spec is None:
            return self
        return replace(self, spec=None, spec_text=spec_json(self.spec))

    @property
    def sources(self) -> list[str]:
        return [str(self.source or STATISTICS_SOURCE), *self.extra_sources]

    def display_rows(self) -> list[list[tuple[str, bool, bool]]]:
        """The table cells as (text, is the row header, is a number) in the active language."""
        return [
            [
                (format_value(row.get(column.key), column.kind_for(row)), index == 0, column.is_number)
                for index, column in enumerate(self.columns)
            ]
            for row in self.rows
        ]


def format_value(value: Any, kind: str) -> str:
    """A value as shown in a table: grouped thousands, the language's decimal mark, – for missing."""
    if kind == "text":
        return "" if value is None else str(value)
    if kind == "digits":
        return "–" if value is None else str(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if kind == "int":
        return format_number(value)
    if kind == "percent":
        return format_percent(value * 100)
    if kind == "pp":
        return format_number(value * 100, 1)
    decimals = {"decimal1": 1, "decimal2": 2, "decimal3": 3, "decimal4": 4}.get(kind, 2)
    return format_number(value, decimals)


def clean(value: Any) -> Any:
    """A JSON-safe value: NaN and infinities become None."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def series_scale(names: Sequence[str], colours: Sequence[str]) -> dict[str, Any]:
    return {"domain": list(names), "range": list(colours)}


def line_chart(
    *,
    title: str,
    description: str,
    values: list[dict[str, Any]],
    series: Sequence[str],
    colours: Sequence[str],
    y_title: str,
    y_format: str = ",.0f",
    zero: bool = False,
) -> dict[str, Any]:
    """Lines over years, one per series (``values``: year, series, value); dash and shape tell them apart."""
    spec = vega_lite_spec(description, axis=AXIS, legend=LEGEND)
    spec.update(
        {
            "height": 280,
            "data": {"values": values},
            "mark": {"type": "line", "point": {"filled": True, "size": 60}, "strokeWidth": 2.5},
            "encoding": {
                "x": {"field": "year", "type": "ordinal", "title": _("Year"), "axis": {"labelAngle": 0}},
                "y": {
                    "field": "value",
                    "type": "quantitative",
                    "title": y_title,
                    "scale": {"zero": zero},
                    "axis": {"format": y_format},
                },
                "color": {"field": "series", "type": "nominal", "title": None, "scale": series_scale(series, colours)},
                "strokeDash": {
                    "field": "series",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": list(series), "range": DASHES[: len(series)]},
                },
                "shape": {
                    "field": "series",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": list(series), "range": SHAPES[: len(series)]},
                },
                "tooltip": [
                    {"field": "series", "title": _("Region")},
                    {"field": "year", "title": _("Year")},
                    {"field": "value", "title": y_title, "format": y_format},
                ],
            },
        }
    )
    return spec


# Room on the right for the value beside the longest bar ("35,8 %", "+13.080"), which the drawing would cut.
VALUE_LABEL_PADDING = {"left": 5, "top": 5, "bottom": 5, "right": 48}


def grouped_bar_chart(
    *,
    title: str,
    description: str,
    values: list[dict[str, Any]],
    categories: Sequence[str],
    series: Sequence[str],
    colours: Sequence[str],
    x_title: str,
    x_format: str = ".0%",
    rule_at: float | None = None,
) -> dict[str, Any]:
    """Horizontal bars per category (``values``: category, series, value), series side by side, labelled."""
    spec = vega_lite_spec(description, axis=AXIS, legend=LEGEND)
    height_per_category = 14 * len(series) + 10
    position = {
        "y": {"field": "category", "type": "nominal", "title": None, "sort": list(categories)},
        "yOffset": {"field": "series", "type": "nominal", "sort": list(series)},
        "x": {"field": "value", "type": "quantitative", "title": x_title, "axis": {"format": x_format}},
    }
    bars = {
        "mark": {"type": "bar", "stroke": "#1a1a1a", "strokeWidth": 0.5},
        "encoding": {
            **position,
            "color": {"field": "series", "type": "nominal", "title": None, "scale": series_scale(series, colours)},
            "tooltip": [
                {"field": "category", "title": _("Sector")},
                {"field": "series", "title": _("Region")},
                {"field": "value", "title": x_title, "format": x_format},
            ],
        },
    }
    labels = {
        "mark": {
            "type": "text",
            "align": {"expr": "datum.value < 0 ? 'right' : 'left'"},
            "dx": {"expr": "datum.value < 0 ? -3 : 3"},
            "fontSize": 10,
            "color": "#1a1a1a",
        },
        "encoding": {**position, "text": {"field": "value", "type": "quantitative", "format": x_format}},
    }
    layers: list[dict[str, Any]] = [bars, labels]
    if rule_at is not None:
        layers.append(
            {
                "data": {"values": [{"rule": rule_at}]},
                "mark": {"type": "rule", "color": "#1a1a1a", "strokeDash": [4, 3], "strokeWidth": 1.5},
                "encoding": {"x": {"field": "rule", "type": "quantitative"}},
            }
        )
    spec.update(
        {
            "height": height_per_category * len(categories),
            "padding": VALUE_LABEL_PADDING,
            "data": {"values": values},
            "layer": layers,
        }
    )
    return spec


def diverging_bar_chart(
    *,
    title: str,
    description: str,
    values: list[dict[str, Any]],
    categories: Sequence[str],
    x_title: str,
    x_format: str = ",.0f",
    baseline: float = 0.0,
) -> dict[str, Any]:
    """Bars left or right of a baseline (``values``: category, value); sign in colour, pattern-free shade and label."""
    spec = vega_lite_spec(description, axis=AXIS, legend=LEGEND)
    spec.update(
        {
            "height": 30 * len(categories) + 20,
            "padding": VALUE_LABEL_PADDING,
            "data": {"values": values},
            "transform": [
                {"calculate": f"datum.value >= {baseline} ? 'up' : 'down'", "as": "direction"},
                {"calculate": str(baseline), "as": "baseline"},
            ],
            "layer": [
                {
                    "mark": {"type": "bar", "stroke": "#1a1a1a", "strokeWidth": 0.5},
                    "encoding": {
                        "y": {"field": "category", "type": "nominal", "title": None, "sort": list(categories)},
                        "x": {"field": "value", "type": "quantitative", "title": x_title, "axis": {"format": x_format}},
                        "x2": {"field": "baseline"},
                        "color": {
                            "field": "direction",
                            "type": "nominal",
                            "legend": None,
                            "scale": {"domain": ["up", "down"], "range": [POSITIVE_COLOUR, NEGATIVE_COLOUR]},
                        },
                        "tooltip": [
                            {"field": "category", "title": _("Component")},
                            {"field": "value", "title": x_title, "format": x_format},
                        ],
                    },
                },
                {
                    "mark": {
                        "type": "text",
                        "fontSize": 11,
                        "color": "#1a1a1a",
                        "align": {"expr": f"datum.value < {baseline} ? 'right' : 'left'"},
                        "dx": {"expr": f"datum.value < {baseline} ? -4 : 4"},
                    },
                    "encoding": {
                        "y": {"field": "category", "type": "nominal", "sort": list(categories)},
                        "x": {"field": "value", "type": "quantitative"},
                        "text": {"field": "value", "type": "quantitative", "format": f"+{x_format}"},
                    },
                },
                {
                    "data": {"values": [{"rule": baseline}]},
                    "mark": {"type": "rule", "color": "#1a1a1a", "strokeWidth": 1.5},
                    "encoding": {"x": {"field": "rule", "type": "quantitative"}},
                },
            ],
        }
    )
    return spec


def bubble_chart(
    *,
    title: str,
    description: str,
    values: list[dict[str, Any]],
    x_title: str,
    y_title: str,
    size_title: str,
) -> dict[str, Any]:
    """Portfolio: x = location quotient, y = growth difference, bubble = employment; every bubble labelled."""
    spec = vega_lite_spec(description, axis=AXIS, legend=LEGEND)
    spec.update(
        {
            "height": 420,
            "data": {"values": values},
            "layer": [
                {
                    "data": {"values": [{"x": 1}]},
                    "mark": {"type": "rule", "color": "#1a1a1a", "strokeDash": [4, 3]},
                    "encoding": {"x": {"field": "x", "type": "quantitative"}},
                },
                {
                    "data": {"values": [{"y": 0}]},
                    "mark": {"type": "rule", "color": "#1a1a1a", "strokeDash": [4, 3]},
                    "encoding": {"y": {"field": "y", "type": "quantitative"}},
                },
                {
                    "mark": {"type": "circle", "opacity": 0.55, "stroke": "#1a1a1a", "strokeWidth": 1},
                    "encoding": {
                        "x": {
                            "field": "location_quotient",
                            "type": "quantitative",
                            "title": x_title,
                            "scale": {"zero": False, "padding": 30},
                            "axis": {"format": ".1f"},
                        },
                        "y": {
                            "field": "relative_growth",
                            "type": "quantitative",
                            "title": y_title,
                            "scale": {"padding": 30},
                            "axis": {"format": "+.0%"},
                        },
                        "size": {
                            "field": "employment",
                            "type": "quantitative",
                            "title": size_title,
                            "scale": {"range": [60, 2400]},
                            "legend": {"format": ",.0f"},
                        },
                        "color": {"value": REGION_COLOUR},
                        "tooltip": [
                            {"field": "sector", "title": _("Sector")},
                            {"field": "location_quotient", "title": x_title, "format": ".2f"},
                            {"field": "relative_growth", "title": y_title, "format": "+.1%"},
                            {"field": "employment", "title": size_title, "format": ",.0f"},
                        ],
                    },
                },
                {
                    "mark": {"type": "text", "fontSize": 11, "dy": -14, "color": "#1a1a1a"},
                    "encoding": {
                        "x": {"field": "location_quotient", "type": "quantitative"},
                        "y": {"field": "relative_growth", "type": "quantitative"},
                        "text": {"field": "code"},
                    },
                },
            ],
        }
    )
    return spec


def choropleth(
    *,
    title: str,
    description: str,
    features: list[dict[str, Any]],
    value_title: str,
    value_format: str,
    highlight: str,
    height: int = 460,
) -> dict[str, Any]:
    """A map of regions coloured by value (viridis), the highlighted region outlined in black and labelled."""
    spec = vega_lite_spec(description, axis=AXIS, legend=LEGEND)
    spec.update(
        {
            "height": height,
            "data": {"values": features},
            "projection": {"type": "mercator"},
            "layer": [
                {
                    "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.5},
                    "encoding": {
                        "color": {
                            "field": "properties.value",
                            "type": "quantitative",
                            "title": value_title,
                            "scale": {"scheme": SEQUENTIAL_SCHEME},
                            "legend": {"format": value_format, "orient": "right", "direction": "vertical"},
                        },
                        "tooltip": [
                            {"field": "properties.name", "title": _("Region")},
                            {"field": "properties.value", "title": value_title, "format": value_format},
                        ],
                    },
                },
                {
                    "transform": [{"filter": {"field": "properties.code", "equal": highlight}}],
                    "mark": {"type": "geoshape", "fill": None, "stroke": HIGHLIGHT_STROKE, "strokeWidth": 3},
                },
            ],
        }
    )
    return spec
