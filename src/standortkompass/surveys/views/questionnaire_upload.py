"""Uploading a questionnaire file (a new questionnaire, or a new draft version of one): check, then confirm.

The file is read at once. Errors list every place and save nothing. A file with warnings (questions left out
or changed, and why) is kept for the user's session and shown with its warnings; it is imported only when
the user confirms (``bestaetigen``), and forgotten on ``abbrechen``. A file without warnings is imported
directly.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.importers.storage import upload_discard, upload_read, upload_store
from standortkompass.surveys.forms.setup import QuestionnaireUploadForm
from standortkompass.surveys.models import Questionnaire, QuestionnaireVersion
from standortkompass.surveys.services.questionnaire_files import questionnaire_version_replace_from_file
from standortkompass.surveys.services.questionnaires import questionnaire_file_read, questionnaire_import
from standortkompass.surveys.xlsform import FormError, XLSFormError

CONFIRM = "bestaetigen"
CANCEL = "abbrechen"


def imported_message(request: ProcessRequest, version: QuestionnaireVersion) -> None:
    if version.import_notes:
        messages.warning(
            request,
            _(
                "Version %(number)d of “%(title)s” has been saved as a draft. Some parts of the file could not be "
                "taken over; they are listed under “Not taken over”."
            )
            % {"number": version.number, "title": version.questionnaire.title},
        )
    else:
        messages.success(
            request,
            _("Version %(number)d of “%(title)s” has been saved as a draft.")
            % {"number": version.number, "title": version.questionnaire.title},
        )


def version_url(version: QuestionnaireVersion) -> str:
    questionnaire = version.questionnaire
    url = reverse("surveys_manage:questionnaire", args=[questionnaire.process_id, questionnaire.pk])
    return f"{url}?version={version.number}"


def _session_key(request: ProcessRequest, questionnaire: Questionnaire | None) -> str:
    return f"questionnaire_upload:{request.process.pk}:{questionnaire.pk if questionnaire else 'neu'}"


def _forget(request: ProcessRequest, questionnaire: Questionnaire | None) -> None:
    stored = request.session.pop(_session_key(request, questionnaire), None)
    if isinstance(stored, dict) and isinstance(stored.get("file"), str):
        upload_discard(stored["file"])


def _render(
    request: ProcessRequest,
    *,
    form: QuestionnaireUploadForm,
    questionnaire: Questionnaire | None,
    errors: list[FormError] | None = None,
    warnings: list[str] | None = None,
    filename: str = "",
) -> HttpResponse:
    process = request.process
    cancel_url = (
        reverse("surveys_manage:questionnaire", args=[process.pk, questionnaire.pk])
        if questionnaire is not None
        else reverse("surveys_manage:list", args=[process.pk])
    )
    return render(
        request,
        "surveys/manage/questionnaire_upload.html",
        {
            "process": process,
            "form": form,
            "questionnaire": questionnaire,
            "file_errors": errors or [],
            "file_warnings": warnings or [],
            "filename": filename,
            "cancel_url": cancel_url,
            "confirm": CONFIRM,
            "cancel": CANCEL,
        },
        status=422 if errors else 200,
    )


def _import(
    request: ProcessRequest, questionnaire: Questionnaire | None, *, data: bytes, filename: str
) -> QuestionnaireVersion:
    if questionnaire is None:
        return questionnaire_import(process=request.process, data=data, filename=filename, actor=request.user)
    return questionnaire_version_replace_from_file(
        questionnaire=questionnaire, data=data, filename=filename, actor=request.user
    )


def _upload(request: ProcessRequest, questionnaire: Questionnaire | None) -> HttpResponse:
    key = _session_key(request, questionnaire)
    if request.method == "POST" and CANCEL in request.POST:
        _forget(request, questionnaire)
        messages.info(request, _("The import has been cancelled. Nothing has been saved."))
        return _render(request, form=QuestionnaireUploadForm(), questionnaire=questionnaire)
    if request.method == "POST" and CONFIRM in request.POST:
        stored = request.session.get(key)
        data = upload_read(stored["file"]) if isinstance(stored, dict) else None
        _forget(request, questionnaire)
        if data is None or not isinstance(stored, dict):
            messages.error(request, _("The uploaded file is no longer available. Please upload it again."))
            return _render(request, form=QuestionnaireUploadForm(), questionnaire=questionnaire)
        version = _import(request, questionnaire, data=data, filename=str(stored["filename"]))
        imported_message(request, version)
        return redirect(version_url(version))
    form = QuestionnaireUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            read = questionnaire_file_read(data=form.data_bytes, filename=form.filename)
        except XLSFormError as error:
            return _render(request, form=form, questionnaire=questionnaire, errors=error.errors, filename=form.filename)
        if read.warnings:
            _forget(request, questionnaire)
            request.session[key] = {
                "file": upload_store(data=form.data_bytes, suffix=".csv"),
                "filename": form.filename,
            }
            return _render(
                request,
                form=QuestionnaireUploadForm(),
                questionnaire=questionnaire,
                warnings=read.warnings,
                filename=form.filename,
            )
        version = _import(request, questionnaire, data=form.data_bytes, filename=form.filename)
        imported_message(request, version)
        return redirect(version_url(version))
    return _render(request, form=form, questionnaire=questionnaire)


@process_permission_required("surveys.manage")
@require_http_methods(["GET", "POST"])
def questionnaire_upload(request: ProcessRequest, process_pk: int) -> HttpResponse:
    """A new questionnaire from an XLSForm or LimeSurvey file (see the module's docstring)."""
    return _upload(request, None)


@process_permission_required("surveys.manage")
@require_http_methods(["GET", "POST"])
def questionnaire_version_upload(request: ProcessRequest, process_pk: int, questionnaire_pk: int) -> HttpResponse:
    """A new draft version of a questionnaire from a file (an existing draft is replaced)."""
    questionnaire = get_object_or_404(Questionnaire, process=request.process, pk=questionnaire_pk)
    return _upload(request, questionnaire)
