"""The pages' Vega-Lite charts drawn for print, without a browser (vl-convert): SVG for the PDF (vector), PNG
for the DOCX.

A page's spec takes its width from its container (``"width": "container"``, label room from
``containerSize()``); on paper the container is the text column, so both are replaced by that width before the
chart is drawn.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

# The text column of an A4 page with 2.2 cm margins, in CSS pixels (96 per inch): 16.6 cm.
PRINT_WIDTH = 620
PRINT_HEIGHT = 360
PNG_SCALE = 2.5  # 240 dpi in Word


def print_spec(spec: Mapping[str, Any], *, width: int = PRINT_WIDTH, height: int = PRINT_HEIGHT) -> dict[str, Any]:
    """The spec with the container's size replaced by the text column's, its data kept as it is."""
    text = json.dumps(spec, ensure_ascii=False).replace("containerSize()", f"[{width},{height}]")
    printed: dict[str, Any] = json.loads(text)
    _fix_widths(printed, width)
    printed.setdefault("autosize", {"type": "fit-x", "contains": "padding"})
    printed.setdefault("background", "white")
    return printed


def _fix_widths(node: Any, width: int) -> None:
    if isinstance(node, dict):
        if node.get("width") == "container":
            node["width"] = width
        if node.get("height") == "container":
            node["height"] = PRINT_HEIGHT
        for value in node.values():
            _fix_widths(value, width)
    elif isinstance(node, list):
        for value in node:
            _fix_widths(value, width)


def chart_svg(spec: Mapping[str, Any]) -> str:
    """The chart as SVG text."""
    import vl_convert

    return str(vl_convert.vegalite_to_svg(print_spec(spec)))


def chart_png(spec: Mapping[str, Any]) -> bytes:
    """The chart as a PNG image (for Word)."""
    import vl_convert

    return bytes(vl_convert.vegalite_to_png(print_spec(spec), scale=PNG_SCALE))
