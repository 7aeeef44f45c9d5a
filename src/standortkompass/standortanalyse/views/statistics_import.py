"""Statistics import in the management area: upload, preview with the validation report, confirm.

The one upload flow of the management area (``processes.views.imports``): the file is kept
between the preview and the confirmation, and its name, the original file name, the chosen
format and indicator live in the uploader's session. Nothing is saved before the
confirmation, and nothing at all when the file has a problem.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.views.imports import ImportDone, ImportRefusedError, StoredUpload, UploadFlow
from standortkompass.processes.views.kit import paginate
from standortkompass.regiondata.importers import StatisticsImportError
from standortkompass.regiondata.models import ImportFormat
from standortkompass.standortanalyse.forms.statistics_import import StatisticsUploadForm
from standortkompass.standortanalyse.services.statistics import statistics_upload_check, statistics_upload_import


def _arguments(upload: StoredUpload) -> dict[str, Any]:
    return {
        "data": upload.data,
        "file_name": upload.filename,
        "format": upload.fields["format"],
        "indicator": upload.fields["indicator"],
    }


def _problems(request: ProcessRequest, error: StatisticsImportError) -> dict[str, Any]:
    problems = paginate(request, error.problems)
    return {"problems": problems, "problem_count": error.total, "page": problems}


def _check(request: ProcessRequest, upload: StoredUpload) -> dict[str, Any]:
    """The dry run: what the file would change, or every problem with its line and column."""
    try:
        report = statistics_upload_check(**_arguments(upload))
    except StatisticsImportError as error:
        return _problems(request, error)
    return {
        "report": report,
        "format_label": ImportFormat(report.format).label if report.format in ImportFormat.values else "",
        "more_revisions": max(report.revision_count - len(report.revisions), 0),
    }


def _apply(request: ProcessRequest, upload: StoredUpload) -> ImportDone:
    process = request.process
    try:
        report = statistics_upload_import(process=process, actor=request.user, **_arguments(upload))
    except StatisticsImportError as error:
        raise ImportRefusedError(
            _("The file has problems and has not been imported. Nothing has been saved."), _problems(request, error)
        ) from error
    upload_url = reverse("standortanalyse_manage:statistics_upload", args=[process.pk])
    if not report.changed:
        return ImportDone(
            _("The file holds no new or revised values. Nothing has been changed."), upload_url, messages.INFO
        )
    return ImportDone(
        _(
            "Import finished: %(created)s values created, %(updated)s revised, %(unchanged)s unchanged, "
            "%(regions)s regions created."
        )
        % {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "regions": len(report.regions_created),
        },
        upload_url,
    )


STATISTICS_IMPORT = UploadFlow(
    name="statistics_import",
    permission="standortanalyse.import_statistics",
    form_class=StatisticsUploadForm,
    kept_fields=("format", "indicator"),
    upload_template="standortanalyse/manage/import_upload.html",
    preview_template="standortanalyse/manage/import_preview.html",
    missing_title=gettext_lazy("Check the statistics import"),
    upload_url_name="standortanalyse_manage:statistics_upload",
    preview_url_name="standortanalyse_manage:statistics_preview",
    check=_check,
    apply=_apply,
)
statistics_upload, statistics_preview = STATISTICS_IMPORT.views()
