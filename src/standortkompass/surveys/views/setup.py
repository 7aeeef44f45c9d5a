"""Management of questionnaires and surveys: upload, versions, preview, publishing, survey settings, opening."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.views.kit import paginate, render_form, save_form
from standortkompass.surveys.forms.setup import ANONYMITY_EXPLANATIONS, SurveyForm
from standortkompass.surveys.models import (
    Anonymity,
    ContactRequest,
    Questionnaire,
    QuestionnaireVersion,
    Response,
    ResponseStatus,
    Survey,
    SurveyInvitation,
    SurveyStatus,
)
from standortkompass.surveys.schema import Page, Question, Schema
from standortkompass.surveys.selectors.surveys import questionnaire_published_version, questionnaires_for_process
from standortkompass.surveys.services.questionnaire_files import questionnaire_import_default
from standortkompass.surveys.services.questionnaires import questionnaire_publish
from standortkompass.surveys.services.surveys import survey_close, survey_create, survey_open, survey_update
from standortkompass.surveys.views.common import request_survey
from standortkompass.surveys.views.questionnaire_upload import imported_message, version_url
from standortkompass.surveys.xlsform import export_xlsform

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

KIND_LABELS = {
    "text": gettext_lazy("Short text"),
    "long_text": gettext_lazy("Long text"),
    "integer": gettext_lazy("Whole number"),
    "decimal": gettext_lazy("Decimal number"),
    "date": gettext_lazy("Date"),
    "select_one": gettext_lazy("Single choice"),
    "select_multiple": gettext_lazy("Multiple choice"),
    "rank": gettext_lazy("Ranking"),
    "note": gettext_lazy("Note"),
    "calculate": gettext_lazy("Calculation"),
    "matrix": gettext_lazy("Matrix (several items on one scale)"),
}
WIDGET_LABELS = {"dropdown": gettext_lazy("drop-down list"), "radio": gettext_lazy("radio buttons")}
STATUS_EXPLANATIONS = {
    SurveyStatus.DRAFT: gettext_lazy("The survey is in preparation: nobody can answer yet."),
    SurveyStatus.OPEN: gettext_lazy(
        "The survey is open: respondents can answer, within the opening and closing dates if these are set."
    ),
    SurveyStatus.CLOSED: gettext_lazy("The survey is closed: nobody can answer any more; all answers are kept."),
}


def _questionnaire(request: ProcessRequest, questionnaire_pk: int) -> Questionnaire:
    return get_object_or_404(Questionnaire, process=request.process, pk=questionnaire_pk)


def _version(questionnaire: Questionnaire, version_pk: int) -> QuestionnaireVersion:
    return get_object_or_404(
        QuestionnaireVersion.objects.select_related("questionnaire"), questionnaire=questionnaire, pk=version_pk
    )


# Counts --------------------------------------------------------------------------------------


@dataclass
class SurveyCounts:
    completed: int = 0
    in_progress: int = 0
    invitations: int = 0


def _survey_counts(survey_ids: list[int]) -> dict[int, SurveyCounts]:
    counts = {survey_id: SurveyCounts() for survey_id in survey_ids}
    responses = (
        Response.objects.filter(survey_id__in=survey_ids)
        .values("survey_id", "status")
        .annotate(number=Count("id"))
        .order_by()
    )
    for row in responses:
        if row["status"] == ResponseStatus.COMPLETED:
            counts[row["survey_id"]].completed = row["number"]
        elif row["status"] == ResponseStatus.IN_PROGRESS:
            counts[row["survey_id"]].in_progress = row["number"]
    invitations = (
        SurveyInvitation.objects.filter(survey_id__in=survey_ids)
        .values("survey_id")
        .annotate(number=Count("id"))
        .order_by()
    )
    for invited in invitations:
        counts[invited["survey_id"]].invitations = invited["number"]
    return counts


# Preview of a questionnaire version ----------------------------------------------------------


@dataclass
class PreviewChoice:
    name: str
    label: str


@dataclass
class PreviewQuestion:
    name: str
    kind: str
    kind_label: str
    widget_label: str
    label: str
    hint: str
    required: bool
    required_message: str
    relevant: str
    constraint: str
    constraint_message: str
    choice_filter: str
    calculation: str
    appearance: str
    or_other: bool
    randomize: bool
    list_name: str
    choices: list[PreviewChoice] = field(default_factory=list)
    items: list[PreviewQuestion] = field(default_factory=list)


@dataclass
class PreviewPage:
    name: str
    label: str
    hint: str
    relevant: str
    implicit: bool
    questions: list[PreviewQuestion]


def _preview_language(schema: Schema) -> str:
    """German if the form has it, else its default language."""
    settings = schema["settings"]
    for language in settings.get("languages", []):
        if language.get("code") == "de":
            return language["name"]
    return settings.get("default_language") or "default"


def _text(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or next((text for text in texts.values() if text), "")


def _preview_question(question: Question, schema: Schema, language: str) -> PreviewQuestion:
    choices = [
        PreviewChoice(name=choice["name"], label=_text(choice["label"], language))
        for choice in schema["choice_lists"].get(question["list_name"], [])
    ]
    return PreviewQuestion(
        name=question["name"],
        kind=question["kind"],
        kind_label=str(KIND_LABELS.get(question["kind"], question["kind"])),
        widget_label=str(WIDGET_LABELS.get(question["widget"], "")),
        label=_text(question["label"], language),
        hint=_text(question["hint"], language),
        required=question["required"],
        required_message=_text(question["required_message"], language),
        relevant=question["relevant"],
        constraint=question["constraint"],
        constraint_message=_text(question["constraint_message"], language),
        choice_filter=question["choice_filter"],
        calculation=question["calculation"],
        appearance=question["appearance"],
        or_other=question["or_other"],
        randomize=question["randomize"],
        list_name=question["list_name"],
        choices=choices,
        items=[_preview_question(item, schema, language) for item in question["items"]],
    )


def _preview_page(page: Page, schema: Schema, language: str) -> PreviewPage:
    return PreviewPage(
        name=page["name"],
        label=_text(page["label"], language),
        hint=_text(page["hint"], language),
        relevant=page["relevant"],
        implicit=page["implicit"],
        questions=[_preview_question(question, schema, language) for question in page["questions"]],
    )


def questionnaire_preview(schema: Schema) -> list[PreviewPage]:
    """The pages and questions of a version with their texts in German (or the form's default language)."""
    language = _preview_language(schema)
    return [_preview_page(page, schema, language) for page in schema["pages"]]


# List ----------------------------------------------------------------------------------------


@process_permission_required("surveys.view_results")
@require_GET
def survey_list(request: ProcessRequest, process_pk: int) -> HttpResponse:
    """Questionnaires and surveys for Redaktion and Administration; the boards see the surveys with their results."""
    process = request.process
    can_manage = request.user.has_perm("surveys.manage", process)
    surveys = list(
        Survey.objects.filter(process=process).select_related("questionnaire").order_by("-created_at", "-id")
    )
    counts = _survey_counts([survey.pk for survey in surveys]) if can_manage else {}
    questionnaires = (
        list(
            questionnaires_for_process(process=process)
            .prefetch_related("versions")
            .annotate(survey_count=Count("surveys"))
        )
        if can_manage
        else []
    )
    return render(
        request,
        "surveys/manage/list.html",
        {
            "process": process,
            "can_manage": can_manage,
            "questionnaires": questionnaires,
            "survey_rows": [(survey, counts.get(survey.pk)) for survey in surveys],
        },
    )


# Questionnaires ------------------------------------------------------------------------------


@process_permission_required("surveys.manage")
@require_POST
def questionnaire_default(request: ProcessRequest, process_pk: int) -> HttpResponse:
    """Take over the shipped questionnaire "Unternehmensbefragung Zukunftsstrategie" as a new draft."""
    version = questionnaire_import_default(process=request.process, actor=request.user)
    imported_message(request, version)
    return redirect(version_url(version))


@process_permission_required("surveys.manage")
@require_GET
def questionnaire_detail(request: ProcessRequest, process_pk: int, questionnaire_pk: int) -> HttpResponse:
    """The versions of a questionnaire and a readable (and printable) preview of one of them."""
    process = request.process
    questionnaire = _questionnaire(request, questionnaire_pk)
    versions = list(questionnaire.versions.order_by("-number"))
    selected = versions[0] if versions else None
    wanted = request.GET.get("version", "")
    if wanted.isdigit():
        selected = next((version for version in versions if version.number == int(wanted)), selected)
    return render(
        request,
        "surveys/manage/questionnaire.html",
        {
            "process": process,
            "questionnaire": questionnaire,
            "versions": versions,
            "selected": selected,
            "pages": questionnaire_preview(selected.schema) if selected is not None else [],
            "surveys": questionnaire.surveys.order_by("-created_at", "-id"),
        },
    )


@process_permission_required("surveys.manage")
@require_POST
def questionnaire_publish_view(
    request: ProcessRequest, process_pk: int, questionnaire_pk: int, version_pk: int
) -> HttpResponse:
    """Freeze a draft version; asks for the confirmation box to be ticked."""
    version = _version(_questionnaire(request, questionnaire_pk), version_pk)
    if request.POST.get("bestaetigt") != "1":
        messages.error(
            request, _("Please confirm that you have checked the questionnaire before you publish the version.")
        )
        return redirect(version_url(version))
    try:
        version = questionnaire_publish(version=version, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Version %(number)d of “%(title)s” has been published and can no longer be changed.")
            % {"number": version.number, "title": version.questionnaire.title},
        )
    return redirect(version_url(version))


@process_permission_required("surveys.manage")
@require_GET
def questionnaire_xlsform(
    request: ProcessRequest, process_pk: int, questionnaire_pk: int, version_pk: int
) -> HttpResponse:
    """The version as an XLSForm workbook (survey, choices and settings sheets)."""
    version = _version(_questionnaire(request, questionnaire_pk), version_pk)
    response = HttpResponse(export_xlsform(version.schema), content_type=XLSX_CONTENT_TYPE)
    filename = f"{version.questionnaire.slug}-v{version.number}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Surveys -------------------------------------------------------------------------------------


@process_permission_required("surveys.manage")
@require_http_methods(["GET", "POST"])
def survey_create_view(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    form = SurveyForm(request.POST or None, process=process)
    if saved := save_form(
        request,
        form,
        lambda: survey_create(
            process=process,
            questionnaire=form.cleaned_data["questionnaire"],
            actor=request.user,
            **form.data_for_service(),
        ),
    ):
        messages.success(request, _("The survey “%(title)s” has been created.") % {"title": saved.value.title})
        return redirect("surveys_manage:survey", process_pk=process.pk, survey_pk=saved.value.pk)
    return render_form(
        request,
        form=form,
        title=_("New survey"),
        cancel_url=reverse("surveys_manage:list", args=[process.pk]),
        process=process,
        has_questionnaires=questionnaires_for_process(process=process).exists(),
        template="surveys/manage/survey_form.html",
    )


@process_permission_required("surveys.manage")
@require_http_methods(["GET", "POST"])
def survey_edit(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    process = request.process
    survey = request_survey(request, survey_pk)
    # The form works on a copy, so that the service sees the values before the change.
    form = SurveyForm(request.POST or None, instance=copy.copy(survey), process=process)
    if saved := save_form(
        request, form, lambda: survey_update(survey=survey, actor=request.user, **form.data_for_service())
    ):
        messages.success(request, _("The survey “%(title)s” has been saved.") % {"title": saved.value.title})
        return redirect("surveys_manage:survey", process_pk=process.pk, survey_pk=saved.value.pk)
    return render_form(
        request,
        form=form,
        title=_("Edit “%(title)s”") % {"title": survey.title},
        cancel_url=reverse("surveys_manage:survey", args=[process.pk, survey.pk]),
        process=process,
        survey=survey,
        has_questionnaires=True,
        template="surveys/manage/survey_form.html",
    )


def _reverse_or_empty(name: str, **kwargs: Any) -> str:
    """A URL of another part of the survey pages, or "" while that part does not exist."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


@process_permission_required("surveys.manage")
@require_GET
def survey_detail(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    process = request.process
    survey = request_survey(request, survey_pk)
    start_path = _reverse_or_empty("survey:start", survey_slug=survey.slug)
    return render(
        request,
        "surveys/manage/survey.html",
        {
            "process": process,
            "survey": survey,
            "status_explanation": STATUS_EXPLANATIONS[SurveyStatus(survey.status)],
            "anonymity_explanation": ANONYMITY_EXPLANATIONS[Anonymity(survey.anonymity)],
            "accepting_answers": survey.is_accepting_answers(),
            "public_url": request.build_absolute_uri(start_path) if start_path else "",
            "published_version": questionnaire_published_version(questionnaire=survey.questionnaire),
            "counts": _survey_counts([survey.pk])[survey.pk],
            "contact_request_count": survey.contact_requests.count(),
        },
    )


@process_permission_required("surveys.manage")
@require_POST
def survey_open_view(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    survey = request_survey(request, survey_pk)
    try:
        survey = survey_open(survey=survey, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The survey “%(title)s” is open.") % {"title": survey.title})
    return redirect("surveys_manage:survey", process_pk=survey.process_id, survey_pk=survey.pk)


@process_permission_required("surveys.manage")
@require_POST
def survey_close_view(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    survey = survey_close(survey=request_survey(request, survey_pk), actor=request.user)
    messages.success(request, _("The survey “%(title)s” is closed. All answers are kept.") % {"title": survey.title})
    return redirect("surveys_manage:survey", process_pk=survey.process_id, survey_pk=survey.pk)


@process_permission_required("surveys.manage")
@require_GET
def survey_contact_requests(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    """The contact details respondents left (stored apart from their answers), page by page."""
    process = request.process
    survey = request_survey(request, survey_pk)
    page = paginate(request, ContactRequest.objects.filter(survey=survey).order_by("id"))
    keys: list[str] = []
    for contact_request in page.object_list:
        if isinstance(contact_request.details, dict):
            keys += [str(key) for key in contact_request.details if str(key) not in keys]
    rows = [
        [str(request_row.details.get(key, "")) if isinstance(request_row.details, dict) else "" for key in keys]
        for request_row in page.object_list
    ]
    return render(
        request,
        "surveys/manage/contact_requests.html",
        {"process": process, "survey": survey, "page": page, "keys": keys, "rows": rows},
    )
