"""What an uploaded XLSX workbook holds, found out before it is opened.

Every importer of workbooks checks this first: a workbook of a few hundred kilobytes can unpack
to hundreds of megabytes of XML or hold hundreds of thousands of rows, and opening it with
openpyxl costs minutes and gigabytes (even in read-only mode it reads a sheet without a stated
dimension to its end on opening). The zip's table of contents gives the unpacked sizes; a byte
scan of each sheet's XML gives its rows and merged ranges in milliseconds, without parsing XML.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO

from django.utils.translation import gettext as _
from openpyxl.utils.cell import range_boundaries

ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
MERGE_TAG = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3}\d{1,7}(?::[A-Z]{1,3}\d{1,7})?)"')
_TAIL = 256  # bytes kept from one piece to the next, so that no tag is cut in two


def unpacked_sizes(data: bytes) -> dict[str, int] | None:
    """The unpacked size of each member of the archive by name; None if ``data`` is no readable zip archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {info.filename: info.file_size for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def unpacked_size_problem(sizes: dict[str, int] | None, *, limit: int) -> str | None:
    """The message refusing a workbook whose members (``unpacked_sizes``) unpack to more than ``limit`` bytes."""
    if sizes is None or sum(sizes.values()) <= limit:
        return None
    return _("The workbook unpacks to more than %(size)s MB; split it into several files.") % {"size": limit // 2**20}


@dataclass
class SheetScan:
    """The rows of a sheet and its merged ranges (min_row, min_col, max_row, max_col), up to ``max_merged``."""

    rows: int = 0
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    more_merged: bool = False


def scan_sheet(source: IO[bytes], *, max_merged: int = 10_000) -> SheetScan:
    """Count the rows and collect the merged ranges of a sheet's XML, read in pieces of a megabyte."""
    scan = SheetScan()
    tail = b""
    while piece := source.read(2**20):
        text = tail + piece
        # A tag that ends within the tail was counted with the previous piece.
        scan.rows += sum(1 for match in ROW_TAG.finditer(text) if match.end() > len(tail))
        for match in MERGE_TAG.finditer(text):
            if match.end() <= len(tail):
                continue
            if len(scan.merged) >= max_merged:
                scan.more_merged = True
                continue
            min_col, min_row, max_col, max_row = range_boundaries(match.group(1).decode("ascii"))
            scan.merged.append((min_row or 1, min_col or 1, max_row or 1, max_col or 1))
        tail = text[-_TAIL:]
    return scan


def sheet_rows(data: bytes) -> dict[str, int] | None:
    """The number of rows of every sheet of the workbook by its part's name; None if it is no readable zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            counts = {}
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with archive.open(name) as source:
                        counts[name] = scan_sheet(source, max_merged=0).rows
            return counts
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
