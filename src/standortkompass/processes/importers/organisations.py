"""Reading an organisation list (CSV or XLSX) into rows, and writing the template file.

The file format is German, as the lists agencies get from chambers and municipalities are:
the first row holds the column headings listed in ``COLUMNS`` (matched case-insensitively,
ignoring spaces, hyphens and the spelling of ß/ä/ö/ü). ``read_table`` only reads; checking
the values against the process is ``organisation_import_preview`` in the services.

XML in XLSX files is parsed by the standard library's expat (2.4.1 or newer), which refuses
entity-expansion ("billion laughs") attacks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.core.archives import unpacked_size_problem, unpacked_sizes

ALLOWED_SUFFIXES = (".csv", ".xlsx")
MAX_ROWS = 5000
MAX_COLUMNS = 100
# A workbook of MAX_ROWS rows of 30 filled columns unpacks to a few megabytes; more is not an organisation list.
MAX_WORKBOOK_BYTES = 16 * 1024 * 1024
XLSX_DATA_SHEET = "Organisationen"
XLSX_NOTES_SHEET = "Hinweise"


class ImportFileError(Exception):
    """The file cannot be read as an organisation list; the message says why, for the user."""


@dataclass(frozen=True)
class Column:
    header: str
    description: str | Promise
    allowed: str | Promise = ""
    required: bool = False
    aliases: tuple[str, ...] = ()


# Headings as they stand in the file (part of the file format, therefore German).
EXTERNAL_ID = "Externe ID"
NAME = "Name"
TYPE = "Typ"
STREET = "Straße"
POSTAL_CODE = "PLZ"
CITY = "Ort"
MUNICIPALITY_CODE = "Gemeindeschlüssel"
MUNICIPALITY_NAME = "Gemeinde"
WEBSITE = "Website"
SECTOR_SECTION = "WZ-Abschnitt"
SECTOR_DIVISION = "WZ-Abteilung"
SIZE_CLASS = "Größenklasse"
EMPLOYEES = "Beschäftigte"
CONTACT_NAME = "Ansprechperson"
CONTACT_ROLE = "Funktion"
CONTACT_EMAIL = "E-Mail"
CONTACT_PHONE = "Telefon"
CONSENT = "Einwilligung"
CONSENT_SCOPE = "Einwilligung wofür"
CONSENT_DATE = "Einwilligung am"
CONSENT_METHOD = "Einwilligung wie"

# The words the file may use for the organisation types, consent methods and yes/no.
TYPE_WORDS: dict[str, str] = {
    "Verwaltung": "administration",
    "Kommune": "municipality",
    "Verband": "association",
    "Kammer": "chamber",
    "Arbeitsmarkt": "labour_market",
    "Bildung": "education",
    "Unternehmen": "company",
    "Sponsor": "sponsor",
    "Beratung": "consultancy",
}
CONSENT_METHOD_WORDS: dict[str, str] = {
    "Online-Formular": "online",
    "E-Mail": "email",
    "schriftlich": "written",
    "persönlich": "in_person",
    "telefonisch": "phone",
    "Import": "import",
}
YES_WORDS = ("ja", "j", "yes", "y", "x", "1", "wahr", "true")
NO_WORDS = ("nein", "n", "no", "0", "falsch", "false")
SIZE_CLASS_WORDS = ("0-9", "10-49", "50-249", "250+")

COLUMNS: tuple[Column, ...] = (
    Column(
        EXTERNAL_ID,
        gettext_lazy(
            "Key of the organisation in the source list, e.g. the chamber's member number. "
            "A re-import finds the organisation by this key; without it, by name and municipality."
        ),
        aliases=("ID", "Mitgliedsnummer", "Kundennummer"),
    ),
    Column(
        NAME, gettext_lazy("Name of the organisation."), required=True, aliases=("Firma", "Firmenname", "Organisation")
    ),
    Column(
        TYPE,
        gettext_lazy("Kind of organisation. Empty means company (for a new organisation)."),
        allowed=", ".join(TYPE_WORDS),
        aliases=("Art", "Organisationstyp"),
    ),
    Column(STREET, gettext_lazy("Street and house number."), aliases=("Strasse", "Straße und Hausnummer", "Adresse")),
    Column(POSTAL_CODE, gettext_lazy("Postal code, five digits."), aliases=("Postleitzahl",)),
    Column(CITY, gettext_lazy("Town as written in the address."), aliases=("Stadt",)),
    Column(
        MUNICIPALITY_CODE,
        gettext_lazy("Official municipality key (AGS, eight digits) of a municipality in the region of the process."),
        aliases=("AGS", "Amtlicher Gemeindeschlüssel", "Gemeindeschluessel", "Gemeindekennziffer"),
    ),
    Column(
        MUNICIPALITY_NAME,
        gettext_lazy(
            "Name of the municipality in the region of the process (e.g. Ludwigsburg), if the key is not given."
        ),
        aliases=("Gemeindename", "Kommune"),
    ),
    Column(
        WEBSITE,
        gettext_lazy("Web address; https:// is added if missing."),
        aliases=("Webseite", "Homepage", "Internet", "URL"),
    ),
    Column(
        SECTOR_SECTION,
        gettext_lazy("WZ 2008 section: one letter from A to U (companies)."),
        allowed="A–U",
        aliases=("WZ Abschnitt", "Abschnitt", "Wirtschaftsabschnitt"),
    ),
    Column(
        SECTOR_DIVISION,
        gettext_lazy(
            "WZ 2008 division: two digits (e.g. 28) belonging to the section. A longer WZ code such as 28.22.0 is "
            "shortened to its division; the section is derived when it is empty."
        ),
        aliases=("WZ Abteilung", "Abteilung", "WZ-Code", "WZ 2008", "WZ"),
    ),
    Column(
        SIZE_CLASS,
        gettext_lazy("Size class by number of employees; derived from the number of employees when empty."),
        allowed=", ".join(SIZE_CLASS_WORDS),
        aliases=("Groessenklasse", "Grösse", "Größe", "Unternehmensgröße"),
    ),
    Column(
        EMPLOYEES,
        gettext_lazy("Number of employees, a whole number; it must fit the size class."),
        aliases=("Beschaeftigte", "Mitarbeiter", "Mitarbeitende", "Anzahl Beschäftigte", "Anzahl Mitarbeiter"),
    ),
    Column(
        CONTACT_NAME,
        gettext_lazy("Name of the contact person. A re-import finds the contact by e-mail address."),
        aliases=("Ansprechpartner", "Ansprechpartnerin", "Kontaktperson", "Kontakt"),
    ),
    Column(
        CONTACT_ROLE, gettext_lazy("Role of the contact person, e.g. managing director."), aliases=("Rolle", "Position")
    ),
    Column(
        CONTACT_EMAIL,
        gettext_lazy("E-mail address of the contact person."),
        aliases=("Email", "Mail", "E-Mail-Adresse"),
    ),
    Column(CONTACT_PHONE, gettext_lazy("Telephone number of the contact person."), aliases=("Tel", "Telefonnummer")),
    Column(
        CONSENT,
        gettext_lazy(
            "Whether the contact person agreed to be contacted. "
            "“nein” for a contact who had agreed records the withdrawal; empty leaves the recorded consent as it is."
        ),
        allowed="ja, nein",
        aliases=("Einwilligung ja/nein", "Einverständnis"),
    ),
    Column(
        CONSENT_SCOPE,
        gettext_lazy("What the person agreed to, e.g. invitations to the survey and workshops. Required with “ja”."),
        aliases=("Einwilligung wofuer", "Einwilligung für", "Einwilligung Umfang", "Einwilligung was"),
    ),
    Column(
        CONSENT_DATE,
        gettext_lazy("When the person agreed, e.g. 01.03.2026 or 01.03.2026 14:30. Required with “ja”."),
        aliases=("Einwilligung Datum", "Einwilligungsdatum"),
    ),
    Column(
        CONSENT_METHOD,
        gettext_lazy("How the person agreed. Empty with “ja” means: given together with the source list (Import)."),
        allowed=", ".join(CONSENT_METHOD_WORDS),
        aliases=("Einwilligung Art", "Einwilligung durch"),
    ),
)
HEADERS: tuple[str, ...] = tuple(column.header for column in COLUMNS)


def header_key(text: str) -> str:
    """The comparison key of a heading: case-folded, only letters and digits, umlauts spelled out."""
    folded = text.casefold()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        folded = folded.replace(umlaut, spelled)
    return re.sub(r"[\W_]+", "", folded)


_HEADER_BY_KEY: dict[str, str] = {
    header_key(name): column.header for column in COLUMNS for name in (column.header, *column.aliases)
}


def canonical_header(text: str) -> str | None:
    """The documented heading a heading in the file stands for, or None if it is not one."""
    return _HEADER_BY_KEY.get(header_key(text))


def read_table(file: IO[bytes], filename: str) -> list[dict[str, str]]:
    """The data rows of an uploaded CSV or XLSX file, keyed by heading.

    Known headings are replaced by their documented spelling (``COLUMNS``); unknown ones are
    kept as written. ``rows[i]`` is line ``i + 2`` of the file (line 1 holds the headings);
    empty lines are kept as rows of empty strings so that line numbers stay right. Every value
    is a stripped string. Raises ``ImportFileError`` with a message for the user when the file
    cannot be read or has no "Name" column or no data rows.
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ImportFileError(_("Only CSV files (.csv) and Excel workbooks (.xlsx) can be imported."))
    data = file.read()
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    lines = _xlsx_lines(data) if suffix == ".xlsx" else _csv_lines(data)
    return _rows_from_lines(lines)


def _csv_lines(data: bytes) -> Iterator[list[str]]:
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError(_("The file is not a text file in CSV format."))
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first_line.count(";") >= max(first_line.count(","), 1) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        message = _("The CSV file could not be read near line %(line)s: %(error)s")
        raise ImportFileError(message % {"line": reader.line_num, "error": error}) from error


def _decode(data: bytes) -> str:
    """UTF-8 (with or without byte order mark), else Windows-1252, else Latin-1 (which always decodes)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _xlsx_lines(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = _("The file could not be read as an Excel workbook (.xlsx). Save it in Excel as .xlsx or as CSV.")
    too_large = unpacked_size_problem(unpacked_sizes(data), limit=MAX_WORKBOOK_BYTES)
    if too_large:
        raise ImportFileError(too_large)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it skips (data validation, styles); they do not matter here.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as error:
        raise ImportFileError(unreadable) from error
    try:
        if not workbook.worksheets:
            raise ImportFileError(unreadable)
        sheet = workbook[XLSX_DATA_SHEET] if XLSX_DATA_SHEET in workbook.sheetnames else workbook.worksheets[0]
        # Rows as stored, not padded to the sheet's stated dimension (which may claim the whole grid).
        getattr(sheet, "reset_dimensions", lambda: None)()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for values in sheet.iter_rows(values_only=True):
                    yield [_cell_text(value) for value in values[:MAX_COLUMNS]]
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
            raise ImportFileError(unreadable) from error
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M") if value.time() != dt.time(0, 0) else value.strftime("%d.%m.%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value).strip()


def _rows_from_lines(lines: Iterable[Sequence[str]]) -> list[dict[str, str]]:
    iterator = iter(lines)
    headings: list[str] | None = None
    for line in iterator:
        if any(cell.strip() for cell in line):
            headings = [cell.strip() for cell in line[:MAX_COLUMNS]]
            break
    if headings is None:
        raise ImportFileError(_("The file is empty."))
    keys = _header_keys(headings)
    empty_row = dict.fromkeys((key for _index, key in keys), "")
    rows: list[dict[str, str]] = []
    pending_empty = 0
    for line in iterator:
        cells = [cell.strip() for cell in line]
        row = {key: cells[index] if index < len(cells) else "" for index, key in keys}
        if not any(row.values()):
            # Spreadsheets often report thousands of formatted but empty rows below the data.
            pending_empty += 1
            if pending_empty > MAX_ROWS:
                break
            continue
        rows.extend(dict(empty_row) for _ in range(pending_empty))
        pending_empty = 0
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(max)s rows. Please split it into several files.") % {"max": MAX_ROWS}
            )
    if not rows:
        raise ImportFileError(_("The file contains no data rows below the column headings."))
    return rows


def _header_keys(headings: list[str]) -> list[tuple[int, str]]:
    """``(position, heading)`` of the non-empty headings, known ones in their documented spelling."""
    keys: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index, heading in enumerate(headings):
        if not heading:
            continue
        key = canonical_header(heading) or heading
        if key in seen:
            raise ImportFileError(_("The column “%(column)s” appears twice in the first row.") % {"column": key})
        seen.add(key)
        keys.append((index, key))
    if NAME not in seen:
        raise ImportFileError(
            _(
                "The file has no column “%(column)s”. The first row must hold the column headings, "
                "as in the template file."
            )
            % {"column": NAME}
        )
    return keys


def template_csv(example: dict[str, str]) -> bytes:
    """The CSV template: headings and one example row, UTF-8 with byte order mark and ';' (as Excel in Germany)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerow([example.get(header, "") for header in HEADERS])
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(example: dict[str, str], notes: Sequence[Sequence[str]]) -> bytes:
    """The XLSX template: a sheet with headings and one example row, and a sheet "Hinweise" with ``notes``.

    Every cell of the data sheet is formatted as text, so that postal codes and municipality keys
    keep their leading zero when someone types them in.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = XLSX_DATA_SHEET
    sheet.append(list(HEADERS))
    sheet.append([example.get(header, "") for header in HEADERS])
    for column_index, header in enumerate(HEADERS, start=1):
        letter = get_column_letter(column_index)
        sheet.column_dimensions[letter].width = max(14, len(header) + 4)
        for row_index in range(1, 501):
            cell = sheet.cell(row=row_index, column=column_index)
            cell.number_format = "@"
        sheet.cell(row=1, column=column_index).font = Font(bold=True)
    sheet.freeze_panes = "A2"
    notes_sheet = workbook.create_sheet(XLSX_NOTES_SHEET)
    for line in notes:
        notes_sheet.append(list(line))
    notes_sheet.column_dimensions["A"].width = 26
    notes_sheet.column_dimensions["B"].width = 12
    notes_sheet.column_dimensions["C"].width = 90
    notes_sheet.column_dimensions["D"].width = 60
    for row in notes_sheet.iter_rows(min_row=1, max_row=1):
        for cell in row:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
