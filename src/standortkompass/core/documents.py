"""The document model of the reports (docs/reports.md): what an app hands over to be printed.

An app that contributes a document (the Standortanalyse, the survey report, a workshop's documentation, the
strategy, the implementation report) builds a :class:`Document` from its own selectors: sections with headings,
paragraphs, lists, tables and figures. The ``reports`` app renders it as HTML, PDF and DOCX and never reads the
app's models. Every text is already in the document's language; numbers in tables are already formatted for
display (the apps' machine-readable downloads stay unrounded).

A figure carries its Vega-Lite specification (the same one the page draws), a summary sentence that serves as
its alternative text, and its data table, which the document prints with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class TableBlock:
    """A table with one header row; the first column heads its row. ``numeric`` says per column whether its
    cells are numbers (aligned right)."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    note: str = ""

    def is_numeric(self, index: int) -> bool:
        return index < len(self.numeric) and self.numeric[index]

    def headers(self) -> list[tuple[str, bool]]:
        """(label, numeric) per column."""
        return [(label, self.is_numeric(index)) for index, label in enumerate(self.columns)]

    def cells(self) -> list[list[tuple[str, bool]]]:
        """(text, numeric) per cell, row by row."""
        return [[(text, self.is_numeric(index)) for index, text in enumerate(row)] for row in self.rows]


@dataclass(frozen=True)
class Figure:
    """A chart: its caption, the Vega-Lite spec, the summary sentence (alternative text) and its data."""

    caption: str
    spec: Mapping[str, Any]
    alt: str
    table: TableBlock | None = None
    sources: tuple[str, ...] = ()
    note: str = ""


Block = Paragraph | BulletList | TableBlock | Figure


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Document:
    """A whole document. ``versions`` names the data it was made from (label, value), ``sources`` the
    attribution of the official sources; both are printed at its end."""

    kind: str
    title: str
    subtitle: str
    language: str
    author: str
    sections: tuple[Section, ...]
    generated_at: dt.datetime
    versions: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()
    imprint: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def figures(self) -> list[Figure]:
        return [block for section in walk(self.sections) for block in section.blocks if isinstance(block, Figure)]


def walk(sections: tuple[Section, ...]) -> list[Section]:
    """Every section, depth first, in reading order."""
    found: list[Section] = []
    for section in sections:
        found.append(section)
        found += walk(section.sections)
    return found
