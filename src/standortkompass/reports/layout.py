"""A document laid out for rendering: numbered sections, figures and tables, each renderer (HTML and PDF,
DOCX) printing the same numbers and captions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from standortkompass.core.documents import BulletList, Document, Figure, Paragraph, Section, TableBlock


@dataclass
class Item:
    """One block of a section: ``kind`` is paragraph, list, table or figure."""

    kind: str
    block: Any
    number: int = 0  # the figure's or the table's number
    table_number: int = 0  # a figure's data table
    caption: str = ""
    table_caption: str = ""
    image: str = ""  # a figure drawn: its data address (reports.html)


@dataclass
class Part:
    id: str
    number: str
    level: int  # 1 for a chapter (h2 in HTML, Heading 1 in Word)
    title: str
    items: list[Item] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)


@dataclass
class Layout:
    document: Document
    parts: list[Part]
    figures: int
    tables: int

    def all_parts(self) -> list[Part]:
        found: list[Part] = []

        def visit(parts: list[Part]) -> None:
            for part in parts:
                found.append(part)
                visit(part.parts)

        visit(self.parts)
        return found


def figure_caption(number: int, text: str) -> str:
    return _("Figure %(number)s: %(caption)s") % {"number": number, "caption": text}


def table_caption(number: int, text: str) -> str:
    return _("Table %(number)s: %(caption)s") % {"number": number, "caption": text}


def lay_out(document: Document) -> Layout:
    counters = {"figure": 0, "table": 0}

    def part(section: Section, number: str, level: int) -> Part:
        laid = Part(id=f"abschnitt-{number.replace('.', '-')}", number=number, level=level, title=section.title)
        for block in section.blocks:
            laid.items.append(_item(block, counters))
        for index, child in enumerate(section.sections, 1):
            laid.parts.append(part(child, f"{number}.{index}", level + 1))
        return laid

    parts = [part(section, str(index), 1) for index, section in enumerate(document.sections, 1)]
    return Layout(document=document, parts=parts, figures=counters["figure"], tables=counters["table"])


def _item(block: Any, counters: dict[str, int]) -> Item:
    if isinstance(block, Paragraph):
        return Item("paragraph", block)
    if isinstance(block, BulletList):
        return Item("list", block)
    if isinstance(block, TableBlock):
        counters["table"] += 1
        return Item("table", block, number=counters["table"], caption=table_caption(counters["table"], block.caption))
    if isinstance(block, Figure):
        counters["figure"] += 1
        item = Item(
            "figure", block, number=counters["figure"], caption=figure_caption(counters["figure"], block.caption)
        )
        if block.table is not None:
            counters["table"] += 1
            item.table_number = counters["table"]
            item.table_caption = table_caption(counters["table"], block.table.caption)
        return item
    raise TypeError(f"not a block of a document: {block!r}")
