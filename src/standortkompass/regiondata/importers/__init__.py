"""Readers for the statistics formats agencies download.

``read_statistics_file`` turns the bytes of a file into a ``ParsedFile`` (records plus every
problem found, with line and column); ``regiondata.services.statistics_import`` writes it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from standortkompass.regiondata.importers.base import ParsedFile, Problem, Record, StatisticsImportError
from standortkompass.regiondata.importers.eurostat import read_eurostat_tsv
from standortkompass.regiondata.importers.genesis import read_genesis_csv
from standortkompass.regiondata.importers.long import read_long_csv
from standortkompass.regiondata.importers.xlsx import read_genesis_xlsx
from standortkompass.regiondata.models import ImportFormat

__all__ = [
    "FORMATS",
    "ParsedFile",
    "Problem",
    "Record",
    "StatisticsImportError",
    "detect_format",
    "read_statistics_file",
]

Reader = Callable[..., ParsedFile]
FORMATS: dict[str, Reader] = {
    ImportFormat.GENESIS: read_genesis_csv,
    ImportFormat.XLSX: read_genesis_xlsx,
    ImportFormat.LONG: read_long_csv,
    ImportFormat.EUROSTAT: read_eurostat_tsv,
}


def detect_format(file_name: str, data: bytes) -> str | None:
    """The format of a file from its name and first bytes, or None when it cannot be told."""
    name = file_name.casefold()
    if data.startswith(b"PK\x03\x04") or name.endswith(".xlsx"):
        return ImportFormat.XLSX
    if name.endswith((".tsv", ".tsv.gz")) or data[:2] == b"\x1f\x8b":
        return ImportFormat.EUROSTAT
    head = data[:400].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"GENESIS-Tabelle"):
        return ImportFormat.GENESIS
    first_line = head.split(b"\n", 1)[0].decode("latin-1").casefold()
    if "region_code" in first_line:
        return ImportFormat.LONG
    if "\t" in first_line and "\\" in first_line:
        return ImportFormat.EUROSTAT
    return None


def read_statistics_file(data: bytes, *, file_name: str, format: str | None = None, indicator: str = "") -> ParsedFile:
    chosen = format or detect_format(file_name, data)
    if chosen is None or chosen not in FORMATS:
        parsed = ParsedFile(file_name=file_name, format=chosen or "")
        parsed.problem(
            None,
            None,
            _("The format of the file could not be recognised; choose one of: %(formats)s.")
            % {"formats": ", ".join(FORMATS)},
        )
        return parsed
    return FORMATS[chosen](data, file_name=file_name, indicator=indicator)
