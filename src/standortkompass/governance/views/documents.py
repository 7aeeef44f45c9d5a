"""Board documents in the management area: the list, upload, change, delete, and the download.

The download is the only way to a document's file: it checks who may see the document and answers with the
file as an attachment, with the type found at upload (never the browser's claim) and ``nosniff``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import cast

from django.contrib import messages
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.governance.filetypes import CONTENT_TYPES
from standortkompass.governance.forms.documents import DocumentEditForm, DocumentUploadForm
from standortkompass.governance.models import Document
from standortkompass.governance.selectors.access import viewer_of
from standortkompass.governance.selectors.documents import document_for, documents_of
from standortkompass.governance.services.documents import (
    DocumentData,
    document_delete,
    document_update,
    document_upload,
)
from standortkompass.governance.storage import document_path
from standortkompass.processes.views.kit import confirm_delete, paginate, render_form, save_form

CHUNK = 64 * 1024


def _document_or_404(request: ProcessRequest, document_pk: int) -> Document:
    document = document_for(request.process, viewer_of(request.user, request.process), document_pk)
    if document is None:
        raise Http404(_("Page not found."))
    return document


def _list_url(process_pk: int) -> str:
    return reverse("governance_manage:documents", args=[process_pk])


def _chunks(path: Path) -> Iterator[bytes]:
    """The file in pieces; it is opened only when the response is sent (and closed after)."""
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            yield chunk


def file_response(document: Document) -> StreamingHttpResponse:
    """The document's file as a download (attachment), or 404 when the file is gone."""
    path = document_path(document.stored_name)
    if path is None or not path.is_file():
        raise Http404(_("The file of this document is missing."))
    response = StreamingHttpResponse(
        _chunks(path), content_type=CONTENT_TYPES.get(document.file_type, "application/octet-stream")
    )
    response["Content-Length"] = str(path.stat().st_size)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=document.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@process_permission_required("governance.view")
@require_GET
def documents(request: ProcessRequest, process_pk: int) -> HttpResponse:
    viewer = viewer_of(request.user, request.process)
    return render(
        request,
        "governance/manage/documents.html",
        {
            "process": request.process,
            "page": paginate(request, documents_of(request.process, viewer)),
            "viewer": viewer,
        },
    )


@process_permission_required("governance.view")
@require_GET
def download(request: ProcessRequest, process_pk: int, document_pk: int) -> StreamingHttpResponse:
    return file_response(_document_or_404(request, document_pk))


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def upload(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    initial = {key: request.GET[key] for key in ("meeting", "entry", "board") if request.GET.get(key, "").isdigit()}
    form = DocumentUploadForm(request.POST or None, request.FILES or None, process=process, initial=initial)
    if saved := save_form(
        request,
        form,
        lambda: document_upload(
            process=process,
            actor=request.user,
            data=cast(DocumentData, {key: value for key, value in form.cleaned_data.items() if key != "file"}),
            upload=form.cleaned_data["file"],
        ),
    ):
        messages.success(request, _("The document “%(title)s” has been uploaded.") % {"title": saved.value.title})
        return redirect(_list_url(process.pk))
    return render_form(
        request,
        form=form,
        title=_("Upload a document"),
        submit_label=_("Upload"),
        cancel_url=_list_url(process.pk),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def document_edit(request: ProcessRequest, process_pk: int, document_pk: int) -> HttpResponse:
    document = _document_or_404(request, document_pk)
    form = DocumentEditForm(
        request.POST or None,
        process=request.process,
        initial={
            "title": document.title,
            "confidentiality": document.confidentiality,
            "meeting": document.meeting_id,
            "entry": document.entry_id,
        },
    )
    if save_form(
        request,
        form,
        lambda: document_update(document=document, actor=request.user, data=cast(DocumentData, form.cleaned_data)),
    ):
        messages.success(request, _("The document “%(title)s” has been saved.") % {"title": document.title})
        return redirect(_list_url(process_pk))
    return render_form(
        request,
        form=form,
        title=_("Edit the document “%(title)s”") % {"title": document.title},
        cancel_url=_list_url(process_pk),
        delete_url=reverse("governance_manage:document_delete", args=[process_pk, document.pk]),
    )


@process_permission_required("governance.manage")
@require_http_methods(["GET", "POST"])
def document_delete_view(request: ProcessRequest, process_pk: int, document_pk: int) -> HttpResponse:
    document = _document_or_404(request, document_pk)
    return confirm_delete(
        request,
        obj=document,
        title=_("Delete the document “%(title)s”?") % {"title": document.title},
        cancel_url=_list_url(process_pk),
        success_url=_list_url(process_pk),
        delete=lambda: document_delete(document=document, actor=request.user),
    )
