"""The sheets of an XLSForm file (xlsx, Excel 97–2003 xls, or pyxform's csv layout) as rows of named cells,
and the errors found in them, each with sheet, row and column."""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
from dataclasses import dataclass, field

import openpyxl
import xlrd  # type: ignore[import-untyped]
from django.utils.translation import gettext as _

from standortkompass.core.archives import sheet_rows, unpacked_size_problem, unpacked_sizes

# Caps, checked before the work: the largest real forms have some thousand rows (a choice list of
# every Gemeinde in Germany has 11,000); a workbook made to exhaust the server has far more.
MAX_ROWS = 20_000
MAX_COLUMNS = 300
MAX_WORKBOOK_BYTES = 16 * 1024 * 1024

# Columns of the survey sheet that the schema keeps: per language, and as written.
TRANSLATABLE = ("label", "hint", "required_message", "constraint_message")
PLAIN_COLUMNS = (
    "relevant",
    "constraint",
    "choice_filter",
    "calculation",
    "appearance",
    "parameters",
    "default",
)


@dataclass(frozen=True)
class FormError:
    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        place = [_("sheet %(sheet)s") % {"sheet": self.sheet}] if self.sheet else []
        if self.row is not None:
            place.append(_("row %(row)d") % {"row": self.row})
        if self.column:
            place.append(_("column %(column)s") % {"column": self.column})
        return f"{', '.join(place)}: {self.message}" if place else self.message


class XLSFormError(Exception):
    def __init__(self, errors: list[FormError]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


@dataclass
class Row:
    number: int
    values: dict[str, str]


@dataclass
class Sheets:
    rows: dict[str, list[Row]] = field(default_factory=dict)
    # headers that cannot be read: a column named twice, two headings run together
    problems: list[FormError] = field(default_factory=list)


# Reading ------------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _header(value: str) -> str:
    """Normalise a column header: the base name in lower case, the language as written."""
    if "::" in value:
        base, language = value.split("::", 1)
        return f"{base.strip().lower()}::{language.strip()}"
    base, colon, language = value.partition(":")
    if colon and base.strip().lower() in TRANSLATABLE:  # the older spelling "label:English"
        return f"{base.strip().lower()}::{language.strip()}"
    return value.strip().lower()


def _table(
    raw_rows: list[tuple[int, list[str]]], sheet: str = "", problems: list[FormError] | None = None
) -> list[Row]:
    if not raw_rows:
        return []
    headers = [_header(text) for text in raw_rows[0][1]]
    problems = [] if problems is None else problems
    number = raw_rows[0][0]
    for index, header in enumerate(headers):
        written = raw_rows[0][1][index]
        if header and header in headers[:index]:
            message = _("The column “%(column)s” appears twice in the first row.")
            problems.append(FormError(sheet, number, written, message % {"column": written}))
        elif header.count("::") > 1 and header.split("::", 1)[0] in TRANSLATABLE:  # media::audio::English is right
            message = _(
                "The column heading “%(column)s” contains “::” more than once: two headings seem to have run "
                "together. Give each column its own cell, e.g. “label::Deutsch (de)”."
            )
            problems.append(FormError(sheet, number, written, message % {"column": written}))
    rows = []
    for number, cells in raw_rows[1:]:
        values = {h: c for h, c in zip(headers, cells, strict=False) if h and c}
        if values:
            rows.append(Row(number, values))
    return rows


def _read_xlsx(data: bytes) -> Sheets:
    """The sheets of an xlsx workbook; openpyxl's warnings about features it drops (data validation,
    extensions …), which Excel, Kobo and ODK files carry, do not matter for a form."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        return _read_xlsx_rows(data)


def _too_large(rows: int = 0, columns: int = 0) -> XLSFormError:
    if rows > MAX_ROWS:
        message = _("A sheet has more than %(rows)s rows; this is not a questionnaire.") % {"rows": MAX_ROWS}
    else:
        message = _("A sheet has more than %(columns)s columns; this is not a questionnaire.") % {
            "columns": MAX_COLUMNS
        }
    return XLSFormError([FormError("", None, "", message)])


def _read_xlsx_rows(data: bytes) -> Sheets:
    too_large = unpacked_size_problem(unpacked_sizes(data), limit=MAX_WORKBOOK_BYTES)
    if too_large:
        raise XLSFormError([FormError("", None, "", too_large)])
    counts = sheet_rows(data)
    if counts and max(counts.values()) > MAX_ROWS:
        raise _too_large(rows=max(counts.values()))
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheets = Sheets()
    for worksheet in workbook.worksheets:
        # Rows as stored, not padded to the stated dimension (which may claim the whole grid).
        getattr(worksheet, "reset_dimensions", lambda: None)()
        # Numbered as in the sheet; a formatted but empty last row (row 65,536 in files of Gnumeric and old
        # Excel) or formatted cells far to the right make no form larger than what it holds.
        raw: list[tuple[int, list[str]]] = []
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in row]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            if len(raw) >= MAX_ROWS or len(cells) > MAX_COLUMNS:
                workbook.close()
                raise _too_large(rows=len(raw) + 1, columns=len(cells))
            raw.append((number, cells))
        while raw and not any(raw[0][1]):
            raw.pop(0)
        name = worksheet.title.strip().lower()
        sheets.rows[name] = _table(raw, name, sheets.problems)
    workbook.close()
    return sheets


def _read_xls(data: bytes) -> Sheets:
    """An Excel 97–2003 workbook (xlrd, which pyxform uses for the same files)."""
    book = xlrd.open_workbook(file_contents=data, on_demand=True)
    sheets = Sheets()
    for worksheet in book.sheets():
        if worksheet.nrows > MAX_ROWS or worksheet.ncols > MAX_COLUMNS:
            book.release_resources()
            raise _too_large(rows=worksheet.nrows, columns=worksheet.ncols)
        raw = [
            (number + 1, [_cell_text(_xls_value(cell, book.datemode)) for cell in worksheet.row(number)])
            for number in range(worksheet.nrows)
        ]
        while raw and not any(raw[0][1]):
            raw.pop(0)
        name = worksheet.name.strip().lower()
        sheets.rows[name] = _table(raw, name, sheets.problems)
    book.release_resources()
    return sheets


def _xls_value(cell: xlrd.sheet.Cell, datemode: int) -> object:
    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype in {xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK}:
        return None
    return cell.value


def _read_csv(data: bytes) -> Sheets:
    """The pyxform CSV layout: a row naming a sheet in the first column, its header row, its rows."""
    if data.count(b"\n") > 3 * MAX_ROWS:  # three sheets in one file
        raise _too_large(rows=data.count(b"\n"))
    text = data.decode("utf-8-sig")
    raw: dict[str, list[tuple[int, list[str]]]] = {}
    current: list[tuple[int, list[str]]] | None = None
    for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        if not row:
            continue
        first, content = row[0].strip(), [cell.strip() for cell in row[1:]]
        if first:
            current = raw.setdefault(first.lower(), [])
        if current is not None and any(content):
            current.append((number, content))
    problems: list[FormError] = []
    return Sheets(rows={name: _table(rows, name, problems) for name, rows in raw.items()}, problems=problems)


OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Excel 97–2003 workbooks
ZIP_SIGNATURE = b"PK\x03\x04"  # the container of xlsx workbooks


def workbook_type(data: bytes, filename: str) -> str:
    """``.xls``, ``.xlsx`` or ``.csv``: by the file's content where it tells, else by its name."""
    if data.startswith(OLE2_SIGNATURE):
        return ".xls"
    if data.startswith(ZIP_SIGNATURE):
        return ".xlsx"
    suffix = filename.lower().rsplit(".", 1)[-1]
    return ".csv" if suffix == "csv" else ".xls" if suffix == "xls" else ".xlsx"


def read_sheets(data: bytes, filename: str) -> Sheets:
    file_type = workbook_type(data, filename)
    if file_type == ".csv":
        return _read_csv(data)
    if file_type == ".xls":
        return _read_xls(data)
    return _read_xlsx(data)
