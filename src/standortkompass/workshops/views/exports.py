"""A live session's data as CSV or XLSX (``services.exports``), for facilitators (``workshops.manage``)."""

from __future__ import annotations

import io

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.workshops.models import LiveSession
from standortkompass.workshops.services.exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    file_stem,
    session_csv,
    session_xlsx,
)


def process_session(request: ProcessRequest, session_pk: int) -> LiveSession:
    """The session of the URL, if it belongs to the request's process (else 404)."""
    return get_object_or_404(
        LiveSession.objects.select_related("workshop"), pk=session_pk, workshop__process=request.process
    )


@process_permission_required("workshops.manage")
@require_GET
def export_csv(request: ProcessRequest, process_pk: int, session_pk: int) -> StreamingHttpResponse:
    session = process_session(request, session_pk)
    response = StreamingHttpResponse(session_csv(session), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{file_stem(session)}.csv"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@process_permission_required("workshops.manage")
@require_GET
def export_xlsx(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    """The workbook, built in memory (a session's data is a few hundred kilobytes at most)."""
    session = process_session(request, session_pk)
    target = io.BytesIO()
    session_xlsx(session, target)
    response = HttpResponse(target.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{file_stem(session)}.xlsx"
    )
    response["Cache-Control"] = "private, no-store"
    return response
