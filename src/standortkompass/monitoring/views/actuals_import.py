"""The import of indicator actual values (CSV/XLSX) for Redaktion and Administration: upload → check → confirm.

The one upload flow of the management area (``processes.views.imports``): the check names the row and column
of every problem and shows the value a row replaces; the confirmation saves all values or none.
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
from standortkompass.monitoring import actuals_file
from standortkompass.monitoring.forms.imports import ActualsUploadForm
from standortkompass.monitoring.importer import StatusFileError
from standortkompass.monitoring.services.actuals_import import (
    ActualsImportRejectedError,
    actuals_import_apply,
    actuals_import_check,
    unbound_indicators,
)
from standortkompass.processes.views.imports import (
    ImportDone,
    ImportRefusedError,
    StoredUpload,
    UploadFlow,
    UploadUnreadableError,
)

PERMISSION = "monitoring.import_actuals"


def _help_context() -> dict[str, Any]:
    return {"columns": actuals_file.COLUMNS, "not_read": actuals_file.NOT_READ}


def _rows(upload: StoredUpload) -> list[dict[str, str]]:
    try:
        return actuals_file.read_actuals_table(upload.data, upload.filename)
    except StatusFileError as error:
        raise UploadUnreadableError(str(error)) from error


def _check(request: ProcessRequest, upload: StoredUpload) -> dict[str, Any]:
    return {"check": actuals_import_check(process=request.process, rows=_rows(upload))}


def _apply(request: ProcessRequest, upload: StoredUpload) -> ImportDone:
    process = request.process
    rows = _rows(upload)
    try:
        result = actuals_import_apply(process=process, rows=rows, actor=request.user, filename=upload.filename)
    except ActualsImportRejectedError as rejected:
        message = (
            _("The file has problems and has not been imported. Nothing has been saved.")
            if rejected.check.has_errors
            else _("No row of the file gives a value. Nothing has been saved.")
        )
        raise ImportRefusedError(message, {"check": rejected.check}) from rejected
    except ValidationError as error:
        raise ImportRefusedError(
            _("The import could not be saved: %(errors)s Nothing has been saved.")
            % {"errors": " ".join(error.messages)},
            {"check": actuals_import_check(process=process, rows=rows)},
        ) from error
    return ImportDone(
        _("Import finished: %(created)s values added, %(replaced)s values replaced.")
        % {"created": result.created, "replaced": result.replaced},
        reverse("monitoring_manage:actuals_import", args=[process.pk]),
    )


ACTUALS_IMPORT = UploadFlow(
    name="monitoring_actuals_import",
    permission=PERMISSION,
    form_class=ActualsUploadForm,
    upload_template="monitoring/manage/actuals_import_upload.html",
    preview_template="monitoring/manage/actuals_import_preview.html",
    missing_title=gettext_lazy("Check the import of indicator values"),
    upload_url_name="monitoring_manage:actuals_import",
    preview_url_name="monitoring_manage:actuals_import_preview",
    check=_check,
    apply=_apply,
    upload_context=_help_context,
)
actuals_import_upload, actuals_import_preview = ACTUALS_IMPORT.views()


@process_permission_required(PERMISSION)
@require_GET
def actuals_template_csv(request: ProcessRequest, process_pk: int) -> HttpResponse:
    """Every indicator of the draft without an official statistic, with its element, to fill in."""
    data = actuals_file.template_csv(unbound_indicators(request.process))
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kennzahlen-istwerte-vorlage.csv"'
    return response
