"""Caps on what one statistics file may make the server do, checked before the work starts.

A real download of the Regionaldatenbank is well under a megabyte (table 13111-07-05-4 of all
Kreise: 0.7 MB, about 12,000 lines); Eurostat's regional tables are a few megabytes packed and
some tens unpacked. The caps leave ample room for such files and refuse files that would
exhaust memory or time: a 200 KB ``.tsv.gz`` that unpacks to 200 MB, a 400 KB workbook with
200,000 rows, a line of a million cells. They apply to the upload in the management area and
to ``standortkompass import-statistics`` alike.
"""

from __future__ import annotations

import zlib

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from standortkompass.core.archives import unpacked_size_problem, unpacked_sizes

# Unpacked text of a CSV/TSV file; the unpacked parts of an XLSX workbook (its XML is ~10 times
# the text of the same table, and reading it is slower).
MAX_TEXT_BYTES = 64 * 1024 * 1024
MAX_WORKBOOK_BYTES = 32 * 1024 * 1024
# The workbook's table of texts, which openpyxl reads whole before the first row (a GENESIS
# download holds some hundred kilobytes of it).
MAX_SHARED_STRINGS_BYTES = 4 * 1024 * 1024
MAX_LINES = 500_000
MAX_SHEET_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_CELLS = 5_000_000
# Problems listed one by one; the rest are counted ("and 399,950 more").
MAX_LISTED_PROBLEMS = 200

_MEGABYTE = 1024 * 1024
_CHUNK = 1024 * 1024


def _megabytes(size: int) -> str:
    return str(size // _MEGABYTE)


def grouped(count: int) -> str:
    """A count with the thousands separator of the active language (500.000 in German)."""
    return number_format(count, force_grouping=True)


def text_problem(data: bytes) -> str | None:
    """Why the text of a file is too large to read (size, lines, cells), or None.

    Counts bytes only, so it costs a few milliseconds even for a file at the caps. Cells are
    counted as the separators of the most frequent kind (``;``, ``,`` or tab) plus one per line.
    """
    if len(data) > MAX_TEXT_BYTES:
        return _("The file is larger than %(size)s MB of text; split it into several files.") % {
            "size": _megabytes(MAX_TEXT_BYTES)
        }
    lines = data.count(b"\n") + 1
    if lines > MAX_LINES:
        return _("The file has more than %(lines)s lines; split it into several files.") % {
            "lines": f"{MAX_LINES:,}".replace(",", ".")
        }
    cells = lines + max(data.count(b";"), data.count(b","), data.count(b"\t"))
    if cells > MAX_CELLS:
        return _("The file has more than %(cells)s cells; split it into several files.") % {
            "cells": f"{MAX_CELLS:,}".replace(",", ".")
        }
    return None


def gunzip(data: bytes) -> bytes:
    """The unpacked bytes of a gzip file, unpacked piece by piece and never beyond the text cap.

    Raises ``ValueError`` with the message for the user when the file is damaged or unpacks to
    more than ``MAX_TEXT_BYTES``.
    """
    unpacker = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    pieces: list[bytes] = []
    size = 0
    pending = data
    try:
        while pending and not unpacker.eof:
            piece = unpacker.decompress(pending, _CHUNK)
            size += len(piece)
            if size > MAX_TEXT_BYTES:
                raise ValueError(
                    _("The gzip file unpacks to more than %(size)s MB; split it into several files.")
                    % {"size": _megabytes(MAX_TEXT_BYTES)}
                )
            pieces.append(piece)
            pending = unpacker.unconsumed_tail
    except zlib.error as error:
        raise ValueError(_("The gzip file is damaged.")) from error
    if not unpacker.eof:
        raise ValueError(_("The gzip file is damaged."))
    return b"".join(pieces)


def workbook_problem(data: bytes) -> str | None:
    """Why an XLSX workbook is too large to open, or None: its unpacked parts over ``MAX_WORKBOOK_BYTES``,
    or a table of shared texts over ``MAX_SHARED_STRINGS_BYTES`` (openpyxl reads it whole before any row).

    Reads only the zip's table of contents. A damaged archive is left to the workbook reader,
    which names it.
    """
    sizes = unpacked_sizes(data)
    too_large = unpacked_size_problem(sizes, limit=MAX_WORKBOOK_BYTES)
    if too_large or sizes is None:
        return too_large
    if sizes.get("xl/sharedStrings.xml", 0) > MAX_SHARED_STRINGS_BYTES:
        return _("The workbook holds more than %(size)s MB of text; split it into several files.") % {
            "size": _megabytes(MAX_SHARED_STRINGS_BYTES)
        }
    return None
