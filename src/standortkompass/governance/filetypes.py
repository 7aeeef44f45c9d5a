"""What an uploaded board document is, told by its content (its first bytes and, for office files, the
content types inside the ZIP container), never by its name or the type the browser claims.

Accepted: PDF, Word/Excel/PowerPoint (DOCX, XLSX, PPTX; not the macro-enabled variants), OpenDocument text,
spreadsheet and presentation, PNG, JPEG and plain text (UTF-8, no markup). Anything else is refused.
"""

from __future__ import annotations

import re
import zipfile
from typing import IO

from standortkompass.governance.models import FileType

CONTENT_TYPES: dict[str, str] = {
    FileType.PDF: "application/pdf",
    FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileType.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    FileType.ODT: "application/vnd.oasis.opendocument.text",
    FileType.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    FileType.ODP: "application/vnd.oasis.opendocument.presentation",
    FileType.PNG: "image/png",
    FileType.JPEG: "image/jpeg",
    FileType.TEXT: "text/plain; charset=utf-8",
}
# The main part of an Office Open XML file, as its [Content_Types].xml names it.
_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": FileType.DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": FileType.XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": FileType.PPTX,
}
_ODF = {
    b"application/vnd.oasis.opendocument.text": FileType.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": FileType.ODS,
    b"application/vnd.oasis.opendocument.presentation": FileType.ODP,
}
_CONTENT_TYPES_LIMIT = 1_000_000
_MARKUP = re.compile(rb"<\s*(!doctype|html|script|svg|\?xml|body|iframe|object)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _zip_type(file: IO[bytes]) -> FileType | None:
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if infos and infos[0].filename == "mimetype" and infos[0].file_size < 200:
                return _ODF.get(archive.read(infos[0]).strip())
            try:
                info = archive.getinfo("[Content_Types].xml")
            except KeyError:
                return None
            if info.file_size > _CONTENT_TYPES_LIMIT:
                return None
            declared = archive.read(info).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return None
    found = {kind for main, kind in _OOXML_MAIN.items() if f'ContentType="{main}"' in declared}
    return found.pop() if len(found) == 1 else None


def _is_plain_text(data: bytes) -> bool:
    if not data or _MARKUP.search(data[:65536]) or data.lstrip().startswith(b"<"):
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return _CONTROL.search(text) is None


def detect(file: IO[bytes]) -> FileType | None:
    """The type of the file's content, or None when it is none of the accepted types. Reads from the start."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return FileType.PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return FileType.PNG
        if head.startswith(b"\xff\xd8\xff"):
            return FileType.JPEG
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(file)
        return FileType.TEXT if _is_plain_text(file.read()) else None
    finally:
        file.seek(0)
