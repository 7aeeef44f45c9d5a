"""Results pages of a survey: overview, question, cross-tab, open answers with coding, codes, findings.

Every figure comes from ``selectors_results`` after suppression; the page, its chart and its CSV
download are built from the same publishable result. Query parameters: ``gewichtet=1`` weights
the results (when offered), ``ungeschuetzt=1`` shows Administration the unsuppressed figures.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.models import User
from standortkompass.standortanalyse.services_findings import finding_create
from standortkompass.surveys import charts
from standortkompass.surveys.dataset import Dataset, Variable, survey_dataset
from standortkompass.surveys.forms_results import (
    CodeAssignForm,
    CodeRenameForm,
    CodeUnassignForm,
    CrossTabForm,
    ResultFindingForm,
    SearchForm,
)
from standortkompass.surveys.models import Code, CodeAssignment, Response, ResponseStatus, Survey
from standortkompass.surveys.selectors_results import (
    HIDDEN,
    ChoiceResult,
    CrossTabResult,
    LikertResult,
    NumericResult,
    QuestionResult,
    ResultsView,
    Weighting,
    analysable_variables,
    cached_results_overview,
    crosstab_variables,
    is_personal,
    published_codes,
    published_crosstab,
    published_question,
    response_counts,
    results_view,
)
from standortkompass.surveys.services.coding import (
    OPEN_KINDS,
    code_assign,
    code_create,
    code_delete,
    code_rename,
    code_unassign,
)

PAGE_SIZE = 20
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<!\w)(\+|00)?\d[\d /().-]{5,}\d")


# Tables: the same cells for the page and the CSV download -------------------------------------


@dataclass
class Table:
    columns: list[str]
    rows: list[list[tuple[str, bool]]] = field(default_factory=list)  # (text, is a number); first cell = header
    footer: list[tuple[str, bool]] | None = None


def _format(value: float, decimals: int) -> str:
    # Django's number_format cuts digits off; round first.
    return number_format(round(value, decimals), decimals, force_grouping=True)


def _number(value: float | int | None, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return HIDDEN
    return _format(value, decimals)


def _percent(value: float | None) -> str:
    return HIDDEN if value is None else f"{_format(value * 100, 1)} %"


def _interval(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return HIDDEN
    return f"{_format(low * 100, 1)} – {_format(high * 100, 1)} %"


def question_table(result: QuestionResult) -> Table:
    """The result as a table; hidden figures are •."""
    if isinstance(result, ChoiceResult):
        share = _("Share (weighted)") if result.weighted else _("Share")
        columns = [_("Answer"), _("Number (unweighted)"), share, _("95 % confidence interval")]
        rank = result.variable.kind == "rank"
        if rank:
            columns[0] = _("Ranked first")
            columns.append(_("Mean position"))
        table = Table(columns)
        for row in result.rows:
            cells = [
                (row.label, False),
                (_number(row.count), True),
                (_percent(row.share), True),
                (_interval(row.ci_low, row.ci_high), True),
            ]
            if rank:
                cells.append((_number(row.mean_position, 1), True))
            table.rows.append(cells)
        table.footer = [(_("Respondents"), False), (_number(result.n), True)]
        return table
    if isinstance(result, LikertResult):
        share = _("(weighted)") if result.weighted else ""
        columns = [_("Item"), *[label for _name, label in result.scale]]
        columns += [label for _name, label in result.dont_know]
        columns += [_("Answers on the scale"), _("All answers"), _("Mean")]
        table = Table([f"{c} {share}".strip() if 0 < i <= len(result.scale) else c for i, c in enumerate(columns)])
        for item in result.items:
            label = item.variable.label
            prefix = f"{result.label} – "
            label = label[len(prefix) :] if label.startswith(prefix) else label
            cells = [(label, False)]
            if item.too_few:
                cells += [(HIDDEN, True)] * (len(columns) - 1)
            else:
                cells += [(_cell(s.count, s.share), True) for s in item.segments]
                cells += [(_cell(r.count, r.share), True) for r in item.dont_know]
                cells += [(_number(item.n), True), (_number(item.n_answered), True), (_number(item.mean, 2), True)]
            table.rows.append(cells)
        return table
    if isinstance(result, NumericResult):
        table = Table([_("Statistic"), _("Value")])
        for label, value, decimals in (
            (_("Respondents"), result.n, 0),
            (_("Mean (weighted)") if result.weighted else _("Mean"), result.mean, 2),
            (_("Median (weighted)") if result.weighted else _("Median"), result.median, 2),
            (_("Standard deviation"), result.std, 2),
            (_("Lower quartile"), result.lower_quartile, 2),
            (_("Upper quartile"), result.upper_quartile, 2),
            (_("Smallest answer"), result.minimum, 2),
            (_("Largest answer"), result.maximum, 2),
        ):
            table.rows.append([(label, False), (_number(value, decimals), True)])
        return table
    table = Table([_("Statistic"), _("Value")])
    table.rows.append([(_("Answers"), False), (_number(result.n), True)])
    return table


def _cell(count: int | None, share: float | None) -> str:
    if count is None:
        return HIDDEN
    return f"{_number(count)} ({_percent(share)})"


def crosstab_table(result: CrossTabResult) -> Table:
    weighted = _(" (weighted)") if result.weighted else ""
    table = Table([result.row_variable.label, *[label for _key, label in result.columns], _("Total")])
    for label, cells, total in result.body():
        row = [(label, False)]
        for count, share, _hidden in cells:
            if count is None:
                row.append((HIDDEN, True))
            elif share is None:  # a column without respondents, or whose total is hidden
                row.append((_number(count), True))
            else:
                row.append((f"{_number(count)} ({_percent(share)}{weighted})", True))
        row.append((_number(total), True))
        table.rows.append(row)
    table.footer = [
        (_("Total"), False),
        *[(_number(total), True) for total in result.column_totals],
        (_number(result.grand_total), True),
    ]
    return table


def _csv_response(table: Table, *, name: str, notes: list[str]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([text for text, _number in row])
    if table.footer:
        writer.writerow([text for text, _number in table.footer])
    writer.writerow([])
    for note in notes:
        writer.writerow([note])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}.csv"'
    return response


# Request helpers -----------------------------------------------------------------------------


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _survey(request: HttpRequest, survey_pk: int) -> Survey:
    return get_object_or_404(Survey, process=request.process, pk=survey_pk)  # type: ignore[attr-defined]


class Context:
    """The survey and how the reader sees its results; the dataset is loaded only when a page needs it."""

    def __init__(self, request: HttpRequest, survey_pk: int) -> None:
        self.survey = _survey(request, survey_pk)
        user: Any = request.user
        self.may_unsuppress = bool(user.has_perm("surveys.view_unsuppressed", self.survey.process))
        self.may_code = bool(user.has_perm("surveys.code_answers", self.survey.process))
        self.suppressed = not (self.may_unsuppress and request.GET.get("ungeschuetzt") == "1")
        self.weighted = request.GET.get("gewichtet") == "1"

    @cached_property
    def dataset(self) -> Dataset:
        return survey_dataset(survey=self.survey)

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
            "unsuppressed": not self.suppressed,
            "query": self.query(weighting),
            "threshold": self.survey.suppression_threshold,
        }


def _context(request: HttpRequest, survey_pk: int) -> Context:
    return Context(request, survey_pk)


def _variable(context: Context, question: str) -> Variable:
    for variable in analysable_variables(context.dataset):
        if variable.name == question:
            return variable
    raise Http404(_("This question is not in the survey."))


def _notes(context: Context, any_hidden: bool, weighting: Weighting | None = None) -> list[str]:
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
def results(request: HttpRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    context = _context(request, survey_pk)
    overview = cached_results_overview(survey=context.survey, suppressed=context.suppressed, weighted=context.weighted)
    sections: list[dict[str, Any]] = [
        {
            "label": group.label,
            "entries": [
                {
                    "name": entry.name,
                    "label": entry.label,
                    "result": entry.result,
                    "table": question_table(entry.result),
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
            "notes": _notes(context, any_hidden, overview.weighting),
        },
    )


def _question_page(context: Context, question: str) -> tuple[Variable, QuestionResult]:
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
def results_question(request: HttpRequest, process_pk: int, survey_pk: int, question: str) -> HttpResponse:
    context = _context(request, survey_pk)
    variable, result = _question_page(context, question)
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
            "notes": _notes(context, result.any_hidden),
            "is_open": variable.kind in OPEN_KINDS,
        },
    )


@process_permission_required("surveys.view_results")
@require_GET
def results_question_csv(request: HttpRequest, process_pk: int, survey_pk: int, question: str) -> HttpResponse:
    context = _context(request, survey_pk)
    variable, result = _question_page(context, question)
    title = result.label if isinstance(result, LikertResult) else variable.label
    return _csv_response(
        question_table(result),
        name=f"{context.survey.slug}-{variable.name}",
        notes=[title, *_notes(context, result.any_hidden)],
    )


def _crosstab(context: Context, request: HttpRequest) -> tuple[CrossTabForm, CrossTabResult | None]:
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
def results_crosstab(request: HttpRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    context = _context(request, survey_pk)
    form, result = _crosstab(context, request)
    extra = {}
    if result is not None:
        extra = {
            "table": crosstab_table(result),
            "chart": charts.crosstab_chart(result, chart_id="kreuztabelle"),
            "notes": _notes(context, result.any_hidden),
            "selection": urlencode({"zeile": result.row_variable.name, "spalte": result.column_variable.name}),
        }
    return render(
        request, "surveys/manage/results_crosstab.html", {**context.as_dict(), "form": form, "result": result, **extra}
    )


@process_permission_required("surveys.view_results")
@require_GET
def results_crosstab_csv(request: HttpRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    context = _context(request, survey_pk)
    _form, result = _crosstab(context, request)
    if result is None:
        raise Http404(_("Please choose two questions."))
    return _csv_response(
        crosstab_table(result),
        name=f"{context.survey.slug}-{result.row_variable.name}-{result.column_variable.name}",
        notes=[
            f"{result.row_variable.label} × {result.column_variable.label}",
            _("Column percentages."),
            *_notes(context, result.any_hidden),
        ],
    )


# Open answers and coding ---------------------------------------------------------------------


def anonymised(text: str) -> str:
    """The answer without e-mail addresses and telephone numbers."""
    return PHONE.sub(_("[telephone number removed]"), EMAIL.sub(_("[e-mail address removed]"), text))


def _open_variable(survey: Survey, question: str) -> tuple[Dataset, Variable]:
    dataset = survey_dataset(survey=survey)
    for variable in dataset.question_variables():
        if variable.name == question and variable.kind in OPEN_KINDS and not is_personal(dataset, variable):
            return dataset, variable
    raise Http404(_("This is not an open question of the survey."))


def _codes(survey: Survey, question: str) -> list[Code]:
    return list(Code.objects.filter(survey=survey, question=question).order_by("label"))


@process_permission_required("surveys.view_results")
@require_GET
def results_open(request: HttpRequest, process_pk: int, survey_pk: int, question: str) -> HttpResponse:
    survey = _survey(request, survey_pk)
    _dataset, variable = _open_variable(survey, question)
    user: Any = request.user
    may_code = bool(user.has_perm("surveys.code_answers", survey.process))
    search = SearchForm(request.GET or None)
    term = search.cleaned_data["q"].strip().lower() if search.is_valid() else ""
    rows = Response.objects.filter(survey=survey, status=ResponseStatus.COMPLETED).order_by("id")
    answers = []
    for pk, values in rows.values_list("id", "answers"):
        text = values.get(question) if isinstance(values, dict) else None
        if isinstance(text, str) and text.strip() and (not term or term in text.lower()):
            answers.append((pk, text))
    page = Paginator(answers, PAGE_SIZE).get_page(request.GET.get("seite"))
    assigned: dict[int, list[Code]] = {}
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
            "form": CodeAssignForm(initial={"response": pk}, codes=choices, prefix=f"a{pk}") if may_code else None,
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


def _back_to_open(request: HttpRequest, survey: Survey, question: str) -> HttpResponse:
    url = reverse("surveys_manage:results_open", args=[survey.process_id, survey.pk, question])
    back = request.POST.get("next", "")
    if back.startswith("?"):
        url += back
    return redirect(url)


@process_permission_required("surveys.code_answers")
@require_POST
def results_code_assign(request: HttpRequest, process_pk: int, survey_pk: int, question: str) -> HttpResponse:
    survey = _survey(request, survey_pk)
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
                survey=survey, question=question, label=form.cleaned_data["new_label"], actor=_actor(request)
            )
        code_assign(code=code, response=response, actor=_actor(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Code “%(code)s” assigned.") % {"code": code.label})
    return _back_to_open(request, survey, question)


@process_permission_required("surveys.code_answers")
@require_POST
def results_code_unassign(request: HttpRequest, process_pk: int, survey_pk: int, question: str) -> HttpResponse:
    survey = _survey(request, survey_pk)
    form = CodeUnassignForm(request.POST)
    if form.is_valid():
        code = get_object_or_404(Code, survey=survey, question=question, pk=form.cleaned_data["code"])
        response = get_object_or_404(Response, survey=survey, pk=form.cleaned_data["response"])
        code_unassign(code=code, response=response, actor=_actor(request))
        messages.success(request, _("Code “%(code)s” removed.") % {"code": code.label})
    return _back_to_open(request, survey, question)


@process_permission_required("surveys.view_results")
@require_GET
def results_codes(request: HttpRequest, process_pk: int, survey_pk: int, question: str) -> HttpResponse:
    context = _context(request, survey_pk)
    _dataset, variable = _open_variable(context.survey, question)
    result = published_codes(dataset=context.dataset, survey=context.survey, question=question, view=context.view)
    labels = {code.pk: code for code in _codes(context.survey, question)}
    rows = [
        {
            "code": labels[pk],
            "frequency": _number(count),
            "share": _percent(count / result.answered if result.answered and count is not None else None),
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
            "notes": _notes(context, any_hidden),
        },
    )


@process_permission_required("surveys.code_answers")
@require_http_methods(["GET", "POST"])
def results_code_rename(
    request: HttpRequest, process_pk: int, survey_pk: int, question: str, code_pk: int
) -> HttpResponse:
    survey = _survey(request, survey_pk)
    code = get_object_or_404(Code, survey=survey, question=question, pk=code_pk)
    form = CodeRenameForm(request.POST or None, initial={"label": code.label})
    if request.method == "POST" and form.is_valid():
        try:
            code_rename(code=code, label=form.cleaned_data["label"], actor=_actor(request))
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
    request: HttpRequest, process_pk: int, survey_pk: int, question: str, code_pk: int
) -> HttpResponse:
    survey = _survey(request, survey_pk)
    code = get_object_or_404(Code, survey=survey, question=question, pk=code_pk)
    code_delete(code=code, actor=_actor(request))
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
            "count": _number(shown),
            "code": code.label,
        }
        return f"umfrage:{slug}:{code.question}:code:{code.label}", code.label, text
    if params.get("zeile") and params.get("spalte"):
        _form, result = _crosstab(context, cast(HttpRequest, _Params(params)))
        if result is None:
            raise Http404(_("Please choose two questions."))
        table = crosstab_table(result)
        lines = [" | ".join(table.columns)]
        lines += [" | ".join(text for text, _n in row) for row in table.rows]
        text = "\n".join([f"{result.row_variable.label} × {result.column_variable.label}", "", *lines])
        reference = f"umfrage:{slug}:kreuztabelle:{result.row_variable.name}:{result.column_variable.name}"
        return reference, f"{result.row_variable.label} × {result.column_variable.label}", text
    question = params.get("frage", "")
    variable, question_result = _question_page(context, question)
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
def results_finding(request: HttpRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    context = _context(request, survey_pk)
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
                actor=_actor(request),
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
