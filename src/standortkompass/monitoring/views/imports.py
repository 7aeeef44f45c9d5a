"""The import of project status updates (CSV/XLSX) for Administration: upload → check → confirm.

The one upload flow of the management area (``processes.views.imports``): the check names the row and column
of every problem, and the confirmation saves all rows as reports in their rounds or nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.monitoring import importer
from standortkompass.monitoring.forms.imports import StatusUploadForm
from standortkompass.monitoring.services.status_import import (
    StatusImportRejectedError,
    status_import_apply,
    status_import_check,
)
from standortkompass.processes.views.imports import (
    ImportDone,
    ImportRefusedError,
    StoredUpload,
    UploadFlow,
    UploadUnreadableError,
)


def _help_context() -> dict[str, Any]:
    return {"columns": importer.COLUMNS}


def _rows(upload: StoredUpload) -> list[dict[str, str]]:
    try:
        return importer.read_status_table(upload.data, upload.filename)
    except importer.StatusFileError as error:
        raise UploadUnreadableError(str(error)) from error


def _check(request: ProcessRequest, upload: StoredUpload) -> dict[str, Any]:
    return {"check": status_import_check(process=request.process, rows=_rows(upload))}


def _apply(request: ProcessRequest, upload: StoredUpload) -> ImportDone:
    process = request.process
    rows = _rows(upload)
    try:
        result = status_import_apply(process=process, rows=rows, actor=request.user, filename=upload.filename)
    except StatusImportRejectedError as rejected:
        raise ImportRefusedError(
            _("The file has problems and has not been imported. Nothing has been saved."), {"check": rejected.check}
        ) from rejected
    except ValidationError as error:
        raise ImportRefusedError(
            _("The import could not be saved: %(errors)s Nothing has been saved.")
            % {"errors": " ".join(error.messages)},
            {"check": status_import_check(process=process, rows=rows)},
        ) from error
    return ImportDone(
        _("Import finished: %(created)s reports created, %(updated)s corrected; the projects' status is up to date.")
        % {"created": result.created, "updated": result.updated},
        reverse("monitoring_manage:overview", args=[process.pk]),
    )


STATUS_IMPORT = UploadFlow(
    name="monitoring_status_import",
    permission="monitoring.manage",
    form_class=StatusUploadForm,
    upload_template="monitoring/manage/import_upload.html",
    preview_template="monitoring/manage/import_preview.html",
    missing_title=gettext_lazy("Check the status import"),
    upload_url_name="monitoring_manage:import",
    preview_url_name="monitoring_manage:import_preview",
    check=_check,
    apply=_apply,
    upload_context=_help_context,
)
import_upload, import_preview = STATUS_IMPORT.views()


@process_permission_required("monitoring.manage")
@require_GET
def import_template_csv(request: ProcessRequest, process_pk: int) -> HttpResponse:
    response = HttpResponse(importer.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="projektstand-vorlage.csv"'
    return response
