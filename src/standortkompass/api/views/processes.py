"""The processes, their phases, public dates, published news and public boards."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from ninja import Field, Query, Router

from standortkompass.api.responses import Listing, ListQuery, ValidationErrorOut, content_meta, document, listing
from standortkompass.api.schemas.common import Document, Page
from standortkompass.api.schemas.processes import BoardOut, EventOut, NewsOut, PhaseOut, ProcessDetailOut, ProcessOut
from standortkompass.api.selectors import processes as selectors
from standortkompass.api.views.common import DOCUMENT_EXTRA, ERRORS, LIST_EXTRA, ProcessKey, absolute, process_or_404

router = Router(tags=["processes"])


class EventQuery(ListQuery):
    upcoming: bool = Field(False, description="Only dates that have not ended yet.")


@router.get(
    "processes/",
    response={200: Page[ProcessOut], 304: None, 422: ValidationErrorOut},
    url_name="processes",
    openapi_extra=LIST_EXTRA,
)
def processes(request: HttpRequest, query: Query[ListQuery]) -> HttpResponseBase:
    """The public processes, newest first."""
    found = selectors.process_list()
    link = absolute(request)
    return listing(
        request,
        Page[ProcessOut],
        Listing(
            items=found,
            to_json=lambda page: selectors.process_items(page, link),
            columns=selectors.PROCESS_COLUMNS,
            to_rows=lambda rows: selectors.process_rows(selectors.process_items(rows, link)),
            name="prozesse",
        ),
        query,
        content_meta("; ".join(sorted({process.agency_name for process in found}))),
    )


@router.get(
    "processes/{process}/",
    response={200: Document[ProcessDetailOut], **ERRORS},
    url_name="process",
    openapi_extra=DOCUMENT_EXTRA,
)
def process(request: HttpRequest, process: ProcessKey) -> HttpResponseBase:
    """A public process with its current phase."""
    found = process_or_404(process)
    return document(
        request,
        Document[ProcessDetailOut],
        selectors.process_detail(found, absolute(request)),
        content_meta(found.agency_name),
    )


@router.get(
    "processes/{process}/phases/", response={200: Page[PhaseOut], **ERRORS}, url_name="phases", openapi_extra=LIST_EXTRA
)
def phases(request: HttpRequest, process: ProcessKey, query: Query[ListQuery]) -> HttpResponseBase:
    """The phases of a process in their order."""
    found = process_or_404(process)
    current = found.current_phase()
    return listing(
        request,
        Page[PhaseOut],
        Listing(
            items=selectors.phases_of(found),
            to_json=lambda page: selectors.phase_items(page, current),
            columns=selectors.PHASE_COLUMNS,
            to_rows=lambda rows: selectors.phase_items(rows, current),
            name="phasen",
        ),
        query,
        content_meta(found.agency_name),
    )


@router.get(
    "processes/{process}/events/", response={200: Page[EventOut], **ERRORS}, url_name="events", openapi_extra=LIST_EXTRA
)
def events(request: HttpRequest, process: ProcessKey, query: Query[EventQuery]) -> HttpResponseBase:
    """The public dates of a process by their start (board-only dates never)."""
    found = process_or_404(process)
    link = absolute(request)
    return listing(
        request,
        Page[EventOut],
        Listing(
            items=selectors.events_of(found, upcoming=query.upcoming),
            to_json=lambda page: selectors.event_items(page, link),
            columns=selectors.EVENT_COLUMNS,
            to_rows=lambda rows: selectors.event_items(rows, link),
            name="termine",
        ),
        query,
        content_meta(found.agency_name),
    )


@router.get(
    "processes/{process}/news/", response={200: Page[NewsOut], **ERRORS}, url_name="news", openapi_extra=LIST_EXTRA
)
def news(request: HttpRequest, process: ProcessKey, query: Query[ListQuery]) -> HttpResponseBase:
    """The published news of a process, newest first (drafts and news to appear later never)."""
    found = process_or_404(process)
    link = absolute(request)
    return listing(
        request,
        Page[NewsOut],
        Listing(
            items=selectors.news_of(found),
            to_json=lambda page: selectors.news_items(page, link),
            columns=selectors.NEWS_COLUMNS,
            to_rows=lambda rows: selectors.news_items(rows, link),
            name="aktuelles",
        ),
        query,
        content_meta(found.agency_name),
    )


@router.get(
    "processes/{process}/boards/", response={200: Page[BoardOut], **ERRORS}, url_name="boards", openapi_extra=LIST_EXTRA
)
def boards(request: HttpRequest, process: ProcessKey, query: Query[ListQuery]) -> HttpResponseBase:
    """The public boards of a process; members are named only where they agreed, the others are counted."""
    found = process_or_404(process)
    return listing(
        request,
        Page[BoardOut],
        Listing(
            items=selectors.boards_of(found),
            to_json=selectors.board_items,
            columns=selectors.BOARD_COLUMNS,
            to_rows=lambda rows: selectors.board_rows(selectors.board_items(rows)),
            name="gremien",
        ),
        query,
        content_meta(found.agency_name),
    )
