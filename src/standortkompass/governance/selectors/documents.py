"""Reading board documents as a viewer may see them."""

from __future__ import annotations

from standortkompass.governance.models import Document
from standortkompass.governance.selectors.access import Viewer
from standortkompass.processes.models import StrategyProcess


def documents_of(process: StrategyProcess, viewer: Viewer) -> list[Document]:
    documents = (
        Document.objects.filter(board__process=process)
        .filter(viewer.q())
        .select_related("board", "meeting__event", "entry", "uploaded_by")
        .order_by("-uploaded_at", "-id")
    )
    return [document for document in documents if viewer.sees_document(document)]


def document_for(process: StrategyProcess, viewer: Viewer, pk: int) -> Document | None:
    document = (
        Document.objects.filter(board__process=process, pk=pk).select_related("board", "meeting", "entry").first()
    )
    if document is None or not viewer.sees_document(document):
        return None
    return document
