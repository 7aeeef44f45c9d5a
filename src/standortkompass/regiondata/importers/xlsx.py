"""XLSX downloads of Regionaldatenbank / GENESIS tables: the same layout as the CSV, in a sheet.

Cells are turned into the text the CSV download would hold (decimal comma, dates as
DD.MM.YYYY) and read by the GENESIS reader; merged header cells count for every column
they span, as the CSV repeats such headings. Only the first sheet is read.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from standortkompass.regiondata.importers.base import ParsedFile
from standortkompass.regiondata.importers.genesis import Row, parse_genesis_rows
from standortkompass.regiondata.models import ImportFormat


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f").replace(".", ",")
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%d.%m.%Y}"
    return str(value)


def read_genesis_xlsx(data: bytes, *, file_name: str, indicator: str = "") -> ParsedFile:
    parsed = ParsedFile(file_name=file_name, format=ImportFormat.XLSX, spreadsheet=True)
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        parsed.problem(None, None, _("The file is not an XLSX workbook (Excel 2007 or later) or it is damaged."))
        return parsed
    sheet = workbook.worksheets[0]
    if len(workbook.worksheets) > 1:
        parsed.notes.append(_("Only the first sheet, %(sheet)s, was read.") % {"sheet": repr(sheet.title)})
    merged: dict[tuple[int, int], object] = {}
    for cell_range in sheet.merged_cells.ranges:
        top_left = sheet.cell(cell_range.min_row, cell_range.min_col).value
        for row in range(cell_range.min_row, cell_range.max_row + 1):
            for column in range(cell_range.min_col, cell_range.max_col + 1):
                merged[(row, column)] = top_left
    rows: list[Row] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [cell_text(merged.get((number, column), value)) for column, value in enumerate(values, start=1)]
        while cells and not cells[-1].strip():
            cells.pop()
        rows.append((number, cells))
    width = max((len(cells) for _number, cells in rows), default=0)
    # A sheet has no ragged rows: pad to the widest row so that an empty value cell is reported as such.
    padded: list[Row] = [(number, cells + [""] * (width - len(cells)) if cells else cells) for number, cells in rows]
    return parse_genesis_rows(padded, parsed, indicator=indicator)
