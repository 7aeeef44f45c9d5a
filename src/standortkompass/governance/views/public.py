"""The public register under /beschluesse/: the public recommendations and decisions of the public boards."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from standortkompass.governance.models import EntryKind, EntryStatus
from standortkompass.governance.selectors.register import (
    RegisterFilter,
    elements_shown,
    public_boards_with_entries,
    public_document,
    public_documents_of_entry,
    public_entries,
    public_entry,
)
from standortkompass.governance.views.documents import file_response
from standortkompass.processes import evidence
from standortkompass.processes.models import StrategyProcess
from standortkompass.processes.selectors import current_public_process
from standortkompass.processes.views.kit import paginate, query_without_page


def _process() -> StrategyProcess:
    process = current_public_process()
    if process is None:
        raise Http404(_("No strategy process has been published yet."))
    return process


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    process = _process()
    where = RegisterFilter.of(request.GET)
    return render(
        request,
        "governance/public/register.html",
        {
            "process": process,
            "page": paginate(request, public_entries(process, where)),
            "query": query_without_page(request),
            "where": where,
            "boards": public_boards_with_entries(process),
            "kinds": EntryKind.choices,
            "statuses": EntryStatus.choices,
        },
    )


@require_GET
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process()
    found = public_entry(process, pk)
    if found is None:
        raise Http404(_("There is no such public recommendation or decision."))
    elements, unpublished = elements_shown(found, public=True)
    return render(
        request,
        "governance/public/entry.html",
        {
            "process": process,
            "entry": found,
            "elements": elements,
            "unpublished_elements": unpublished,
            "documents": public_documents_of_entry(found),
            "citations": evidence.citations(process, f"board:{found.pk}", public=True),
            "hide_meeting": found.meeting is not None and found.meeting.confidentiality != "public",
        },
    )


@require_GET
def document(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    found = public_document(_process(), pk)
    if found is None:
        raise Http404(_("There is no such public document."))
    return file_response(found)
