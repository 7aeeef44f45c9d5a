"""Results pages of a survey: overview, question, cross-tab (open answers, coding and findings: ``results_coding``).

Every figure comes from ``surveys.results`` after suppression; the page, its chart and its CSV
download are built from the same publishable result. Query parameters: ``gewichtet=1`` weights
the results (when offered), ``ungeschuetzt=1`` shows Administration the unsuppressed figures.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.evidence import citations
from standortkompass.surveys import charts
from standortkompass.surveys.dataset import Dataset, Variable, results_dataset
from standortkompass.surveys.forms.results import (
    CrossTabForm,
)
from standortkompass.surveys.results import (
    HIDDEN,
    ChoiceResult,
    CrossTabResult,
    LikertResult,
    QuestionResult,
    ResultsView,
    Weighting,
    analysable_variables,
    cached_results_overview,
    crosstab_variables,
    published_crosstab,
    published_question,
    response_counts,
    results_view,
)
from standortkompass.surveys.results.open_answers import free_text_shown
from standortkompass.surveys.results.tables import (
    Table,
    crosstab_table,
    question_table,
    table_csv,
)
from standortkompass.surveys.selectors.coding import OPEN_KINDS
from standortkompass.surveys.selectors.evidence import result_source_keys
from standortkompass.surveys.views.common import request_survey


def _csv_response(table: Table, *, name: str, notes: list[str]) -> HttpResponse:
    response = HttpResponse(table_csv(table, notes=notes), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.csv"'
    return response


# Request helpers -----------------------------------------------------------------------------


class Context:
    """The survey and how the reader sees its results; the dataset is loaded only when a page needs it."""

    def __init__(self, request: ProcessRequest, survey_pk: int) -> None:
        self.survey = request_survey(request, survey_pk)
        self.may_unsuppress = request.user.has_perm("surveys.view_unsuppressed", self.survey.process)
        self.may_code = request.user.has_perm("surveys.code_answers", self.survey.process)
        self.may_read_texts = free_text_shown(
            user=request.user, process=self.survey.process, beside_other_answers=False, unsuppressed=False
        )
        self.suppressed = not (self.may_unsuppress and request.GET.get("ungeschuetzt") == "1")
        self.weighted = request.GET.get("gewichtet") == "1"

    @cached_property
    def dataset(self) -> Dataset:
        return results_dataset(survey=self.survey)

    @cached_property
    def view(self) -> ResultsView:
        return results_view(
            survey=self.survey, dataset=self.dataset, suppressed=self.suppressed, weighted=self.weighted
        )

    def query(self, weighting: Weighting) -> str:
        params = {}
        if weighting.active:
            params["gewichtet"] = "1"
        if not self.suppressed:
            params["ungeschuetzt"] = "1"
        return urlencode(params)

    def as_dict(self, weighting: Weighting | None = None) -> dict[str, Any]:
        weighting = weighting or self.view.weighting
        return {
            "process": self.survey.process,
            "survey": self.survey,
            "weighting": weighting,
            "may_unsuppress": self.may_unsuppress,
            "may_code": self.may_code,
            "may_read_texts": self.may_read_texts,
            "unsuppressed": not self.suppressed,
            "query": self.query(weighting),
            "threshold": self.survey.suppression_threshold,
        }


def results_context(request: ProcessRequest, survey_pk: int) -> Context:
    return Context(request, survey_pk)


def _variable(context: Context, question: str) -> Variable:
    for variable in analysable_variables(context.dataset):
        if variable.name == question:
            return variable
    raise Http404(_("This question is not in the survey."))


def result_notes(context: Context, any_hidden: bool, weighting: Weighting | None = None) -> list[str]:
    weighting = weighting or context.view.weighting
    notes = []
    if any_hidden:
        notes.append(
            _("%(mark)s fewer than %(threshold)s answers, or hidden so that such a figure cannot be worked out.")
            % {"mark": HIDDEN, "threshold": context.survey.suppression_threshold}
        )
    if not context.suppressed:
        notes.append(_("Unsuppressed figures for Administration: do not pass them on."))
    if weighting.active:
        notes.append(
            _("Shares weighted to the register's local units by size class; numbers of respondents unweighted.")
        )
    return notes


# Pages ---------------------------------------------------------------------------------------


@process_permission_required("surveys.view_results")
@require_GET
def results(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    context = results_context(request, survey_pk)
    overview = cached_results_overview(survey=context.survey, suppressed=context.suppressed, weighted=context.weighted)
    # A questionnaire page is a section headed by its label (h2), each question under it (h3); a page without a
    # label that holds one question is that question's own section, headed by the question (h2).
    sections: list[dict[str, Any]] = [
        {
            "label": group.label,
            "alone": not group.label and len(group.entries) == 1,
            "entries": [
                {
                    "name": entry.name,
                    "label": entry.label,
                    "result": entry.result,
                    "table": question_table(entry.result),
                    # The same chart as the question's own page, drawn from the same suppressed result.
                    "chart": _chart(entry.result, f"frage-{entry.name}"),
                }
                for entry in group.entries
            ],
        }
        for group in overview.groups
        if group.entries
    ]
    any_hidden = any(entry["result"].any_hidden for section in sections for entry in section["entries"])
    return render(
        request,
        "surveys/manage/results_overview.html",
        {
            **context.as_dict(overview.weighting),
            "counts": response_counts(survey=context.survey),
            "sections": sections,
            "notes": result_notes(context, any_hidden, overview.weighting),
        },
    )


def question_page_result(context: Context, question: str) -> tuple[Variable, QuestionResult]:
    variable = _variable(context, question)
    return variable, published_question(dataset=context.dataset, variable=variable, view=context.view)


def _chart(result: QuestionResult, chart_id: str) -> charts.Chart | None:
    if isinstance(result, LikertResult):
        return charts.likert_chart(result, chart_id=chart_id)
    if isinstance(result, ChoiceResult):
        return charts.choice_chart(result, chart_id=chart_id)
    return None


@process_permission_required("surveys.view_results")
@require_GET
def results_question(request: ProcessRequest, process_pk: int, survey_pk: int, question: str) -> HttpResponse:
    context = results_context(request, survey_pk)
    variable, result = question_page_result(context, question)
    return render(
        request,
        "surveys/manage/results_question.html",
        {
            **context.as_dict(),
            "variable": variable,
            "result": result,
            "title": result.label if isinstance(result, LikertResult) else variable.label,
            "table": question_table(result),
            "chart": _chart(result, f"frage-{variable.name}"),
            "notes": result_notes(context, result.any_hidden),
            "is_open": variable.kind in OPEN_KINDS,
            # "Was wurde daraus?": the strategy elements (draft) that cite this result.
            "citations": [
                citation
                for key in result_source_keys(context.survey, variable.name)
                for citation in citations(context.survey.process, key, public=False)
            ],
        },
    )


@process_permission_required("surveys.view_results")
@require_GET
def results_question_csv(request: ProcessRequest, process_pk: int, survey_pk: int, question: str) -> HttpResponse:
    context = results_context(request, survey_pk)
    variable, result = question_page_result(context, question)
    title = result.label if isinstance(result, LikertResult) else variable.label
    return _csv_response(
        question_table(result),
        name=f"{context.survey.slug}-{variable.name}",
        notes=[title, *result_notes(context, result.any_hidden)],
    )


def crosstab_from_request(context: Context, request: HttpRequest) -> tuple[CrossTabForm, CrossTabResult | None]:
    candidates = crosstab_variables(survey=context.survey, dataset=context.dataset)
    choices = [(v.name, v.label) for v in candidates]
    data: Any = request.GET
    if "zeile" not in data:
        if len(choices) < 2:
            return CrossTabForm(None, choices=choices), None
        # First visit: the second candidate (size class, usually) by the first (sector).
        data = {"zeile": choices[1][0], "spalte": choices[0][0]}
    form = CrossTabForm(data, choices=choices)
    if not form.is_valid():
        return form, None
    by_name = {v.name: v for v in candidates}
    result = published_crosstab(
        dataset=context.dataset,
        row_variable=by_name[form.cleaned_data["zeile"]],
        column_variable=by_name[form.cleaned_data["spalte"]],
        view=context.view,
    )
    return form, result


@process_permission_required("surveys.view_results")
@require_GET
def results_crosstab(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    context = results_context(request, survey_pk)
    form, result = crosstab_from_request(context, request)
    extra = {}
    if result is not None:
        extra = {
            "table": crosstab_table(result),
            "chart": charts.crosstab_chart(result, chart_id="kreuztabelle"),
            "notes": result_notes(context, result.any_hidden),
            "selection": urlencode({"zeile": result.row_variable.name, "spalte": result.column_variable.name}),
            "keep": [("zeile", result.row_variable.name), ("spalte", result.column_variable.name)],
        }
    return render(
        request, "surveys/manage/results_crosstab.html", {**context.as_dict(), "form": form, "result": result, **extra}
    )


@process_permission_required("surveys.view_results")
@require_GET
def results_crosstab_csv(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    context = results_context(request, survey_pk)
    _form, result = crosstab_from_request(context, request)
    if result is None:
        raise Http404(_("Please choose two questions."))
    return _csv_response(
        crosstab_table(result),
        name=f"{context.survey.slug}-{result.row_variable.name}-{result.column_variable.name}",
        notes=[
            f"{result.row_variable.label} × {result.column_variable.label}",
            _("Column percentages."),
            *result_notes(context, result.any_hidden),
        ],
    )
