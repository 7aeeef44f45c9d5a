"""XLSX downloads of Regionaldatenbank / GENESIS tables: the same layout as the CSV, in a sheet.

Cells are turned into the text the CSV download would hold (decimal comma, dates as
DD.MM.YYYY) and read by the GENESIS reader; merged header cells count for every column
they span, as the CSV repeats such headings. Only the first sheet is read, in streaming
(read-only) mode and within the caps of ``limits``.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from standortkompass.core.archives import scan_sheet, sheet_rows
from standortkompass.regiondata.importers.base import ParsedFile
from standortkompass.regiondata.importers.genesis import Row, parse_genesis_rows
from standortkompass.regiondata.importers.limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_SHEET_ROWS,
    grouped,
    workbook_problem,
)
from standortkompass.regiondata.models import ImportFormat

MAX_MERGED_RANGES = 10_000


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
    too_large = workbook_problem(data) or _sheet_problem(data)
    if too_large:
        parsed.problem(None, None, too_large)
        return parsed
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        parsed.problem(None, None, _("The file is not an XLSX workbook (Excel 2007 or later) or it is damaged."))
        return parsed
    try:
        if not workbook.worksheets:
            parsed.problem(None, None, _("The workbook has no sheet."))
            return parsed
        sheet = workbook.worksheets[0]
        if len(workbook.worksheets) > 1:
            parsed.notes.append(_("Only the first sheet, %(sheet)s, was read.") % {"sheet": repr(sheet.title)})
        rows = _sheet_rows(sheet, workbook, parsed)
    finally:
        workbook.close()
    if rows is None:
        return parsed
    width = max((len(cells) for _number, cells in rows), default=0)
    # A sheet has no ragged rows: pad to the widest row so that an empty value cell is reported as such.
    padded: list[Row] = [(number, cells + [""] * (width - len(cells)) if cells else cells) for number, cells in rows]
    return parse_genesis_rows(padded, parsed, indicator=indicator)


def _sheet_problem(data: bytes) -> str | None:
    """Why a sheet of the workbook has too many rows to read, or None; runs before the workbook is opened."""
    counts = sheet_rows(data)
    if counts and max(counts.values()) > MAX_SHEET_ROWS:
        return _("The sheet has more than %(rows)s rows.") % {"rows": grouped(MAX_SHEET_ROWS)}
    return None


def _sheet_rows(sheet: Worksheet, workbook: Workbook, parsed: ParsedFile) -> list[Row] | None:
    """The rows of the sheet as CSV-like text cells, read in streaming mode within the caps; None if refused."""
    # The sheet's stated dimension is not trusted: rows come as stored, not padded to it (a
    # dimension of the whole grid would make every row 16,384 cells wide). The method is the
    # read-only sheet's, which openpyxl's type stubs do not describe.
    getattr(sheet, "reset_dimensions")()  # noqa: B009
    try:
        merged = _merged_cells(workbook, sheet)
    except SheetTooLargeError as error:
        parsed.problem(None, None, str(error))
        return None
    except (KeyError, OSError, ValueError):
        parsed.problem(None, None, _("The file is not an XLSX workbook (Excel 2007 or later) or it is damaged."))
        return None
    rows: list[Row] = []
    cells_read = 0
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_SHEET_ROWS:
            parsed.problem(None, None, _("The sheet has more than %(rows)s rows.") % {"rows": grouped(MAX_SHEET_ROWS)})
            return None
        cells_read += len(values)
        if cells_read > MAX_CELLS:
            parsed.problem(None, None, _("The sheet has more than %(cells)s cells.") % {"cells": grouped(MAX_CELLS)})
            return None
        cells = [cell_text(merged.get((number, column), value)) for column, value in enumerate(values, start=1)]
        while cells and not cells[-1].strip():
            cells.pop()
        if len(cells) > MAX_COLUMNS:
            message = _("The row has more than %(columns)s columns.") % {"columns": grouped(MAX_COLUMNS)}
            parsed.problem(number, None, message)
            return None
        rows.append((number, cells))
    return rows


class SheetTooLargeError(ValueError):
    """The sheet is over a cap; the message says which."""


def _merged_cells(workbook: Workbook, sheet: Worksheet) -> dict[tuple[int, int], object]:
    """The value of the top-left cell for every cell of a merged range (GENESIS merges header cells).

    The streaming reader does not keep merged ranges, so they are found in the sheet's XML by
    :func:`_scan_sheet`, which also counts the rows before any is read; the values of their
    top-left cells come from a streaming read of the header rows they span.
    """
    # openpyxl's read-only sheets keep no merged ranges: read them from the sheet's part of the archive.
    archive: zipfile.ZipFile = getattr(workbook, "_archive")  # noqa: B009
    with archive.open(str(getattr(sheet, "_worksheet_path"))) as source:  # noqa: B009
        scan = scan_sheet(source, max_merged=MAX_MERGED_RANGES)
    if scan.more_merged:
        message = _("The sheet has more than %(count)s merged cell ranges.")
        raise SheetTooLargeError(message % {"count": grouped(MAX_MERGED_RANGES)})
    row_count, ranges = scan.rows, scan.merged
    if row_count > MAX_SHEET_ROWS:
        raise SheetTooLargeError(_("The sheet has more than %(rows)s rows.") % {"rows": grouped(MAX_SHEET_ROWS)})
    if not ranges:
        return {}
    last_row = max(min_row for min_row, _min_col, _max_row, _max_col in ranges)
    if last_row > MAX_SHEET_ROWS:
        raise ValueError("merged range beyond the rows read")
    top_left: dict[tuple[int, int], object] = {}
    wanted = {(min_row, min_col) for min_row, min_col, _max_row, _max_col in ranges}
    for number, values in enumerate(sheet.iter_rows(max_row=last_row, values_only=True), start=1):
        for column, value in enumerate(values, start=1):
            if (number, column) in wanted:
                top_left[(number, column)] = value
    merged: dict[tuple[int, int], object] = {}
    for min_row, min_col, max_row, max_col in ranges:
        if (max_row - min_row + 1) * (max_col - min_col + 1) > MAX_CELLS:
            raise ValueError("merged range too large")
        first = top_left.get((min_row, min_col))
        for row in range(min_row, max_row + 1):
            for column in range(min_col, min(max_col, MAX_COLUMNS) + 1):
                merged[(row, column)] = first
        if len(merged) > MAX_CELLS:
            raise ValueError("merged ranges too large")
    return merged
