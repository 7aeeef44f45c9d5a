"""Exports of a survey's responses: list with progress, request, download. All need ``surveys.export``.

Below Administration (``surveys.view_unsuppressed``) only suppressed exports are listed and downloadable.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.views.kit import save_form
from standortkompass.surveys.export_formats import FORMATS
from standortkompass.surveys.forms.exports import ExportRequestForm
from standortkompass.surveys.models import ExportJob, ExportStatus, Survey
from standortkompass.surveys.services.export_files import export_path
from standortkompass.surveys.services.exports import export_request
from standortkompass.surveys.views.common import request_survey

CHUNK = 256 * 1024


def _may_unsuppress(request: ProcessRequest) -> bool:
    return bool(request.user.has_perm("surveys.view_unsuppressed", request.process))


def _visible_jobs(request: ProcessRequest, survey: Survey) -> QuerySet[ExportJob]:
    jobs = ExportJob.objects.filter(survey=survey).select_related("requested_by")
    return jobs if _may_unsuppress(request) else jobs.filter(suppressed=True)


def _render(request: ProcessRequest, survey: Survey, form: ExportRequestForm | None = None) -> HttpResponse:
    jobs = list(_visible_jobs(request, survey)[:50])
    return render(
        request,
        "surveys/manage/exports.html",
        {
            "process": survey.process,
            "survey": survey,
            "jobs": jobs,
            "busy": any(job.status in (ExportStatus.QUEUED, ExportStatus.RUNNING) for job in jobs),
            "form": form or ExportRequestForm(may_unsuppress=_may_unsuppress(request)),
        },
    )


@process_permission_required("surveys.export")
@require_GET
def exports(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    """The survey's exports with their progress, and the form for a new one."""
    return _render(request, request_survey(request, survey_pk))


@process_permission_required("surveys.export")
@require_POST
def export_request_view(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    survey = request_survey(request, survey_pk)
    form = ExportRequestForm(request.POST, may_unsuppress=_may_unsuppress(request))
    if save_form(
        request,
        form,
        lambda: export_request(
            survey=survey,
            format=form.cleaned_data["format"],
            actor=request.user,
            unsuppressed=form.cleaned_data.get("unsuppressed", False),
            include_partial=form.cleaned_data["include_partial"],
        ),
    ):
        messages.success(request, _("The export has been started. The file appears in the list when it is ready."))
        return redirect(reverse("surveys_manage:exports", args=[survey.process_id, survey.pk]))
    return _render(request, survey, form)


@process_permission_required("surveys.export")
@require_GET
def export_download(request: ProcessRequest, process_pk: int, survey_pk: int, export_pk: int) -> StreamingHttpResponse:
    """The file of a finished export, as an attachment."""
    survey = request_survey(request, survey_pk)
    job = get_object_or_404(_visible_jobs(request, survey), pk=export_pk)
    path = export_path(job)
    if path is None:
        raise Http404(_("This export has no file (any more)."))
    export_format = FORMATS[job.format]
    stamp = timezone.localtime(job.created_at).strftime("%Y-%m-%d-%H%M")
    response = StreamingHttpResponse(_chunks(path), content_type=export_format.content_type)
    response["Content-Length"] = str(path.stat().st_size)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{survey.slug}-{stamp}.{export_format.extension}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _chunks(path: Path) -> Iterator[bytes]:
    """The file in pieces; it is opened only when the response is sent (and closed after)."""
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            yield chunk
