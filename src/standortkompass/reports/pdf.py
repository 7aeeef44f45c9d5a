"""A document as PDF (WeasyPrint): tagged PDF/UA-1 from the document's HTML with the print style.

The structure tree holds headings, paragraphs, lists, tables (header cells) and figures with their alternative
text; the document language and title are set and the title is shown in the viewer's window. What WeasyPrint
cannot do is listed in docs/reports.md.
"""

from __future__ import annotations

import logging

from standortkompass.core.documents import Document
from standortkompass.reports.html import FONTS, document_html


def document_pdf(document: Document) -> bytes:
    import weasyprint

    # The screen style's properties that print ignores (overflow-x …) are not worth a warning per document.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    html = document_html(document, for_print=True)
    pdf: bytes = weasyprint.HTML(string=html, base_url=str(FONTS)).write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=document.kind.encode("utf-8"), uncompressed_pdf=False
    )
    return pdf
