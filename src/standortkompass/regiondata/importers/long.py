"""The simple long CSV for any other source (documented in docs/statistics-import.md).

::

    region_code,region_name,sector_code,sector_name,year,value
    08118,"Ludwigsburg, Landkreis",C,Verarbeitendes Gewerbe,2020,61234

UTF-8 (a byte order mark is allowed), comma-separated; a semicolon or tab as separator is
recognised from the header line. One row per region, sector and year. ``sector_code`` is a
WZ 2008 code or aggregate (``C``, ``B-E``), ``TOTAL`` for an official total, or empty for
values without sectors. ``value`` uses a decimal point (a decimal comma is accepted when the
separator is not a comma) or one of the symbols ``.``, ``-``, ``x``, ``/``, ``...``.
Optional columns: ``indicator`` (otherwise ``--indicator`` names it), ``unit``,
``reference_date`` (YYYY-MM-DD, within ``year``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from django.utils.translation import gettext as _

from standortkompass.regiondata.importers.base import (
    AGS_KEY,
    STATUS_SYMBOLS,
    IndicatorInfo,
    ParsedFile,
    Record,
    decode_text,
    region_code_problem,
)
from standortkompass.regiondata.importers.derived import normalise_sectors
from standortkompass.regiondata.models import ImportFormat, ValueStatus

REQUIRED = ("region_code", "region_name", "sector_code", "sector_name", "year", "value")
OPTIONAL = ("indicator", "unit", "reference_date")
SECTOR_CODE = re.compile(r"^(TOTAL|[A-U](?:-[A-U])?|[A-U]{2,4}|\d{2}(?:\.\d{1,2}){0,2})$")
INDICATOR_CODE = re.compile(r"^[a-z0-9][a-z0-9_.\-]{0,99}$")
POINT_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
COMMA_NUMBER = re.compile(r"^-?\d+(?:,\d+)?$")


def read_long_csv(data: bytes, *, file_name: str, indicator: str = "") -> ParsedFile:
    parsed = ParsedFile(file_name=file_name, format=ImportFormat.LONG)
    text = decode_text(data, parsed, latin1=False)
    if text is None:
        return parsed
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip().casefold() for cell in next(reader)]
    except StopIteration:
        parsed.problem(1, None, _("The file is empty."))
        return parsed
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        parsed.problem(
            1,
            None,
            _("Columns missing in the header: %(missing)s. The header must name %(required)s.")
            % {"missing": ", ".join(missing), "required": ",".join(REQUIRED)},
        )
    for index, name in enumerate(header):
        if name not in REQUIRED and name not in OPTIONAL:
            parsed.problem(1, index + 1, _("Unknown column %(name)s.") % {"name": repr(name)})
    if len(set(header)) != len(header):
        parsed.problem(1, None, _("A column name appears twice in the header."))
    if "indicator" not in header and not indicator:
        parsed.problem(
            1,
            None,
            _("The file has no indicator column; name the indicator with --indicator (e.g. employees_workplace)."),
        )
    if indicator and not INDICATOR_CODE.match(indicator):
        parsed.problem(
            None,
            None,
            _("%(code)s is not a valid indicator code (lower-case letters, digits, _ . -).")
            % {"code": repr(indicator)},
        )
    if parsed.problems:
        return parsed
    position = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}
    units: dict[str, str] = {}
    line = 2
    try:
        for cells in reader:
            current, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            record = _record(parsed, current, cells, position, header, indicator, delimiter)
            if record is not None:
                parsed.records.append(record)
                if "unit" in position:
                    units.setdefault(record.indicator, cells[position["unit"]].strip())
    except csv.Error as error:
        parsed.problem(line, None, _("The CSV structure is broken: %(error)s") % {"error": error})
    if not parsed.records and not parsed.problems:
        parsed.problem(2, None, _("The file has no data rows."))
    for code in {record.indicator for record in parsed.records}:
        parsed.indicators[code] = IndicatorInfo(name=code, unit=units.get(code, ""), source=file_name)
    normalise_sectors(parsed)
    return parsed


def _record(
    parsed: ParsedFile,
    line: int,
    cells: list[str],
    position: dict[str, int],
    header: list[str],
    indicator: str,
    delimiter: str,
) -> Record | None:
    if len(cells) != len(header):
        parsed.problem(
            line,
            None,
            _("The row has %(found)d fields; the header has %(expected)d. Is the row cut off, or a name not quoted?")
            % {"found": len(cells), "expected": len(header)},
        )
        return None
    values = {name: cells[index].strip() for name, index in position.items()}
    problem = _RowProblems(parsed, line, position)
    code = values["region_code"]
    if not AGS_KEY.match(code):
        problem("region_code", region_code_problem(code))
    if not values["region_name"]:
        problem("region_name", _("The region name is empty."))
    sector = values["sector_code"].upper()
    if sector and not SECTOR_CODE.match(sector):
        problem(
            "sector_code",
            _("%(code)s is not a WZ 2008 code (e.g. C, B-E, 10) nor TOTAL.") % {"code": repr(values["sector_code"])},
        )
    year_text = values["year"]
    year = int(year_text) if re.fullmatch(r"(1[89]|20)\d\d", year_text) else None
    if year is None:
        problem("year", _("%(text)s is not a year (four digits).") % {"text": repr(year_text)})
    reference_date = _reference_date(values, year, problem)
    code_of_indicator = values.get("indicator") or indicator
    if not INDICATOR_CODE.match(code_of_indicator):
        problem(
            "indicator" if "indicator" in position else "value",
            _("%(code)s is not a valid indicator code (lower-case letters, digits, _ . -).")
            % {"code": repr(code_of_indicator)},
        )
    value, status = _value(values["value"], delimiter, problem)
    if not problem.ok or year is None:
        return None
    return Record(
        indicator=code_of_indicator,
        region=code,
        region_name=values["region_name"],
        sector=sector,
        year=year,
        reference_date=reference_date,
        value=value,
        status=status,
        source_table=parsed.file_name,
        line=line,
    )


class _RowProblems:
    """Reports a problem of one row at the column of a field; ``ok`` until the first."""

    def __init__(self, parsed: ParsedFile, line: int, position: dict[str, int]) -> None:
        self.parsed, self.line, self.position = parsed, line, position
        self.ok = True

    def __call__(self, name: str, message: str) -> None:
        self.ok = False
        self.parsed.problem(self.line, self.position[name] + 1, message)


def _reference_date(values: dict[str, str], year: int | None, problem: _RowProblems) -> dt.date | None:
    """The optional reference date of a row; it must lie in the row's year."""
    if not values.get("reference_date"):
        return None
    try:
        reference_date = dt.date.fromisoformat(values["reference_date"])
    except ValueError:
        problem("reference_date", _("%(text)s is not a date (YYYY-MM-DD).") % {"text": repr(values["reference_date"])})
        return None
    if year is not None and reference_date.year != year:
        problem("reference_date", _("The reference date lies outside the year %(year)d.") % {"year": year})
    return reference_date


def _value(text: str, delimiter: str, problem: _RowProblems) -> tuple[float | None, ValueStatus]:
    """Value and status of the value cell: a number (decimal comma unless comma-separated) or a symbol."""
    if text in STATUS_SYMBOLS:
        return None, ValueStatus(STATUS_SYMBOLS[text])
    if POINT_NUMBER.match(text):
        return float(text), ValueStatus.VALUE
    if delimiter != "," and COMMA_NUMBER.match(text):
        return float(text.replace(",", ".")), ValueStatus.VALUE
    if not text:
        problem("value", _("The value is empty; write . for an unknown or suppressed value."))
    else:
        problem(
            "value",
            _("%(text)s is not a number (decimal point) nor one of the symbols . - x / ...") % {"text": repr(text)},
        )
    return None, ValueStatus.VALUE
