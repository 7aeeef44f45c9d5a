"""Caps on what one statistics file may make the server do, checked before the work starts.

A real download of the Regionaldatenbank is well under a megabyte (table 13111-07-05-4 of all
Kreise: 0.7 MB, about 12,000 lines); Eurostat's regional tables are a few megabytes packed and
some tens unpacked. The caps leave ample room for such files and refuse files that would
exhaust memory or time: a 200 KB ``.tsv.gz`` that unpacks to 200 MB, a 400 KB workbook with
200,000 rows, a line of a million cells. They apply to the upload in the management area and
to ``standortkompass import-statistics`` alike.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from django.utils.formats import number_format
from django.utils.translation import gettext as _

# Unpacked text of a CSV/TSV file, or the unpacked parts of an XLSX workbook.
MAX_TEXT_BYTES = 64 * 1024 * 1024
MAX_LINES = 500_000
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
    """Why an XLSX workbook is too large to open (its unpacked parts over the text cap), or None.

    Reads only the zip's table of contents. A damaged archive is left to the workbook reader,
    which names it.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if unpacked > MAX_TEXT_BYTES:
        return _("The workbook unpacks to more than %(size)s MB; split it into several files.") % {
            "size": _megabytes(MAX_TEXT_BYTES)
        }
    return None
