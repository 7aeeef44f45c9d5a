"""The clean CSVs shipped in regiondata/official (described in PROVENANCE.md).

Empty cells are explained by the column ``anmerkung`` (``svb_maennlich=. svb_weiblich=.``):
the original symbol becomes the status flag. An empty cell without such a note is a problem,
as is a column the catalogue does not map (``OFFICIAL_FILES`` in ``regiondata.catalogue``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.utils.translation import gettext as _

from standortkompass.regiondata.catalogue import OfficialFile
from standortkompass.regiondata.importers.base import AGS_KEY, STATUS_SYMBOLS, ParsedFile, Record, region_code_problem
from standortkompass.regiondata.importers.derived import add_derived, normalise_sectors
from standortkompass.regiondata.models import ImportFormat, ValueStatus


def read_official_csv(data: bytes, *, spec: OfficialFile) -> ParsedFile:
    parsed = ParsedFile(file_name=spec.path, format=ImportFormat.OFFICIAL, source_table=spec.table)
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    header = next(reader)
    for index, name in enumerate(header):
        if name not in spec.columns and name not in spec.ignored_columns and name != spec.sector_column:
            parsed.problem(1, index + 1, _("Column %(name)s is not mapped to an indicator.") % {"name": repr(name)})
    if "ags" not in header or ("jahr" not in header and "stichtag" not in header):
        parsed.problem(1, None, _("The columns ags and jahr or stichtag are required."))
    if parsed.problems:
        return parsed
    position = {name: index for index, name in enumerate(header)}
    value_columns = [(position[name], column) for name, column in spec.columns.items() if name in position]
    ags, name_at = position["ags"], position.get("name")
    year_at, date_at = position.get("jahr"), position.get("stichtag")
    note_at, sector_at = position.get("anmerkung"), position.get(spec.sector_column) if spec.sector_column else None
    records = parsed.records
    for line, cells in enumerate(reader, start=2):
        if len(cells) != len(header):
            parsed.problem(
                line,
                None,
                _("The row has %(found)d fields; the header has %(expected)d.")
                % {
                    "found": len(cells),
                    "expected": len(header),
                },
            )
            continue
        code = cells[ags]
        if not AGS_KEY.match(code):
            parsed.problem(line, ags + 1, region_code_problem(code))
            continue
        reference_date = dt.date.fromisoformat(cells[date_at]) if date_at is not None and cells[date_at] else None
        year = int(cells[year_at]) if year_at is not None else reference_date.year if reference_date else 0
        symbols = dict(item.split("=", 1) for item in cells[note_at].split()) if note_at is not None else {}
        region_name = cells[name_at] if name_at is not None else code
        row_sector = cells[sector_at] if sector_at is not None else ""
        for index, column in value_columns:
            text = cells[index]
            if text:
                value: float | None = float(text)
                status: str = ValueStatus.VALUE
            else:
                symbol = symbols.get(header[index])
                if symbol not in STATUS_SYMBOLS:
                    parsed.problem(line, index + 1, _("The cell is empty and the column anmerkung gives no symbol."))
                    continue
                value, status = None, STATUS_SYMBOLS[symbol]
            records.append(
                Record(
                    indicator=column.indicator,
                    region=code,
                    region_name=region_name,
                    sector=column.sector or row_sector,
                    year=year,
                    reference_date=reference_date,
                    value=value,
                    status=status,
                    source_table=column.table or spec.table,
                    line=line,
                )
            )
    if parsed.problems:
        return parsed
    add_derived(parsed, spec.derived)
    normalise_sectors(parsed)
    return parsed
