"""Charts of survey results as Vega-Lite specs, built only from publishable results.

A hidden figure never reaches a chart: bars of hidden categories are left out, a Likert item
with a hidden cell is not drawn, and a cross-tab column with a hidden cell or total is not drawn.
The table beside every chart is its text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from standortkompass.core.charts import label_limit, spec_json, vega_lite_spec
from standortkompass.surveys.results import ChoiceResult, CrossTabResult, LikertResult

BAR_COLOUR = "#0072B2"
# The interval whiskers cross the bar's end: black keeps 3:1 against the bar (4.0:1) and the white page (21:1),
# as WCAG 1.4.11 asks of graphical objects; caps mark the ends of the interval.
WHISKER_COLOUR = "#000000"
# Diverging from negative (orange-red) to positive (blue), readable for colour-blind readers.
DIVERGING = {
    2: ["#D55E00", "#0072B2"],
    3: ["#D55E00", "#BBBBBB", "#0072B2"],
    4: ["#D55E00", "#F0A36B", "#7FB8DA", "#0072B2"],
    5: ["#D55E00", "#F0A36B", "#BBBBBB", "#7FB8DA", "#0072B2"],
    6: ["#A34400", "#D55E00", "#F0A36B", "#7FB8DA", "#0072B2", "#00507D"],
    7: ["#A34400", "#D55E00", "#F0A36B", "#BBBBBB", "#7FB8DA", "#0072B2", "#00507D"],
}
# What the result charts add to the site's chart frame (core.charts).
AXIS = {"labelLimit": label_limit(0.4, 320)}
# An x-axis title is centred under the plot, right of the answer labels: it may take the plot's width, not the
# container's, or it sticks out of a phone's screen.
X_TITLE_LIMIT = {"expr": "max(width, 60)"}
CATEGORY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


@dataclass(frozen=True)
class Chart:
    id: str
    description: str
    spec_text: str  # the spec as JSON text; the page embeds it with {% chart_spec %}
    data: tuple[dict[str, Any], ...]  # what is drawn (tests check that nothing hidden is in it)


def choice_chart(result: ChoiceResult, *, chart_id: str) -> Chart | None:
    """Horizontal bars of the shares with their 95 % intervals; hidden categories are not drawn."""
    values = [
        {"category": row.label, "share": row.share, "low": row.ci_low, "high": row.ci_high}
        for row in result.rows
        if not row.hidden and row.share is not None
    ]
    if result.too_few or not values:
        return None
    if result.variable.kind == "rank":  # a ranking is drawn by its first places, as its table counts them
        description = _(
            "Bar chart of the shares of respondents who put each answer first in “%(question)s”, with 95 %% "
            "confidence intervals."
        ) % {"question": result.variable.label}
        x_title = _("Share of respondents ranking it first")
    else:
        description = _("Bar chart of the shares of the answers to “%(question)s” with 95 %% confidence intervals.") % {
            "question": result.variable.label
        }
        x_title = _("Share of respondents")
    if any(row.hidden for row in result.rows):
        description += " " + _("Answers with a hidden figure are not drawn.")
    order = [value["category"] for value in values]
    y = {"field": "category", "type": "nominal", "title": None, "sort": order}
    spec = vega_lite_spec(description, axis=AXIS)
    spec.update(
        {
            "height": 26 * len(values) + 20,
            "data": {"values": values},
            "layer": [
                {
                    "mark": {"type": "bar", "color": BAR_COLOUR},
                    "encoding": {
                        "y": y,
                        "x": {
                            "field": "share",
                            "type": "quantitative",
                            "title": x_title,
                            "axis": {"format": ".0%", "titleLimit": X_TITLE_LIMIT},
                            "scale": {"domain": [0, 1]},
                        },
                        "tooltip": [
                            {"field": "category", "title": _("Answer")},
                            {"field": "share", "title": _("Share"), "format": ".1%"},
                        ],
                    },
                },
                {
                    "mark": {"type": "errorbar", "color": WHISKER_COLOUR, "thickness": 2, "ticks": {"size": 10}},
                    "encoding": {
                        "y": y,
                        "x": {"field": "low", "type": "quantitative", "title": x_title},
                        "x2": {"field": "high"},
                    },
                },
            ],
        }
    )
    return Chart(chart_id, description, spec_json(spec), tuple(values))


def likert_chart(result: LikertResult, *, chart_id: str) -> Chart | None:
    """Diverging stacked bars, negative answers left of 0; items with a hidden cell are not drawn."""
    labels = [label for _name, label in result.scale]
    values = [
        {
            "item": _item_label(result, item.variable.label),
            "category": segment.label,
            "start": segment.start,
            "end": segment.end,
            "share": segment.share,
        }
        for item in result.items
        if not item.hidden
        for segment in item.segments
        if segment.start is not None and segment.end is not None
    ]
    if not values:
        return None
    description = _(
        "Diverging stacked bars of “%(question)s”: negative answers to the left of the centre line, positive ones to "
        "the right; “don’t know” answers are not part of the bars and are listed in the table."
    ) % {"question": result.label}
    if any(item.hidden for item in result.items):
        description += " " + _("Statements with a hidden figure are not drawn.")
    items = list(dict.fromkeys(value["item"] for value in values))
    colours = DIVERGING.get(len(labels), CATEGORY_COLOURS[: len(labels)])
    spec = vega_lite_spec(description, axis=AXIS)
    spec.update(
        {
            "height": 30 * len(items) + 30,
            "data": {"values": values},
            "layer": [
                {
                    "mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 0.5},
                    "encoding": {
                        "y": {"field": "item", "type": "nominal", "title": None, "sort": items},
                        "x": {
                            "field": "start",
                            "type": "quantitative",
                            "title": _("Share of answers on the scale (percent)"),
                            "scale": {"domain": [-100, 100]},
                            "axis": {"labelExpr": "abs(datum.value) + ' %'", "titleLimit": X_TITLE_LIMIT},
                        },
                        "x2": {"field": "end"},
                        "color": {
                            "field": "category",
                            "type": "nominal",
                            "title": None,
                            "scale": {"domain": labels, "range": colours},
                        },
                        "order": {"field": "start"},
                        "tooltip": [
                            {"field": "item", "title": _("Item")},
                            {"field": "category", "title": _("Answer")},
                            {"field": "share", "title": _("Share"), "format": ".1%"},
                        ],
                    },
                },
                {
                    "data": {"values": [{"zero": 0}]},
                    "mark": {"type": "rule", "color": "#1a1a1a", "strokeWidth": 1.5},
                    "encoding": {"x": {"field": "zero", "type": "quantitative"}},
                },
            ],
        }
    )
    return Chart(chart_id, description, spec_json(spec), tuple(values))


def _item_label(result: LikertResult, label: str) -> str:
    prefix = f"{result.label} – "
    return label[len(prefix) :] if label.startswith(prefix) else label


def crosstab_chart(result: CrossTabResult, *, chart_id: str) -> Chart | None:
    """Stacked bars of the column shares, one bar per column category; columns with a hidden figure are not drawn."""
    if result.too_few:
        return None
    values = []
    for j, (_key, column_label) in enumerate(result.columns):
        if result.column_totals[j] in (None, 0) or any(result.hidden[i][j] for i in range(len(result.rows))):
            continue
        for i, (_row_key, row_label) in enumerate(result.rows):
            share = result.shares[i][j]
            if share is not None:
                values.append({"column": column_label, "row": row_label, "share": share})
    if not values:
        return None
    description = _(
        "Stacked bars: for each group of “%(column)s” the shares of the answers to “%(row)s”. Groups with a hidden "
        "figure are not drawn."
    ) % {"column": result.column_variable.label, "row": result.row_variable.label}
    rows = [label for _key, label in result.rows]
    columns = list(dict.fromkeys(value["column"] for value in values))
    spec = vega_lite_spec(description, axis=AXIS)
    spec.update(
        {
            "height": 30 * len(columns) + 30,
            "data": {"values": values},
            "mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 0.5},
            "encoding": {
                "y": {"field": "column", "type": "nominal", "title": None, "sort": columns},
                "x": {
                    "field": "share",
                    "type": "quantitative",
                    "stack": "zero",
                    "title": _("Share within the group"),
                    "axis": {"format": ".0%", "titleLimit": X_TITLE_LIMIT},
                },
                "color": {
                    "field": "row",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": rows, "range": (CATEGORY_COLOURS * 4)[: len(rows)]},
                },
                "tooltip": [
                    {"field": "column", "title": _("Group")},
                    {"field": "row", "title": _("Answer")},
                    {"field": "share", "title": _("Share"), "format": ".1%"},
                ],
            },
        }
    )
    return Chart(chart_id, description, spec_json(spec), tuple(values))
