"""What an uploaded zip archive (an XLSX workbook) unpacks to, read from its table of contents only.

Every importer of workbooks checks this before opening one: a workbook of a few hundred
kilobytes can unpack to hundreds of megabytes of XML, and reading that costs minutes and
gigabytes.
"""

from __future__ import annotations

import io
import zipfile


def unpacked_sizes(data: bytes) -> dict[str, int] | None:
    """The unpacked size of each member of the archive by name; None if ``data`` is no readable zip archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {info.filename: info.file_size for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def unpacked_size(data: bytes) -> int | None:
    """The sum of the unpacked sizes of the archive's members; None if ``data`` is no readable zip archive."""
    sizes = unpacked_sizes(data)
    return None if sizes is None else sum(sizes.values())
