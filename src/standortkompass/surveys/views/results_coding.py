"""Results pages of a survey, part two: open answers with their coding, the codebook, findings from results.

Quotes show no company and lose e-mail addresses and telephone numbers; questions marked as
personal data are not shown at all. Who reads the texts word for word is decided by
``surveys.results.open_answers.free_text_shown`` (board members get the codes page only). Code
frequencies are suppressed like every other figure.
"""

from __future__ import annotations

import re
import uuid
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.views.kit import paginate
from standortkompass.standortanalyse.services.findings import finding_create
from standortkompass.surveys.dataset import Dataset, Variable, results_dataset
from standortkompass.surveys.forms.results import (
    CodeAssignForm,
    CodeRenameForm,
    CodeUnassignForm,
    ResultFindingForm,
    SearchForm,
)
from standortkompass.surveys.models import Code, CodeAssignment, Response, ResponseStatus, Survey
from standortkompass.surveys.results import (
    LikertResult,
    analysable_variables,
    is_personal,
    published_codes,
)
from standortkompass.surveys.results.tables import (
    crosstab_table,
    format_number,
    format_percent,
    question_table,
)
from standortkompass.surveys.selectors.coding import OPEN_KINDS
from standortkompass.surveys.services.coding import (
    code_assign,
    code_create,
    code_delete,
    code_rename,
    code_unassign,
)
from standortkompass.surveys.views.common import request_survey
from standortkompass.surveys.views.results import (
    Context,
    crosstab_from_request,
    question_page_result,
    result_notes,
    results_context,
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<!\w)(\+|00)?\d[\d /().-]{5,}\d")


# Open answers and coding ---------------------------------------------------------------------


def anonymised(text: str) -> str:
    """The answer without e-mail addresses and telephone numbers."""
    return PHONE.sub(_("[telephone number removed]"), EMAIL.sub(_("[e-mail address removed]"), text))


def _open_variable(survey: Survey, question: str) -> tuple[Dataset, Variable]:
    dataset = results_dataset(survey=survey)
    for variable in dataset.question_variables():
        if variable.name == question and variable.kind in OPEN_KINDS and not is_personal(dataset, variable):
            return dataset, variable
    raise Http404(_("This is not an open question of the survey."))


def _codes(survey: Survey, question: str) -> list[Code]:
    return list(Code.objects.filter(survey=survey, question=question).order_by("label"))


# The permission free_text_shown asks for texts read on their own; board members get the codes page.
@process_permission_required("surveys.read_open_answers")
@require_GET
def results_open(request: ProcessRequest, process_pk: int, survey_pk: int, question: str) -> HttpResponse:
    survey = request_survey(request, survey_pk)
    _dataset, variable = _open_variable(survey, question)
    may_code = request.user.has_perm("surveys.code_answers", survey.process)
    search = SearchForm(request.GET or None)
    term = search.cleaned_data["q"].strip().lower() if search.is_valid() else ""
    rows = Response.objects.filter(survey=survey, status=ResponseStatus.COMPLETED).order_by("id")
    answers = []
    for pk, values in rows.values_list("id", "answers"):
        text = values.get(question) if isinstance(values, dict) else None
        if isinstance(text, str) and text.strip() and (not term or term in text.lower()):
            answers.append((pk, text))
    page = paginate(request, answers)
    assigned: dict[uuid.UUID, list[Code]] = {}
    for assignment in CodeAssignment.objects.filter(
        code__survey=survey, code__question=question, response_id__in=[pk for pk, _text in page.object_list]
    ).select_related("code"):
        assigned.setdefault(assignment.response_id, []).append(assignment.code)
    codes = _codes(survey, question)
    choices = [(code.pk, code.label) for code in codes]
    items = [
        {
            "pk": pk,
            "text": anonymised(text),
            "codes": sorted(assigned.get(pk, []), key=lambda code: code.label),
            "form": CodeAssignForm(initial={"response": pk}, codes=choices, prefix=f"a{pk.hex}") if may_code else None,
        }
        for pk, text in page.object_list
    ]
    return render(
        request,
        "surveys/manage/results_open.html",
        {
            "process": survey.process,
            "survey": survey,
            "variable": variable,
            "search": search,
            "term": term,
            "page": page,
            "items": items,
            "total": len(answers),
            "may_code": may_code,
            "query": urlencode({"q": term}) if term else "",
        },
    )


def _back_to_open(request: ProcessRequest, survey: Survey, question: str) -> HttpResponse:
    url = reverse("surveys_manage:results_open", args=[survey.process_id, survey.pk, question])
    back = request.POST.get("next", "")
    if back.startswith("?"):
        url += back
    return redirect(url)


@process_permission_required("surveys.code_answers")
@require_POST
def results_code_assign(request: ProcessRequest, process_pk: int, survey_pk: int, question: str) -> HttpResponse:
    survey = request_survey(request, survey_pk)
    _open_variable(survey, question)
    prefix = next((key.split("-")[0] for key in request.POST if key.endswith("-response")), "")
    form = CodeAssignForm(
        request.POST, codes=[(code.pk, code.label) for code in _codes(survey, question)], prefix=prefix or None
    )
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return _back_to_open(request, survey, question)
    response = get_object_or_404(Response, survey=survey, pk=form.cleaned_data["response"])
    try:
        if form.cleaned_data.get("code"):
            code = get_object_or_404(Code, survey=survey, question=question, pk=form.cleaned_data["code"])
        else:
            label = " ".join(form.cleaned_data["new_label"].split())
            # A new code named like an existing one is that code.
            existing = Code.objects.filter(survey=survey, question=question, label__iexact=label).first()
            code = existing or code_create(
                survey=survey, question=question, label=form.cleaned_data["new_label"], actor=request.user
            )
        code_assign(code=code, response=response, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Code “%(code)s” assigned.") % {"code": code.label})
    return _back_to_open(request, survey, question)


@process_permission_required("surveys.code_answers")
@require_POST
def results_code_unassign(request: ProcessRequest, process_pk: int, survey_pk: int, question: str) -> HttpResponse:
    survey = request_survey(request, survey_pk)
    form = CodeUnassignForm(request.POST)
    if form.is_valid():
        code = get_object_or_404(Code, survey=survey, question=question, pk=form.cleaned_data["code"])
        response = get_object_or_404(Response, survey=survey, pk=form.cleaned_data["response"])
        code_unassign(code=code, response=response, actor=request.user)
        messages.success(request, _("Code “%(code)s” removed.") % {"code": code.label})
    return _back_to_open(request, survey, question)


@process_permission_required("surveys.view_results")
@require_GET
def results_codes(request: ProcessRequest, process_pk: int, survey_pk: int, question: str) -> HttpResponse:
    context = results_context(request, survey_pk)
    _dataset, variable = _open_variable(context.survey, question)
    result = published_codes(dataset=context.dataset, survey=context.survey, question=question, view=context.view)
    labels = {code.pk: code for code in _codes(context.survey, question)}
    rows = [
        {
            "code": labels[pk],
            "frequency": format_number(count),
            "share": format_percent(count / result.answered if result.answered and count is not None else None),
        }
        for pk, _label, count in result.codes
        if pk in labels
    ]
    answered, any_hidden = result.answered, result.any_hidden
    return render(
        request,
        "surveys/manage/results_codes.html",
        {
            **context.as_dict(),
            "variable": variable,
            "rows": rows,
            "answered": answered,
            "notes": result_notes(context, any_hidden),
        },
    )


@process_permission_required("surveys.code_answers")
@require_http_methods(["GET", "POST"])
def results_code_rename(
    request: ProcessRequest, process_pk: int, survey_pk: int, question: str, code_pk: int
) -> HttpResponse:
    survey = request_survey(request, survey_pk)
    code = get_object_or_404(Code, survey=survey, question=question, pk=code_pk)
    form = CodeRenameForm(request.POST or None, initial={"label": code.label})
    if request.method == "POST" and form.is_valid():
        try:
            code_rename(code=code, label=form.cleaned_data["label"], actor=request.user)
        except ValidationError as error:
            form.add_error("label", error.message_dict.get("label", error.messages)[0])
        else:
            messages.success(request, _("The code is renamed."))
            return redirect(
                "surveys_manage:results_codes", process_pk=survey.process_id, survey_pk=survey.pk, question=question
            )
    return render(
        request,
        "surveys/manage/results_code_form.html",
        {"process": survey.process, "survey": survey, "code": code, "form": form, "question": question},
    )


@process_permission_required("surveys.code_answers")
@require_POST
def results_code_delete(
    request: ProcessRequest, process_pk: int, survey_pk: int, question: str, code_pk: int
) -> HttpResponse:
    survey = request_survey(request, survey_pk)
    code = get_object_or_404(Code, survey=survey, question=question, pk=code_pk)
    code_delete(code=code, actor=request.user)
    messages.success(request, _("The code “%(code)s” is deleted.") % {"code": code.label})
    return redirect(
        "surveys_manage:results_codes", process_pk=survey.process_id, survey_pk=survey.pk, question=question
    )


# Findings ------------------------------------------------------------------------------------


def _finding_source(context: Context, request: HttpRequest) -> tuple[str, str, str]:
    """(reference, title, text) of the result the finding is made from: ?frage=, ?zeile=&spalte= or ?code=."""
    params = request.POST if request.method == "POST" else request.GET
    slug = context.survey.slug
    if params.get("code"):
        code = get_object_or_404(Code, survey=context.survey, pk=params.get("code"))
        _dataset, variable = _open_variable(context.survey, code.question)
        codes = published_codes(
            dataset=context.dataset, survey=context.survey, question=code.question, view=context.view
        )
        shown = next((count for pk, _label, count in codes.codes if pk == code.pk), None)
        text = _("“%(question)s”: %(count)s answers were coded “%(code)s”.") % {
            "question": variable.label,
            "count": format_number(shown),
            "code": code.label,
        }
        return f"umfrage:{slug}:{code.question}:code:{code.label}", code.label, text
    if params.get("zeile") and params.get("spalte"):
        _form, result = crosstab_from_request(context, cast(HttpRequest, _Params(params)))
        if result is None:
            raise Http404(_("Please choose two questions."))
        table = crosstab_table(result)
        lines = [" | ".join(table.columns)]
        lines += [" | ".join(text for text, _n in row) for row in table.rows]
        text = "\n".join([f"{result.row_variable.label} × {result.column_variable.label}", "", *lines])
        reference = f"umfrage:{slug}:kreuztabelle:{result.row_variable.name}:{result.column_variable.name}"
        return reference, f"{result.row_variable.label} × {result.column_variable.label}", text
    question = params.get("frage", "")
    variable, question_result = question_page_result(context, question)
    table = question_table(question_result)
    lines = [" | ".join(table.columns), *[" | ".join(text for text, _n in row) for row in table.rows]]
    if table.footer:
        lines.append(" | ".join(text for text, _n in table.footer))
    title = question_result.label if isinstance(question_result, LikertResult) else variable.label
    return f"umfrage:{slug}:{variable.name}", title, "\n".join([title, "", *lines])


class _Params:
    """A request stand-in whose GET holds the given parameters (to rebuild a cross-tab from POST data)."""

    def __init__(self, params: Any) -> None:
        self.GET = params


@process_permission_required("surveys.code_answers")
@require_http_methods(["GET", "POST"])
def results_finding(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    context = results_context(request, survey_pk)
    params = request.POST if request.method == "POST" else request.GET
    if not (params.get("frage") or params.get("code") or (params.get("zeile") and params.get("spalte"))):
        # No result chosen yet: offer the questions.
        questions = [(v.name, v.label) for v in analysable_variables(context.dataset) if v.kind not in OPEN_KINDS]
        return render(request, "surveys/manage/results_finding.html", {**context.as_dict(), "questions": questions})
    reference, title, text = _finding_source(context, request)
    form = ResultFindingForm(
        request.POST if request.method == "POST" else None,
        initial={"kind": "strength", "title": title[:200], "text": text, "reference": reference},
    )
    if request.method == "POST" and form.is_valid():
        try:
            finding = finding_create(
                process=context.survey.process,
                actor=request.user,
                data={
                    "kind": form.cleaned_data["kind"],
                    "title": form.cleaned_data["title"],
                    "text": form.cleaned_data["text"],
                    "references": [reference],
                    "is_public": form.cleaned_data["is_public"],
                },
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The finding “%(title)s” is saved.") % {"title": finding.title})
            return redirect("standortanalyse_manage:findings", process_pk=context.survey.process_id)
    hidden = {key: params.get(key) for key in ("frage", "zeile", "spalte", "code") if params.get(key)}
    return render(
        request,
        "surveys/manage/results_finding.html",
        {**context.as_dict(), "form": form, "reference": reference, "source": hidden.items()},
    )
