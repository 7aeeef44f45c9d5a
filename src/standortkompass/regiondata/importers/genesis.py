"""Tables of the Regionaldatenbank / GENESIS-Online as downloaded (CSV or, via ``xlsx``, XLSX).

The layout these downloads share::

    GENESIS-Tabelle: 13111-07-05-4              ← table number
    Sozialversicherungspflichtig Beschäftigte…  ← title lines, one may say "Stichtag: 30.06.2020"
    ;;;Nationalität;Nationalität;…              ← header rows: as many empty leading cells as
    ;;;Insgesamt;Insgesamt;…                       there are key columns
    DG;Deutschland;Land- und Forstwirtschaft, Fischerei (A);247538;…
    08118;      Ludwigsburg, Landkreis;Insgesamt;206752;…
    __________                                  ← footer: legend, notes, licence
    © Statistische Ämter des Bundes und der Länder, …

Key columns are recognised by their content: a reference date (``31.12.2015``) or year
(``2020``), the region key (AGS, ``DG`` for Germany) followed by the (indented) region name,
and further dimensions such as the sector (labels ending in a WZ 2008 code in brackets, or a
``WZ08-…`` code) or sex. A date or year may instead stand in a title line, in a row of its
own above a block of rows, or in a header row above each value column. Values use the
decimal comma; the symbols ``.``, ``-``, ``x``, ``/`` and ``...`` become status flags.

Regional units whose cells are all ``-`` in a year are left out: the Regionaldatenbank lists
abolished Kreise that way (see PROVENANCE.md), and they are noted in the report.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from standortkompass.regiondata.catalogue import GENESIS_TABLES, INDICATORS, TOTAL, GenesisTable, normalise_label
from standortkompass.regiondata.importers.base import (
    AGS_KEY,
    STATUS_SYMBOLS,
    IndicatorInfo,
    ParsedFile,
    Record,
    decode_text,
    region_code_problem,
    slug,
)
from standortkompass.regiondata.importers.derived import add_derived, normalise_sectors
from standortkompass.regiondata.models import ImportFormat, ValueStatus

TABLE_LINE = re.compile(r"^GENESIS-Tabelle:\s*(\S+)")
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")
TITLE_PERIOD = re.compile(r"\b(?:Stichtag|Jahr|Berichtsjahr|Zeit)\s*:\s*(\d{2}\.\d{2}\.\d{4}|\d{4})\b")
BRACKET_SECTOR = re.compile(r"\(\s*([A-U](?:\s*-\s*[A-U])?)\s*\)\s*$")
WZ_CODE = re.compile(r"^WZ08-([A-U0-9][A-Z0-9.\-]*)$")
NUMBER = re.compile(r"^-?\d+(?:,\d+)?$")
GROUPED_NUMBER = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
UNIT_IN_TITLE = re.compile(r"\(([^()]+)\)\s*$")
NOTED_UNITS = 10
UNITS = {"anzahl", "prozent", "%", "eur", "tsd. eur", "1000 eur", "mill. eur", "mio. eur", "personen", "km²", "ha"}

# Sector labels of the Regionaldatenbank that carry no code in brackets.
SECTOR_LABELS = {
    "insgesamt": TOTAL,
    "freiberufl,wissenschaftl. techn. dienstl.,sonst.dl": "M-N",
    "öff.verw.,verteidig.,sozialvers.,erz.-u.unterricht": "O-Q",
    "kunst, unterhaltung, erholung, priv. haush.,usw.": "R-U",
}

Period = tuple[int, dt.date | None]
Row = tuple[int, list[str]]


def parse_period(text: str) -> Period | None:
    text = text.strip()
    if YEAR.match(text):
        return int(text), None
    match = DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return year, dt.date(year, month, day)
        except ValueError:
            return None
    return None


def parse_value(text: str) -> tuple[float | None, str] | None:
    """``(value, status)`` of a GENESIS cell, or None when it is neither a number nor a symbol."""
    text = text.strip()
    if text in STATUS_SYMBOLS:
        return None, STATUS_SYMBOLS[text]
    if NUMBER.match(text):
        return float(text.replace(",", ".")), ValueStatus.VALUE
    if GROUPED_NUMBER.match(text):
        return float(text.replace(".", "").replace(",", ".")), ValueStatus.VALUE
    return None


def sector_of_label(label: str) -> str | None:
    label = label.strip()
    match = BRACKET_SECTOR.search(label) or WZ_CODE.match(label)
    if match:
        return re.sub(r"\s+", "", match.group(1))
    return SECTOR_LABELS.get(normalise_label(label))


def read_genesis_csv(data: bytes, *, file_name: str, indicator: str = "") -> ParsedFile:
    parsed = ParsedFile(file_name=file_name, format=ImportFormat.GENESIS)
    text = decode_text(data, parsed, latin1=True)
    if text is None:
        return parsed
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    line = 1
    try:
        for cells in reader:
            rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        parsed.problem(line, None, _("The CSV structure is broken: %(error)s") % {"error": error})
        return parsed
    return parse_genesis_rows(rows, parsed, indicator=indicator)


@dataclass
class _Layout:
    keys: int
    width: int
    period_column: int | None
    region_column: int
    dimension_columns: list[int]
    sector_columns: set[int]


@dataclass
class _ValueColumn:
    index: int
    labels: list[str]
    sector: str
    period: Period | None


def parse_genesis_rows(rows: Sequence[Row], parsed: ParsedFile, *, indicator: str = "") -> ParsedFile:
    """Read the rows of a GENESIS table (from CSV or XLSX) into ``parsed``."""
    rows = [(line, cells) for line, cells in rows]
    table_code = _table_code(rows, parsed)
    if table_code is None:
        return parsed
    parsed.source_table = table_code
    table = GENESIS_TABLES.get(table_code)
    titles, headers, data = _split(rows[1 : _footer(rows, parsed)], parsed)
    if not headers:
        parsed.problem(rows[0][0], None, _("No header rows found (rows starting with an empty cell above the data)."))
        return parsed
    if not data:
        parsed.problem(headers[-1][0], None, _("The table contains no data rows."))
        return parsed
    layout = _layout(headers, data, parsed)
    if layout is None:
        return parsed
    reading = _Reading(
        table=table,
        table_code=table_code,
        layout=layout,
        columns=_value_columns(headers, layout),
        title_period=_title_period(titles),
    )
    unit = _unit(titles)
    _read_data(data, reading, parsed)
    if parsed.problems:
        return parsed
    _name_generic_indicators(parsed, reading.generic_labels, table_code, indicator, unit)
    if table is not None and indicator:
        parsed.notes.append(
            _("Table %(table)s is in the catalogue; its indicators were used and --indicator was ignored.")
            % {"table": table_code}
        )
    _drop_units_without_values(parsed)
    if table is not None:
        add_derived(parsed, table.derived)
    normalise_sectors(parsed)
    return parsed


def _table_code(rows: Sequence[Row], parsed: ParsedFile) -> str | None:
    """The table number from the first line; None (with a problem) if the file is no GENESIS table."""
    match = TABLE_LINE.match(rows[0][1][0].strip() if rows and rows[0][1] else "")
    if match is None:
        parsed.problem(
            rows[0][0] if rows else 1,
            1,
            _(
                "This is not a GENESIS table: the first line must read 'GENESIS-Tabelle: <number>' as in the "
                "download from the Regionaldatenbank or GENESIS-Online."
            ),
        )
        return None
    return match.group(1)


def _footer(rows: Sequence[Row], parsed: ParsedFile) -> int:
    """The index of the footer line '___'; the end of the rows (with a problem) if it is missing."""
    footer = next((i for i, (_l, cells) in enumerate(rows) if cells and cells[0].strip().startswith("___")), None)
    if footer is None:
        parsed.problem(
            rows[-1][0],
            None,
            _("The footer line '__________' is missing: the file seems to be cut off. Download it again."),
        )
        return len(rows)
    return footer


@dataclass
class _Reading:
    """What the data rows are read with, and the indicator codes found so far for (value column, dimensions)."""

    table: GenesisTable | None
    table_code: str
    layout: _Layout
    columns: list[_ValueColumn]
    title_period: Period | None
    combos: dict[tuple[int, tuple[str, ...]], str] = field(default_factory=dict)
    generic_labels: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class _RowKeys:
    """The keys of a data row: period, region, sector and the labels of the other dimensions."""

    period: Period | None
    code: str
    name: str
    sector: str
    dimension_labels: list[str]


def _read_data(data: Sequence[Row], reading: _Reading, parsed: ParsedFile) -> None:
    """The records of the data rows; a row holding only a period sets the period of the rows below it."""
    layout = reading.layout
    block_period: Period | None = None
    for line, cells in data:
        stripped = [cell.strip() for cell in cells]
        if stripped and parse_period(stripped[0]) and not any(stripped[1:]) and layout.period_column != 0:
            block_period = parse_period(stripped[0])
            continue
        if len(cells) != layout.width:
            parsed.problem(
                line,
                None,
                _("The row has %(found)d fields; the header has %(expected)d. Is the row cut off?")
                % {"found": len(cells), "expected": layout.width},
            )
            continue
        keys = _row_keys(line, stripped, block_period or reading.title_period, layout, parsed)
        if keys is not None:
            _add_row_records(line, stripped, keys, reading, parsed)


def _row_keys(
    line: int, stripped: list[str], period: Period | None, layout: _Layout, parsed: ParsedFile
) -> _RowKeys | None:
    """The keys of a data row; None (with a problem) if the period, region or a sector cannot be read."""
    if layout.period_column is not None:
        period = parse_period(stripped[layout.period_column])
        if period is None:
            parsed.problem(
                line,
                layout.period_column + 1,
                _("%(text)s is not a year or a date (DD.MM.YYYY).") % {"text": repr(stripped[layout.period_column])},
            )
            return None
    code = stripped[layout.region_column]
    if not AGS_KEY.match(code):
        parsed.problem(line, layout.region_column + 1, region_code_problem(code))
        return None
    name = stripped[layout.region_column + 1]
    if not name:
        parsed.problem(line, layout.region_column + 2, _("The region name is empty."))
        return None
    sector = ""
    dimension_labels: list[str] = []
    bad_dimension = False
    for index in layout.dimension_columns:
        label = stripped[index]
        if index in layout.sector_columns:
            found = sector_of_label(label)
            if found is None:
                parsed.problem(
                    line,
                    index + 1,
                    _("The sector %(label)s has no WZ 2008 code in brackets and is not a known label.")
                    % {"label": repr(label)},
                )
                bad_dimension = True
            sector = found or ""
        elif label:
            dimension_labels.append(label)
    if bad_dimension:
        return None
    return _RowKeys(period=period, code=code, name=name, sector=sector, dimension_labels=dimension_labels)


def _add_row_records(line: int, stripped: list[str], keys: _RowKeys, reading: _Reading, parsed: ParsedFile) -> None:
    """One record per value column of the row; a cell that is no value, or a value without a period, is a problem."""
    for column in reading.columns:
        cell = parse_value(stripped[column.index])
        if cell is None:
            shown = stripped[column.index]
            message = (
                _("The cell is empty.")
                if not shown
                else _("%(text)s is not a number (decimal comma) nor one of the symbols . - x / ...")
                % {"text": repr(shown)}
            )
            parsed.problem(line, column.index + 1, message)
            continue
        period = column.period or keys.period
        if period is None:
            parsed.problem(
                line,
                column.index + 1,
                _("No year or reference date found for this value (title, first column or header)."),
            )
            continue
        key = (column.index, tuple(keys.dimension_labels))
        if key not in reading.combos:
            reading.combos[key] = _resolve(
                reading.table, column.labels + keys.dimension_labels, parsed, reading.generic_labels
            )
        value, status = cell
        parsed.records.append(
            Record(
                indicator=reading.combos[key],
                region=keys.code,
                region_name=keys.name,
                sector=column.sector or keys.sector,
                year=period[0],
                reference_date=period[1],
                value=value,
                status=status,
                source_table=reading.table_code,
                line=line,
            )
        )


def _split(body: Sequence[Row], parsed: ParsedFile) -> tuple[list[Row], list[Row], list[Row]]:
    titles: list[Row] = []
    headers: list[Row] = []
    data: list[Row] = []
    for line, cells in body:
        stripped = [cell.strip() for cell in cells]
        if not any(stripped):
            continue
        if not headers and not data and stripped[0] and not any(stripped[1:]):
            titles.append((line, cells))
        elif not data and not stripped[0]:
            headers.append((line, cells))
        elif not stripped[0]:
            parsed.problem(line, 1, _("The first cell of a data row is empty."))
        else:
            data.append((line, cells))
    return titles, headers, data


def _leading_blanks(cells: Sequence[str]) -> int:
    count = 0
    for cell in cells:
        if cell.strip():
            break
        count += 1
    return count


def _layout(headers: Sequence[Row], data: Sequence[Row], parsed: ParsedFile) -> _Layout | None:
    keys = min(_leading_blanks(cells) for _line, cells in headers)
    width = max(len(cells) for _line, cells in headers)
    sample_line, sample = next(
        (
            (line, cells)
            for line, cells in data
            if not (parse_period(cells[0]) and not any(c.strip() for c in cells[1:]))
        ),
        data[0],
    )
    stripped = [cell.strip() for cell in sample]
    region_column = next((i for i in range(min(keys, len(stripped))) if AGS_KEY.match(stripped[i])), None)
    if region_column is None or region_column + 1 >= keys:
        parsed.problem(
            sample_line,
            1,
            _("No column with region keys (AGS) followed by region names found among the first %(keys)d columns.")
            % {"keys": keys},
        )
        return None
    period_column = next((i for i in range(region_column) if parse_period(stripped[i])), None)
    dimension_columns = [i for i in range(keys) if i not in {period_column, region_column, region_column + 1}]
    sector_columns = {
        index
        for index in dimension_columns
        if any(
            len(cells) > index and (BRACKET_SECTOR.search(cells[index].strip()) or WZ_CODE.match(cells[index].strip()))
            for _line, cells in data
        )
    }
    return _Layout(keys, width, period_column, region_column, dimension_columns, sector_columns)


def _title_period(titles: Sequence[Row]) -> Period | None:
    for _line, cells in titles:
        match = TITLE_PERIOD.search(cells[0])
        if match:
            return parse_period(match.group(1))
    return None


def _unit(titles: Sequence[Row]) -> str:
    for _line, cells in reversed(titles):
        match = UNIT_IN_TITLE.search(cells[0].strip())
        if match and normalise_label(match.group(1)) in UNITS:
            return match.group(1)
    return ""


def _value_columns(headers: Sequence[Row], layout: _Layout) -> list[_ValueColumn]:
    columns = []
    for index in range(layout.keys, layout.width):
        labels: list[str] = []
        sector = ""
        period: Period | None = None
        for _line, cells in headers:
            label = " ".join(cells[index].split()) if index < len(cells) else ""
            if not label:
                continue
            if parse_period(label):
                period = parse_period(label)
                continue
            found = BRACKET_SECTOR.search(label) or WZ_CODE.match(label)
            if found:
                sector = re.sub(r"\s+", "", found.group(1))
            labels.append(label)
        columns.append(_ValueColumn(index, labels, sector, period))
    return columns


def _resolve(
    table: GenesisTable | None, labels: list[str], parsed: ParsedFile, generic_labels: dict[str, list[str]]
) -> str:
    if table is not None:
        code = table.resolve([normalise_label(label) for label in labels])
        if code is not None and code in INDICATORS:
            return code
        parsed.notes.append(
            _("The heading %(heading)s of table %(table)s is not in the catalogue; imported under its own code.")
            % {"heading": repr(" / ".join(labels)), "table": table.code}
        )
    temporary_key = "\x00" + "\x1f".join(labels)
    generic_labels[temporary_key] = labels
    return temporary_key


def _name_generic_indicators(
    parsed: ParsedFile, generic_labels: dict[str, list[str]], table_code: str, indicator: str, unit: str
) -> None:
    if not generic_labels:
        return
    codes: dict[str, str] = {}
    for temporary_key, labels in generic_labels.items():
        meaningful = [label for label in labels if normalise_label(label) not in UNITS]
        suffix = slug("_".join(_deduplicated(meaningful))) or "value"
        if indicator:
            code = indicator if len(generic_labels) == 1 else f"{indicator}.{suffix}"
        else:
            code = f"{table_code}.{suffix}"
        base, number = code[:95], 2
        code = base
        while code in codes.values():
            code, number = f"{base}_{number}", number + 1
        codes[temporary_key] = code
        column_unit = next((label for label in labels if normalise_label(label) in UNITS), unit)
        parsed.indicators[code] = IndicatorInfo(
            name=" – ".join(_deduplicated(meaningful)) or table_code,
            unit=column_unit,
            source=f"GENESIS-Tabelle {table_code}",
        )
    for record in parsed.records:
        if record.indicator in codes:
            record.indicator = codes[record.indicator]


def _deduplicated(labels: Sequence[str]) -> list[str]:
    result: list[str] = []
    for label in labels:
        if not result or result[-1] != label:
            result.append(label)
    return result


def _drop_units_without_values(parsed: ParsedFile) -> None:
    statuses: dict[tuple[str, int], set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for record in parsed.records:
        statuses[(record.region, record.year)].add(record.status)
        names[record.region] = record.region_name
    empty = {key for key, found in statuses.items() if found == {ValueStatus.NOTHING}}
    if not empty:
        return
    parsed.records = [record for record in parsed.records if (record.region, record.year) not in empty]
    listed = sorted(empty)
    shown = ", ".join(f"{code} {names[code]} ({year})" for code, year in listed[:NOTED_UNITS])
    if len(listed) > NOTED_UNITS:
        shown += ", …"
    parsed.notes.append(
        ngettext(
            "Left out %(count)d regional unit whose cells are all '-' (not existing in that year): %(units)s",
            "Left out %(count)d regional units whose cells are all '-' (not existing in that year): %(units)s",
            len(empty),
        )
        % {"count": len(empty), "units": shown}
    )
