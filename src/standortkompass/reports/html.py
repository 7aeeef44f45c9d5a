"""A document as HTML: the HTML format (one self-contained, accessible page) and the source of the PDF.

Charts are drawn as SVG (``reports.charts``) and embedded as images with the chart's summary sentence as the
alternative text; each is followed by its data table. With ``for_print`` the page carries the print style
(A4, running header and footer, page numbers in the contents) and the shipped Fira Sans files.
"""

from __future__ import annotations

import base64
from pathlib import Path

from django.template.loader import render_to_string

from standortkompass.core.documents import Document
from standortkompass.reports.charts import chart_svg
from standortkompass.reports.layout import Layout, lay_out

STATIC = Path(__file__).resolve().parent / "static" / "reports"
FONTS = Path(__file__).resolve().parent.parent / "static" / "vendor" / "kern" / "fonts" / "fira-sans"
FONT_FACES = (
    ("Regular", 400, "normal"),
    ("Italic", 400, "italic"),
    ("SemiBold", 600, "normal"),
    ("Bold", 700, "normal"),
)


def _font_faces() -> str:
    rules = []
    for name, weight, style in FONT_FACES:
        path = FONTS / f"FiraSans-{name}.woff2"
        if path.exists():
            rules.append(
                f'@font-face {{ font-family: "Fira Sans"; src: url("{path.as_uri()}") format("woff2"); '
                f"font-weight: {weight}; font-style: {style}; }}"
            )
    return "\n".join(rules)


def document_css(*, for_print: bool) -> str:
    css = (STATIC / "document.css").read_text(encoding="utf-8")
    if for_print:
        css = _font_faces() + "\n" + css + "\n" + (STATIC / "print.css").read_text(encoding="utf-8")
    return css


def draw_figures(layout: Layout) -> None:
    """Every figure of the layout as an SVG data address (``item.image``)."""
    for part in layout.all_parts():
        for item in part.items:
            if item.kind == "figure":
                svg = chart_svg(item.block.spec)
                item.image = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def document_html(document: Document, *, for_print: bool = False) -> str:
    layout = lay_out(document)
    draw_figures(layout)
    context = {"document": document, "layout": layout, "css": document_css(for_print=for_print)}
    return render_to_string("reports/document.html", context)
