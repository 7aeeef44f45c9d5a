"""Reading a file of project status updates (CSV or XLSX) into rows, within caps on size, rows and cells.

The file format is German, like the lists the agencies keep: the first row holds the column headings of
``COLUMNS`` (matched case-insensitively, ignoring spaces, hyphens, brackets and the spelling of umlauts).
CSV may be UTF-8 (with or without byte order mark, as Excel's "CSV UTF-8") or Windows-1252 (Excel's plain
"CSV"), separated by semicolons or commas. Workbooks are checked before they are opened (unpacked size,
rows of each sheet) and read in streaming mode; a CSV file is read line by line. Every cell becomes a
stripped text; dates become DD.MM.YYYY, and a number formatted as percent (0.6 shown as 60 %) becomes "60".
``read_table`` reads another list of columns within the same caps (the import of indicator actuals,
``actuals_file``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.core.archives import sheet_rows, unpacked_size_problem, unpacked_sizes

ALLOWED_SUFFIXES = (".csv", ".xlsx")
MAX_ROWS = 2000  # data rows: far more projects than a strategy has
MAX_COLUMNS = 30
MAX_CELL_CHARACTERS = 4000  # the longest text a cell may hold
MAX_WORKBOOK_BYTES = 16 * 1024 * 1024  # unpacked parts of a workbook


class StatusFileError(Exception):
    """The file cannot be read as a list of status updates; the message says why, for the user."""


@dataclass(frozen=True)
class Column:
    header: str
    description: str | Promise
    allowed: str | Promise = ""
    required: bool = False
    aliases: tuple[str, ...] = ()


# Headings as they stand in the file (part of the file format, therefore German).
PROJECT = "Projekt"
STATUS = "Status"
PROGRESS = "Fortschritt"
TEXT = "Text"
REPORTING_DATE = "Stichtag"

# The words the file may use for the statuses (besides the codes of the model).
STATUS_WORDS: dict[str, str] = {
    "Idee": "idea",
    "in Planung": "planning",
    "in Umsetzung": "implementation",
    "abgeschlossen": "completed",
    "zurückgestellt": "deferred",
}
STATUS_ALIASES: dict[str, str] = {
    "planung": "planning",
    "geplant": "planning",
    "umsetzung": "implementation",
    "laufend": "implementation",
    "läuft": "implementation",
    "fertig": "completed",
    "erledigt": "completed",
    "zurueckgestellt": "deferred",
    "pausiert": "deferred",
}

COLUMNS: tuple[Column, ...] = (
    Column(
        PROJECT,
        gettext_lazy(
            "The project: its short name in web addresses (as on its page, e.g. azubi-tour-2027) or its title."
        ),
        required=True,
        aliases=("Projekt-Kurzname", "Kurzname", "Slug", "Projekttitel", "Projektname", "Titel"),
    ),
    Column(
        STATUS,
        gettext_lazy("The project's status. Empty keeps the current status."),
        allowed=", ".join(STATUS_WORDS),
        aliases=("Projektstatus", "Stand"),
    ),
    Column(
        PROGRESS,
        gettext_lazy("Progress in percent, a whole number from 0 to 100 (e.g. 60 or 60 %). Empty keeps it."),
        allowed="0–100",
        aliases=("Fortschritt (%)", "Fortschritt in %", "Fortschritt in Prozent", "Umsetzungsstand"),
    ),
    Column(
        TEXT,
        gettext_lazy("What has happened since the last report, in a few sentences (published)."),
        aliases=("Bericht", "Sachstand", "Kurzbericht", "Bemerkung"),
    ),
    Column(
        REPORTING_DATE,
        gettext_lazy(
            "The reporting date of the round the row belongs to, e.g. 31.03.2027. Empty: the open reporting "
            "round, if there is exactly one."
        ),
        aliases=("Berichtsstichtag", "Datum", "Stand am"),
    ),
)
HEADERS: tuple[str, ...] = tuple(column.header for column in COLUMNS)


def header_key(text: str) -> str:
    folded = text.casefold()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        folded = folded.replace(umlaut, spelled)
    return re.sub(r"[\W_]+", "", folded)


_HEADER_BY_KEY: dict[str, str] = {
    header_key(name): column.header for column in COLUMNS for name in (column.header, *column.aliases)
}


def read_status_table(data: bytes, filename: str) -> list[dict[str, str]]:
    """The data rows of the file keyed by heading (``rows[i]`` is line ``i + 2``; empty lines kept as empty rows).

    Raises ``StatusFileError`` when the file is not CSV or XLSX, is over a cap, cannot be read, or has no
    column "Projekt" or no data rows.
    """
    return read_table(data, filename, header_by_key=_HEADER_BY_KEY, required=(PROJECT,))


def read_table(
    data: bytes,
    filename: str,
    *,
    header_by_key: Mapping[str, str],
    required: Sequence[str],
    cell_text: Callable[[object], str] | None = None,
) -> list[dict[str, str]]:
    """Like ``read_status_table`` for another list of columns, within the same caps.

    ``header_by_key`` maps the ``header_key`` of every accepted heading to the column's name, ``required`` names
    the columns the first row must hold, and ``cell_text`` turns a cell of a workbook into text (default: as
    the status import reads it).
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise StatusFileError(_("Only CSV files (.csv) and Excel workbooks (.xlsx) can be imported."))
    if not data.strip():
        raise StatusFileError(_("The file is empty."))
    lines = _xlsx_lines(data, cell_text or _cell_text) if suffix == ".xlsx" else _csv_lines(data)
    return _rows(lines, header_by_key, required)


def _decode(data: bytes) -> str:
    """UTF-8 (with or without byte order mark), else Windows-1252, else Latin-1 (which always decodes)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _csv_lines(data: bytes) -> Iterator[list[str]]:
    text = _decode(data)
    if "\x00" in text:
        raise StatusFileError(_("The file is not a text file in CSV format."))
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first_line.count(";") >= max(first_line.count(","), 1) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        message = _("The CSV file could not be read near line %(line)s: %(error)s")
        raise StatusFileError(message % {"line": reader.line_num, "error": error}) from error


def _too_many_rows() -> StatusFileError:
    return StatusFileError(
        _("The file has more than %(max)s rows. Please split it into several files.") % {"max": MAX_ROWS}
    )


def _xlsx_lines(data: bytes, cell_text: Callable[[object], str]) -> Iterator[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = _("The file could not be read as an Excel workbook (.xlsx). Save it in Excel as .xlsx or as CSV.")
    too_large = unpacked_size_problem(unpacked_sizes(data), limit=MAX_WORKBOOK_BYTES)
    if too_large:
        raise StatusFileError(too_large)
    counts = sheet_rows(data)
    if counts and max(counts.values()) > MAX_ROWS + 1:
        raise _too_many_rows()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as error:
        raise StatusFileError(unreadable) from error
    try:
        if not workbook.worksheets:
            raise StatusFileError(unreadable)
        sheet = workbook.worksheets[0]
        getattr(sheet, "reset_dimensions", lambda: None)()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for cells in sheet.iter_rows():
                    yield [cell_text(cell) for cell in cells[: MAX_COLUMNS + 1]]
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
            raise StatusFileError(unreadable) from error
    finally:
        workbook.close()


def _cell_text(cell: object) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, int | float) and "%" in str(getattr(cell, "number_format", "") or ""):
        value = value * 100  # a cell formatted as percent holds 0.6 for 60 %
        value = round(value, 10)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


def _rows(
    lines: Iterator[Sequence[str]], header_by_key: Mapping[str, str], required: Sequence[str]
) -> list[dict[str, str]]:
    headings: list[str] | None = None
    for line in lines:
        if any(cell.strip() for cell in line):
            headings = [cell.strip() for cell in line]
            break
    if headings is None:
        raise StatusFileError(_("The file is empty."))
    if len(headings) > MAX_COLUMNS:
        raise StatusFileError(_("The file has more than %(max)s columns.") % {"max": MAX_COLUMNS})
    keys = _header_keys(headings, header_by_key, required)
    rows: list[dict[str, str]] = []
    pending_empty = 0
    for number, line in enumerate(lines, start=2):
        if len(line) > MAX_COLUMNS and any(cell.strip() for cell in line[MAX_COLUMNS:]):
            raise StatusFileError(_("Row %(row)s has more than %(max)s columns.") % {"row": number, "max": MAX_COLUMNS})
        cells = [cell.strip() for cell in line]
        for index, cell in enumerate(cells):
            if len(cell) > MAX_CELL_CHARACTERS:
                column = next((key for position, key in keys if position == index), str(index + 1))
                raise StatusFileError(
                    _("Row %(row)s, column “%(column)s”: the cell holds more than %(max)s characters.")
                    % {"row": number, "column": column, "max": MAX_CELL_CHARACTERS}
                )
        row = {key: cells[index] if index < len(cells) else "" for index, key in keys}
        if not any(row.values()):
            pending_empty += 1  # spreadsheets report formatted but empty rows below the data
            if pending_empty > MAX_ROWS:
                break
            continue
        rows.extend({key: "" for _index, key in keys} for _ in range(pending_empty))
        pending_empty = 0
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise _too_many_rows()
    if not rows:
        raise StatusFileError(_("The file contains no data rows below the column headings."))
    return rows


def _header_keys(
    headings: list[str], header_by_key: Mapping[str, str], required: Sequence[str]
) -> list[tuple[int, str]]:
    keys: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index, heading in enumerate(headings):
        if not heading:
            continue
        key = header_by_key.get(header_key(heading), heading)
        if key in seen:
            raise StatusFileError(_("The column “%(column)s” appears twice in the first row.") % {"column": key})
        seen.add(key)
        keys.append((index, key))
    for column in required:
        if column not in seen:
            raise StatusFileError(
                _("The file has no column “%(column)s”. The first row must hold the column headings.")
                % {"column": column}
            )
    return keys


def template_csv() -> bytes:
    """The CSV template: the headings and an example row, UTF-8 with byte order mark and ';' (as Excel in Germany)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerow(["azubi-tour-2027", "in Umsetzung", "60", "Erste Tour mit zwölf Betrieben.", "31.03.2027"])
    return buffer.getvalue().encode("utf-8-sig")
