"""Building a document of a registered kind and rendering it in one of the formats."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from standortkompass.core.documents import Document
from standortkompass.processes.documents import DocumentUnavailableError, document_kind, document_kinds
from standortkompass.processes.models import StrategyProcess

FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "html": ("text/html; charset=utf-8", "html"),
}


@dataclass(frozen=True)
class Rendered:
    document: Document
    content: bytes
    content_type: str
    extension: str


def build_document(kind: str, process: StrategyProcess, options: Mapping[str, Any] | None = None) -> Document:
    """The document of the kind for the process (in the active language). Raises ``DocumentUnavailableError`` with
    a message for an unknown kind or a process that lacks what the document needs."""
    registered = document_kind(kind)
    if registered is None:
        known = ", ".join(entry.key for entry in document_kinds())
        raise DocumentUnavailableError(
            _("Unknown kind of document “%(kind)s”; known: %(known)s.") % {"kind": kind, "known": known}
        )
    return registered.build(process, dict(options or {}))


def render_document(document: Document, fmt: str) -> Rendered:
    """The document in the format (pdf, docx, html), rendered in the document's language."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    with translation.override(document.language):
        if fmt == "pdf":
            from standortkompass.reports.pdf import document_pdf

            content = document_pdf(document)
        elif fmt == "docx":
            from standortkompass.reports.word import document_docx

            content = document_docx(document)
        else:
            from standortkompass.reports.html import document_html

            content = document_html(document).encode("utf-8")
    content_type, extension = FORMATS[fmt]
    return Rendered(document, content, content_type, extension)
