"""A document as DOCX (python-docx), for the agency to edit in Word.

Word's own styles carry the structure: Title and Subtitle, Heading 1–3 (numbered as in the PDF), List Bullet,
Caption for every figure and table; a table-of-contents field that Word fills when the file is opened; tables
as Word tables whose header row repeats on every page; charts as PNG images with the summary sentence as their
alternative text, each followed by its data table; the page number in the footer; the document language
German (or the document's).
"""

from __future__ import annotations

import io
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from standortkompass.core.documents import Document, TableBlock
from standortkompass.reports.charts import chart_png
from standortkompass.reports.layout import Part, lay_out

IMAGE_WIDTH_CM = 16.0
LANGUAGES = {"de": "de-DE", "en": "en-GB"}


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name.replace("_", ":", 1)), value)
    return element


def add_field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (``TOC``, ``PAGE``) with the text shown until Word updates it."""
    paragraph.add_run()._r.append(_element("w:fldChar", w_fldCharType="begin"))
    instruction_text = _element("w:instrText")
    instruction_text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instruction_text.text = f" {instruction} "
    paragraph.add_run()._r.append(instruction_text)
    paragraph.add_run()._r.append(_element("w:fldChar", w_fldCharType="separate"))
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(_element("w:fldChar", w_fldCharType="end"))


def _language(word: Any, language: str) -> None:
    from docx.oxml.ns import qn

    tag = LANGUAGES.get(language[:2], language)
    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in run_properties.findall(qn("w:lang")):
        run_properties.remove(old)
    run_properties.append(_element("w:lang", w_val=tag, w_eastAsia=tag, w_bidi=tag))
    word.core_properties.language = tag


def _table(word: Any, table: TableBlock, caption: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    word.add_paragraph(caption, style="Caption")
    grid = word.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    header = grid.rows[0]
    header._tr.get_or_add_trPr().append(_element("w:tblHeader", w_val="true"))  # repeats on every page
    for index, (label, numeric) in enumerate(table.headers()):
        paragraph = header.cells[index].paragraphs[0]
        paragraph.add_run(label).bold = True
        if numeric:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row_index, row in enumerate(table.cells(), 1):
        for index, (text, numeric) in enumerate(row):
            paragraph = grid.rows[row_index].cells[index].paragraphs[0]
            run = paragraph.add_run(text)
            run.bold = index == 0
            if numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table.note:
        word.add_paragraph(table.note)


def _part(word: Any, part: Part) -> None:
    from docx.shared import Cm

    heading = word.add_heading(f"{part.number} {part.title}", level=min(part.level, 3))
    if part.level == 1:
        heading.paragraph_format.page_break_before = True
    for item in part.items:
        if item.kind == "paragraph":
            word.add_paragraph(item.block.text)
        elif item.kind == "list":
            for entry in item.block.items:
                word.add_paragraph(entry, style="List Bullet")
        elif item.kind == "table":
            _table(word, item.block, item.caption)
        elif item.kind == "figure":
            word.add_picture(io.BytesIO(chart_png(item.block.spec)), width=Cm(IMAGE_WIDTH_CM))
            picture = word.inline_shapes[-1]._inline.docPr
            picture.set("descr", item.block.alt)
            picture.set("title", item.block.caption)
            caption = item.caption
            if item.block.sources:
                caption += " " + "; ".join(item.block.sources)
            word.add_paragraph(caption, style="Caption")
            if item.block.table is not None:
                _table(word, item.block.table, item.table_caption)
    for child in part.parts:
        _part(word, child)


def document_docx(document: Document) -> bytes:
    from docx import Document as WordDocument
    from docx.shared import Cm

    layout = lay_out(document)
    word = WordDocument()
    _language(word, document.language)
    properties = word.core_properties
    properties.title, properties.author, properties.subject = document.title, document.author, document.subtitle
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.4)
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{document.author} · ")
    add_field(footer, "PAGE", "1")

    word.add_paragraph(document.author)
    word.add_paragraph(document.title, style="Title")
    word.add_paragraph(document.subtitle, style="Subtitle")
    generated = formats.date_format(document.generated_at, "DATE_FORMAT")
    word.add_paragraph(_("Generated on %(date)s") % {"date": generated})
    contents = word.add_paragraph(_("Contents"), style="TOC Heading" if "TOC Heading" in word.styles else "Heading 1")
    contents.paragraph_format.page_break_before = True
    add_field(
        word.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', _("(Word fills in the contents when it opens the file.)")
    )
    word.settings.element.append(_element("w:updateFields", w_val="true"))
    for part in layout.parts:
        _part(word, part)

    closing = word.add_heading(_("Data and sources"), level=1)
    closing.paragraph_format.page_break_before = True
    if document.versions:
        word.add_heading(_("Data used"), level=2)
        for label, value in document.versions:
            word.add_paragraph(f"{label}: {value}", style="List Bullet")
    if document.sources:
        word.add_heading(_("Sources"), level=2)
        for source in document.sources:
            word.add_paragraph(source, style="List Bullet")
    stamp = formats.date_format(document.generated_at, "DATETIME_FORMAT")
    word.add_paragraph(_("Generated by Standortkompass on %(date)s from the data then stored.") % {"date": stamp})
    if document.imprint:
        word.add_paragraph(document.imprint)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
