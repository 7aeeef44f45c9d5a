"""The chart kit of the site: the Vega-Lite frame every chart starts from, and its way into a page.

A chart is a Vega-Lite specification drawn in the browser by the vendored vega-embed
(``core/charts.js``). The spec travels as compact JSON text (:func:`spec_json`): cheap to
cache, and answered as it is where a page loads a spec by URL. In a page it stands in a
``<script type="application/json">`` data block written by Django's ``json_script``
(:func:`spec_script`, the template tag ``{% chart_spec %}``): no inline code runs (CSP), and
nothing in a spec can close the element.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import json_script
from django.utils.safestring import SafeString

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
FONT = "Fira Sans, Noto Sans, sans-serif"
GRID_COLOUR = "#e0e0e0"


def label_limit(share: float, most: int) -> dict[str, str]:
    """A label's room as a share of the chart's container (at least 48 px, at most ``most``): long labels end
    in "…" on a phone instead of pushing the bars out of sight; the tooltip and the data table give them whole."""
    return {"expr": f"clamp(containerSize()[0] * {share}, 48, {most})"}


def vega_lite_spec(
    description: str, *, axis: Mapping[str, Any] | None = None, legend: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The frame of a chart: schema, description, the container's width, the site's font and sizes.

    Labels and legends take their room from the container (:func:`label_limit`), so a chart reflows to
    320 px and to 200 % zoom. ``axis`` and ``legend`` add to (or change) the shared configuration.
    """
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description,
        "width": "container",
        "config": {
            "font": FONT,
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "gridColor": GRID_COLOUR,
                "labelLimit": label_limit(0.4, 360),
                "titleLimit": {"expr": "max(containerSize()[0] * 0.45, 80)"},  # the plot, beside the labels
                **(axis or {}),
            },
            "legend": {
                "labelFontSize": 12,
                "orient": "bottom",
                # A bottom legend starts where the plot starts, right of the axis labels (at most 40 %).
                "labelLimit": {"expr": "clamp(containerSize()[0] * 0.55 - 30, 60, 300)"},
                # As many columns as fit beside the axis labels (one on a phone or at 200 % zoom).
                "columns": {"expr": "max(1, floor((containerSize()[0] * 0.6 - 40) / 320))"},
                **(legend or {}),
            },
            "view": {"stroke": None},
        },
    }


def spec_json(spec: Mapping[str, Any]) -> str:
    """The spec as compact JSON text, kept as it is until a page embeds it."""
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"))


class _SpecText(str):
    """JSON text that ``json_script`` takes as it is, instead of serialising the string once more."""


class _SpecEncoder(DjangoJSONEncoder):
    def encode(self, o: Any) -> str:
        return str(o) if isinstance(o, _SpecText) else super().encode(o)


def spec_script(spec_text: str, element_id: str) -> SafeString:
    """The ``<script id=… type="application/json">`` data block that ``core/charts.js`` reads the spec from.

    Django's ``json_script`` escapes ``<``, ``>`` and ``&``, so the spec can neither close the
    element nor start markup.
    """
    return json_script(_SpecText(spec_text), element_id, encoder=_SpecEncoder)
