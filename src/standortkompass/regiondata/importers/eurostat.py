"""Eurostat TSV tables (bulk download), e.g. nama_10r_3empers, mapped from NUTS to AGS.

::

    freq,unit,wstatus,nace_r2,geo\\TIME_PERIOD\t2019 \t2020
    A,THS_PER,EMP,TOTAL,DE115\t312.5 \t309.8 p
    A,THS_PER,EMP,TOTAL,DE116\t: \t: c

The first column holds the dimensions named in the first header cell (before the
backslash), the others one year each. A value may carry flags after a space (``p``
provisional, ``e`` estimated, ``b`` break in series …), kept as the observation's
qualifier; ``:`` means not available (status ``.``; with flag ``z``, not applicable: ``x``).

Geography: ``DE`` is Germany (``DG``), a NUTS-1 code is a Land (fixed list below, NUTS
2021), a NUTS-3 code is the Kreis with that ``Region.nuts3``. NUTS-2 regions, other
countries and codes not in the region table are left out and counted in the report.
``nace_r2`` becomes the sector (``M_N`` → ``M-N``); the remaining dimensions (``unit``,
``wstatus`` …) form the indicator code when the file has more than one combination of them.
The file may be gzip-compressed (``.tsv.gz``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from standortkompass.regiondata.catalogue import TOTAL
from standortkompass.regiondata.importers.base import IndicatorInfo, ParsedFile, Record, decode_text, slug
from standortkompass.regiondata.importers.derived import normalise_sectors
from standortkompass.regiondata.importers.limits import gunzip
from standortkompass.regiondata.models import ImportFormat, Region, RegionLevel, ValueStatus

# NUTS-1 (2021) code → (AGS of the Land, name); checked against the BKG Länder boundaries in the tests.
NUTS1_LAENDER: dict[str, tuple[str, str]] = {
    "DE1": ("08", "Baden-Württemberg"),
    "DE2": ("09", "Bayern"),
    "DE3": ("11", "Berlin"),
    "DE4": ("12", "Brandenburg"),
    "DE5": ("04", "Bremen"),
    "DE6": ("02", "Hamburg"),
    "DE7": ("06", "Hessen"),
    "DE8": ("13", "Mecklenburg-Vorpommern"),
    "DE9": ("03", "Niedersachsen"),
    "DEA": ("05", "Nordrhein-Westfalen"),
    "DEB": ("07", "Rheinland-Pfalz"),
    "DEC": ("10", "Saarland"),
    "DED": ("14", "Sachsen"),
    "DEE": ("15", "Sachsen-Anhalt"),
    "DEF": ("01", "Schleswig-Holstein"),
    "DEG": ("16", "Thüringen"),
}
VALUE = re.compile(r"^(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*([a-z]*)$")
MISSING = re.compile(r"^:\s*([a-z]*)$")
YEAR = re.compile(r"^\d{4}$")
IGNORED_DIMENSIONS = {"freq"}


def dataset_name(file_name: str) -> str:
    name = file_name.rsplit("/", 1)[-1]
    for suffix in (".gz", ".tsv"):
        name = name.removesuffix(suffix)
    return name.removeprefix("estat_").casefold()


def read_eurostat_tsv(data: bytes, *, file_name: str, indicator: str = "") -> ParsedFile:
    parsed = ParsedFile(file_name=file_name, format=ImportFormat.EUROSTAT)
    text = _text(data, parsed)
    if text is None:
        return parsed
    lines = text.splitlines()
    if not lines:
        parsed.problem(1, None, _("The file is empty."))
        return parsed
    header = _header(lines[0], parsed)
    if header is None or parsed.problems:
        return parsed
    dataset = dataset_name(file_name)
    parsed.source_table = f"Eurostat {dataset}"
    rows = _read_rows(lines, header, parsed)
    if parsed.problems:
        return parsed
    _add_indicators(parsed, rows.combos, header.dimensions, base=indicator or f"eurostat.{dataset}", dataset=dataset)
    _add_notes(parsed, rows)
    if not parsed.records:
        parsed.problem(None, None, _("The file contains no values for German regions."))
    normalise_sectors(parsed)
    return parsed


@dataclass(frozen=True)
class _Header:
    """The first line: how many cells a row has, the names of the key dimensions, the years of the columns."""

    cells: int
    dimensions: list[str]
    years: list[int]


@dataclass
class _Rows:
    """The records of the rows by combination of the other dimensions, and what was left out."""

    combos: dict[tuple[str, ...], list[Record]] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)
    unknown: set[str] = field(default_factory=set)


def _text(data: bytes, parsed: ParsedFile) -> str | None:
    """The file's text, unzipped if it is gzip-compressed; None (with a problem) if it cannot be read."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gunzip(data)
        except ValueError as error:
            parsed.problem(None, None, str(error))
            return None
    return decode_text(data, parsed, latin1=False)


def _header(line: str, parsed: ParsedFile) -> _Header | None:
    """The header line read; None if it is not one of a Eurostat TSV. Cells that are no year are problems."""
    header = line.split("\t")
    if "\\" not in header[0]:
        parsed.problem(
            1,
            1,
            _("This is not a Eurostat TSV: the first header cell must read like 'unit,nace_r2,geo\\TIME_PERIOD'."),
        )
        return None
    dimensions = [name.strip().casefold() for name in header[0].split("\\", 1)[0].split(",")]
    if "geo" not in dimensions:
        parsed.problem(1, 1, _("The table has no geo dimension."))
        return None
    years: list[int] = []
    for index, cell in enumerate(header[1:], start=2):
        if not YEAR.match(cell.strip()):
            parsed.problem(
                1,
                index,
                _("%(text)s is not a year: only annual tables can be imported.") % {"text": repr(cell.strip())},
            )
        else:
            years.append(int(cell.strip()))
    return _Header(cells=len(header), dimensions=dimensions, years=years)


def _regions() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """The districts by NUTS-3 code (AGS, name), and the names of Germany and the Länder by AGS."""
    districts = {
        nuts: (code, name)
        for nuts, code, name in Region.objects.filter(level=RegionLevel.DISTRICT)
        .exclude(nuts3="")
        .values_list("nuts3", "code", "name")
    }
    names = dict(
        Region.objects.filter(code__in=["DG", *(code for code, _name in NUTS1_LAENDER.values())]).values_list(
            "code", "name"
        )
    )
    return districts, names


def _read_rows(lines: list[str], header: _Header, parsed: ParsedFile) -> _Rows:
    """The records of the data rows; rows of regions without an AGS are counted, bad cells are problems."""
    districts, names = _regions()
    dimensions = header.dimensions
    rows = _Rows()
    for line, raw in enumerate(lines[1:], start=2):
        if not raw.strip():
            continue
        cells = raw.split("\t")
        if len(cells) != header.cells:
            parsed.problem(
                line,
                None,
                _("The row has %(found)d fields; the header has %(expected)d. Is the row cut off?")
                % {"found": len(cells), "expected": header.cells},
            )
            continue
        keys = [part.strip() for part in cells[0].split(",")]
        if len(keys) != len(dimensions):
            parsed.problem(
                line,
                1,
                _("%(found)d dimension values for %(expected)d dimensions (%(names)s).")
                % {"found": len(keys), "expected": len(dimensions), "names": ",".join(dimensions)},
            )
            continue
        by_name = dict(zip(dimensions, keys, strict=True))
        geo = by_name["geo"]
        region = _region(geo, districts, names)
        if region is None:
            if geo.startswith("DE") and len(geo) == 5 and not geo.endswith("ZZZ"):
                rows.unknown.add(geo)
            else:
                rows.skipped["other" if not geo.startswith("DE") else "nuts2"] += 1
            continue
        combo = tuple(
            by_name[name] for name in dimensions if name not in {"geo", "nace_r2"} and name not in IGNORED_DIMENSIONS
        )
        sector = by_name.get("nace_r2", "").replace("_", "-")
        records = _row_records(cells[1:], line, region, sector, header.years, parsed)
        if records:
            rows.combos.setdefault(combo, []).extend(records)
    return rows


def _row_records(
    cells: list[str], line: int, region: tuple[str, str], sector: str, years: list[int], parsed: ParsedFile
) -> list[Record]:
    """The values of one row, one record per year; a cell that is no value is a problem."""
    records = []
    for offset, cell in enumerate(cells):
        parsed_value = _value(cell.strip())
        if parsed_value is None:
            parsed.problem(
                line,
                offset + 2,
                _("%(text)s is not a number (decimal point, optional flags) nor ':'.") % {"text": repr(cell.strip())},
            )
            continue
        value, status, qualifier = parsed_value
        records.append(
            Record(
                indicator="",
                region=region[0],
                region_name=region[1],
                sector=TOTAL if sector == "TOTAL" else sector,
                year=years[offset],
                reference_date=None,
                value=value,
                status=status,
                qualifier=qualifier,
                source_table=parsed.source_table,
                line=line,
            )
        )
    return records


def _add_indicators(
    parsed: ParsedFile, combos: dict[tuple[str, ...], list[Record]], dimensions: list[str], *, base: str, dataset: str
) -> None:
    """One indicator per combination of the other dimensions (just ``base`` when there is one), with its records."""
    other_dimensions = [name for name in dimensions if name not in {"geo", "nace_r2"} | IGNORED_DIMENSIONS]
    for combo, records in combos.items():
        code = base if len(combos) == 1 else f"{base}.{slug('.'.join(combo))}"
        for record in records:
            record.indicator = code
        description = ", ".join(f"{name}={value}" for name, value in zip(other_dimensions, combo, strict=True))
        unit = dict(zip(other_dimensions, combo, strict=True)).get("unit", "")
        parsed.indicators[code] = IndicatorInfo(
            name=f"Eurostat {dataset}" + (f" ({description})" if description else ""),
            unit=unit,
            source=f"Eurostat, {dataset}",
            description=description,
        )
        parsed.records.extend(records)


def _add_notes(parsed: ParsedFile, rows: _Rows) -> None:
    """Notes on the rows left out: other countries, NUTS-2 units, NUTS-3 codes not in the region table."""
    if rows.skipped["other"]:
        parsed.notes.append(
            ngettext(
                "Left out %(count)d row of another country.",
                "Left out %(count)d rows of other countries.",
                rows.skipped["other"],
            )
            % {"count": rows.skipped["other"]}
        )
    if rows.skipped["nuts2"]:
        parsed.notes.append(
            ngettext(
                "Left out %(count)d row of a NUTS-2 or extra-regio unit (no AGS counterpart).",
                "Left out %(count)d rows of NUTS-2 or extra-regio units (no AGS counterpart).",
                rows.skipped["nuts2"],
            )
            % {"count": rows.skipped["nuts2"]}
        )
    if rows.unknown:
        parsed.notes.append(
            _("Left out NUTS-3 codes not in the region table (another NUTS version?): %(codes)s")
            % {"codes": ", ".join(sorted(rows.unknown))}
        )


def _region(geo: str, districts: dict[str, tuple[str, str]], names: dict[str, str]) -> tuple[str, str] | None:
    if geo == "DE":
        return "DG", names.get("DG", "Deutschland")
    if geo in NUTS1_LAENDER:
        code, name = NUTS1_LAENDER[geo]
        return code, names.get(code, name)
    if len(geo) == 5:
        return districts.get(geo)
    return None


def _value(text: str) -> tuple[float | None, str, str] | None:
    match = VALUE.match(text)
    if match:
        return float(match.group(1)), ValueStatus.VALUE, match.group(2)
    match = MISSING.match(text)
    if match:
        flags = match.group(1)
        return None, ValueStatus.LOCKED if "z" in flags else ValueStatus.UNKNOWN, flags
    return None
