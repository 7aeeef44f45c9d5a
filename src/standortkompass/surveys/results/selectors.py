"""What the results pages ask for: the reader's view, the overview (cached per data version), cross-tabs, codes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

import pandas as pd
from django.db.models import CharField, Count, Max, Min, Q, Sum
from django.db.models.functions import Cast
from django.utils.translation import get_language

from standortkompass.core.cache import single_flight
from standortkompass.surveys.dataset import Dataset, Variable, results_dataset, survey_version
from standortkompass.surveys.models import Code, Response, ResponseStatus, Survey, SurveyInvitation
from standortkompass.surveys.results.build import crosstab_result, is_personal, question_result, texts_given
from standortkompass.surveys.results.suppression import publishable
from standortkompass.surveys.results.types import (
    ChoiceResult,
    CodeResult,
    CrossTabResult,
    LikertResult,
    QuestionResult,
)
from standortkompass.surveys.results.weighting import Weighting, survey_weighting


@dataclass(frozen=True)
class ResultsView:
    """How the current reader sees the results."""

    suppressed: bool
    threshold: int
    weighting: Weighting


@dataclass(frozen=True)
class QuestionEntry:
    name: str
    label: str
    result: QuestionResult


@dataclass(frozen=True)
class PageGroup:
    name: str
    label: str
    entries: list[QuestionEntry] = field(default_factory=list)


def results_view(*, survey: Survey, dataset: Dataset, suppressed: bool, weighted: bool) -> ResultsView:
    return ResultsView(
        suppressed=suppressed,
        threshold=survey.suppression_threshold,
        weighting=survey_weighting(survey=survey, dataset=dataset, requested=weighted),
    )


def _weights(view: ResultsView) -> pd.Series | None:
    return view.weighting.weights if view.weighting.active else None


def analysable_variables(dataset: Dataset) -> list[Variable]:
    """The questions shown in results: every answered question except personal data."""
    return [v for v in dataset.question_variables() if not is_personal(dataset, v)]


def published_question(*, dataset: Dataset, variable: Variable, view: ResultsView) -> QuestionResult:
    raw = question_result(dataset, variable, _weights(view))
    return publishable(raw, suppressed=view.suppressed, threshold=view.threshold)


def published_crosstab(
    *, dataset: Dataset, row_variable: Variable, column_variable: Variable, view: ResultsView
) -> CrossTabResult:
    """The cross-tab as it may be shown: its margins hidden exactly where the two questions' own results hide them."""
    raw = crosstab_result(dataset, row_variable, column_variable, _weights(view))
    if view.suppressed:
        rows = published_question(dataset=dataset, variable=row_variable, view=view)
        columns = published_question(dataset=dataset, variable=column_variable, view=view)
        raw = replace(
            raw,
            row_margin_hidden=_hidden_margins(rows, row_variable),
            column_margin_hidden=_hidden_margins(columns, column_variable),
        )
    return publishable(raw, suppressed=view.suppressed, threshold=view.threshold)


def _hidden_margins(result: QuestionResult, variable: Variable) -> tuple[bool, ...]:
    """Per choice of a single-choice question (in the questionnaire's order), and then for its number of
    respondents: whether its published result hides it."""
    names = [name for name, _label in variable.choices]
    if isinstance(result, LikertResult):
        item = next(item for item in result.items if item.variable.name == variable.name)
        if item.too_few:
            return tuple(True for _ in range(len(names) + 1))
        shown = {segment.key: not segment.hidden for segment in item.segments}
        shown |= {row.key: not row.hidden for row in item.dont_know}
        return (*(not shown.get(name, False) for name in names), item.n_answered is None)
    if isinstance(result, ChoiceResult):
        if result.too_few:
            return tuple(True for _ in range(len(names) + 1))
        shown = {row.key: not row.hidden for row in result.rows}
        return (*(not shown.get(name, False) for name in names), result.n is None)
    return tuple(True for _ in range(len(names) + 1))


def results_overview(*, dataset: Dataset, view: ResultsView) -> list[PageGroup]:
    """Every question's result, grouped by questionnaire page (a matrix once, at its first item)."""
    groups: list[PageGroup] = []
    by_page: dict[str, PageGroup] = {}
    done: set[str] = set()
    runtime = dataset.runtime
    for variable in analysable_variables(dataset):
        page_name = runtime.page_of.get(variable.question, "")
        if page_name not in by_page:
            page = runtime.page(page_name) if page_name in {p["name"] for p in runtime.schema["pages"]} else None
            label = runtime.text(page["label"]) if page else ""
            by_page[page_name] = PageGroup(page_name, label)
            groups.append(by_page[page_name])
        key = variable.matrix or variable.name
        if key in done:
            continue
        done.add(key)
        result = published_question(dataset=dataset, variable=variable, view=view)
        label = result.label if isinstance(result, LikertResult) else variable.label
        by_page[page_name].entries.append(QuestionEntry(variable.name, label, result))
    return groups


def crosstab_variables(*, survey: Survey, dataset: Dataset) -> list[Variable]:
    """Single-choice questions that can make a row or a column, the sector, size and municipality first."""
    singles = [v for v in analysable_variables(dataset) if v.kind == "select_one"]
    first = [survey.sector_question, survey.size_question, survey.municipality_question]
    ordered = [v for name in first for v in singles if name and v.name == name]
    return ordered + [v for v in singles if v not in ordered]


@dataclass(frozen=True)
class ResponseCounts:
    completed: int
    in_progress: int
    invited: int
    invited_completed: int

    @property
    def rate(self) -> float | None:
        return self.invited_completed / self.invited if self.invited else None


def response_counts(*, survey: Survey) -> ResponseCounts:
    statuses = dict(Response.objects.filter(survey=survey).values_list("status").order_by().annotate(count=Count("id")))
    invitations = SurveyInvitation.objects.filter(survey=survey)
    return ResponseCounts(
        completed=statuses.get(ResponseStatus.COMPLETED, 0),
        in_progress=statuses.get(ResponseStatus.IN_PROGRESS, 0),
        invited=invitations.count(),
        invited_completed=invitations.filter(completed=True).count(),
    )


# The overview, cached per version of the data -------------------------------------------------

CACHE_SECONDS = 3600  # also bounds how long a new import of the register figures goes unnoticed


def survey_data_version(*, survey: Survey) -> str:
    """Changes whenever a response is completed or deleted, or the survey or questionnaire changes.

    Only completed responses count in the results, and they do not change any more; saves of
    responses in progress therefore leave the cached overview valid. The keys are random: the smallest and
    the largest (as text, which both databases compare) stand in for the newest of a running number.
    """
    key = Cast("id", output_field=CharField())
    figures = Response.objects.filter(survey=survey, status=ResponseStatus.COMPLETED).aggregate(
        count=Count("id"), first=Min(key), last=Max(key), revisions=Sum("revision")
    )
    version = survey_version(survey=survey)
    parts = [survey.pk, survey.updated_at.isoformat(), version.pk if version else 0, *figures.values()]
    return ":".join(str(part) for part in parts)


@dataclass(frozen=True)
class Overview:
    groups: list[PageGroup]
    weighting: Weighting  # without the weights themselves
    threshold: int
    suppressed: bool


def cached_results_overview(*, survey: Survey, suppressed: bool, weighted: bool) -> Overview:
    """:func:`results_overview` of the survey's completed responses, computed once per data version and view."""
    raw = f"{survey_data_version(survey=survey)}|{suppressed}|{weighted}|{get_language()}"
    key = "surveys:results-overview:" + hashlib.sha256(raw.encode()).hexdigest()

    def compute() -> Overview:
        dataset = results_dataset(survey=survey)
        view = results_view(survey=survey, dataset=dataset, suppressed=suppressed, weighted=weighted)
        return Overview(
            groups=results_overview(dataset=dataset, view=view),
            weighting=replace(view.weighting, weights=None),
            threshold=view.threshold,
            suppressed=suppressed,
        )

    # Readers who open the page while it is computed (or the warming task computes it) wait for that result.
    return single_flight(key, compute, timeout=CACHE_SECONDS)


def published_codes(*, dataset: Dataset, survey: Survey, question: str, view: ResultsView) -> CodeResult:
    """The codebook of an open question with the number of completed answers that have each code."""
    codes = (
        Code.objects.filter(survey=survey, question=question)
        .annotate(
            frequency=Count(
                "assignments", filter=Q(assignments__response__status=ResponseStatus.COMPLETED), distinct=True
            )
        )
        .order_by("label")
        .values_list("pk", "label", "frequency")
    )
    answered = texts_given(dataset.frame[question]) if question in dataset.frame else 0
    raw = CodeResult(question, tuple(codes), answered)
    return publishable(raw, suppressed=view.suppressed, threshold=view.threshold)
