"""Statistics import in the management area: upload, preview with the validation report, confirm.

The uploaded file is kept under ``MEDIA_ROOT/imports/`` with a random name (the storage of
the organisation import) between the preview and the confirmation; its name, the original
file name and the chosen format live in the uploader's session. Nothing is saved before the
confirmation, and nothing at all when the file has a problem.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.models import User
from standortkompass.processes.importers.storage import upload_discard, upload_read, upload_store
from standortkompass.processes.models import StrategyProcess
from standortkompass.regiondata.importers import StatisticsImportError
from standortkompass.regiondata.models import ImportFormat
from standortkompass.standortanalyse.forms.statistics_import import StatisticsUploadForm
from standortkompass.standortanalyse.services.statistics import statistics_upload_check, statistics_upload_import

PERMISSION = "standortanalyse.import_statistics"
PAGE_SIZE = 20
# The upload storage keeps .csv and .xlsx names; every other text format (TSV, gzipped TSV) is
# stored under .csv. The format is recognised from the original name kept in the session.
STORED_SUFFIX = {".xlsx": ".xlsx", ".tsv": ".tsv", ".gz": ".gz"}


def _process(request: HttpRequest) -> StrategyProcess:
    return cast(StrategyProcess, request.process)  # type: ignore[attr-defined]


def _session_key(process: StrategyProcess) -> str:
    return f"statistics_import:{process.pk}"


def _stored_upload(request: HttpRequest) -> dict[str, str] | None:
    stored = request.session.get(_session_key(_process(request)))
    if isinstance(stored, dict) and all(
        isinstance(stored.get(key), str) for key in ("file", "filename", "format", "indicator")
    ):
        return stored
    return None


def _forget_upload(request: HttpRequest) -> None:
    stored = _stored_upload(request)
    if stored is not None:
        upload_discard(stored["file"])
    request.session.pop(_session_key(_process(request)), None)


@process_permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def statistics_upload(request: HttpRequest, process_pk: int) -> HttpResponse:
    process = _process(request)
    form = StatisticsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _forget_upload(request)
        filename = form.cleaned_data["file"].name[:200]
        suffix = STORED_SUFFIX.get(filename[filename.rfind(".") :].lower(), ".csv")
        name = upload_store(data=form.data_bytes, suffix=suffix)
        request.session[_session_key(process)] = {
            "file": name,
            "filename": filename,
            "format": form.cleaned_data["format"],
            "indicator": form.cleaned_data["indicator"],
        }
        return redirect("standortanalyse_manage:statistics_preview", process_pk=process.pk)
    return render(
        request,
        "standortanalyse/manage/import_upload.html",
        {
            "process": process,
            "form": form,
            "max_upload_mb": settings.MAX_UPLOAD_MB,
        },
    )


@process_permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def statistics_preview(request: HttpRequest, process_pk: int) -> HttpResponse:
    """GET checks the stored upload (dry run); POST imports it all-or-nothing or, with ``abbrechen``, cancels."""
    process = _process(request)
    upload_url = reverse("standortanalyse_manage:statistics_upload", args=[process.pk])
    if request.method == "POST" and "abbrechen" in request.POST:
        _forget_upload(request)
        messages.info(request, _("The import has been cancelled. Nothing has been saved."))
        return redirect(upload_url)
    stored = _stored_upload(request)
    data = upload_read(stored["file"]) if stored is not None else None
    if stored is None or data is None:
        _forget_upload(request)
        return render(
            request, "standortanalyse/manage/import_missing.html", {"process": process, "upload_url": upload_url}
        )
    arguments: dict[str, Any] = {
        "data": data,
        "file_name": stored["filename"],
        "format": stored["format"],
        "indicator": stored["indicator"],
    }
    status = 200
    try:
        if request.method == "POST":
            report = statistics_upload_import(process=process, actor=cast(User, request.user), **arguments)
        else:
            report = statistics_upload_check(**arguments)
    except StatisticsImportError as error:
        if request.method == "POST":
            status = 409
            messages.error(request, _("The file has problems and has not been imported. Nothing has been saved."))
        problems = Paginator(error.problems, PAGE_SIZE).get_page(request.GET.get("seite"))
        return render(
            request,
            "standortanalyse/manage/import_preview.html",
            {
                "process": process,
                "filename": stored["filename"],
                "upload_url": upload_url,
                "problems": problems,
                "problem_count": len(error.problems),
                "page": problems,
            },
            status=status,
        )
    if request.method == "POST":
        _forget_upload(request)
        if report.changed:
            messages.success(
                request,
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
            )
        else:
            messages.info(request, _("The file holds no new or revised values. Nothing has been changed."))
        return redirect(upload_url)
    return render(
        request,
        "standortanalyse/manage/import_preview.html",
        {
            "process": process,
            "filename": stored["filename"],
            "upload_url": upload_url,
            "report": report,
            "format_label": ImportFormat(report.format).label if report.format in ImportFormat.values else "",
            "more_revisions": max(report.revision_count - len(report.revisions), 0),
        },
    )
