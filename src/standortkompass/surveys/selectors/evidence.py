"""Survey results as evidence for the strategy (the kind "survey_result" of ``processes.evidence``).

A cited result is always shown with the survey's suppression, to Redaktion and the public alike: the same
published result as the results pages (cached per data version). A breakdown (by the survey's sector, size
or municipality question) shows, per category, the share of the answer given most often overall; a cell the
suppression hides stays hidden.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from standortkompass.core.cache import single_flight
from standortkompass.core.numbers import format_number, format_percent
from standortkompass.processes.evidence import EvidenceKind, EvidenceOption, Reference, ResolvedEvidence
from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.dataset import results_dataset
from standortkompass.surveys.models import Survey
from standortkompass.surveys.results.selectors import (
    ResultsView,
    cached_results_overview,
    published_crosstab,
    survey_data_version,
)
from standortkompass.surveys.results.types import (
    HIDDEN,
    NO_ANSWER,
    ChoiceResult,
    LikertResult,
    NumericResult,
    QuestionResult,
)
from standortkompass.surveys.results.weighting import Weighting

CACHE_SECONDS = 60 * 60
KIND = "survey_result"


def _source_key(reference: Reference) -> str:
    return f"survey:{reference.get('survey')}:{reference.get('question')}:{reference.get('breakdown') or '-'}"


def _breakdowns(survey: Survey) -> list[tuple[str, str]]:
    """The survey's characteristics a result can be broken down by: (question name, label)."""
    candidates = [
        (survey.sector_question, _("by sector")),
        (survey.size_question, _("by size class")),
        (survey.municipality_question, _("by municipality")),
    ]
    return [(name, label) for name, label in candidates if name]


def _surveys(process: StrategyProcess) -> list[Survey]:
    return list(Survey.objects.filter(process=process).order_by("-id"))


def result_source_keys(survey: Survey, question: str) -> list[str]:
    """The source keys under which the strategy may cite a question's result (plain and each breakdown)."""
    breakdowns = ["", *(name for name, _label in _breakdowns(survey))]
    return [_source_key({"survey": survey.pk, "question": question, "breakdown": name}) for name in breakdowns]


def survey_result_options(process: StrategyProcess) -> list[EvidenceOption]:
    """Every question of the process's surveys, and single-choice questions by each characteristic."""
    options = []
    for survey in _surveys(process):
        overview = cached_results_overview(survey=survey, suppressed=True, weighted=False)
        breakdowns = _breakdowns(survey)
        for group in overview.groups:
            for entry in group.entries:
                reference = {"survey": survey.pk, "question": entry.name, "breakdown": ""}
                options.append(EvidenceOption(reference=reference, label=entry.label, group=survey.title))
                if isinstance(entry.result, ChoiceResult) and not entry.result.multiple:
                    for name, label in breakdowns:
                        if name != entry.name:
                            options.append(
                                EvidenceOption(
                                    reference={**reference, "breakdown": name},
                                    label=f"{entry.label} – {label}",
                                    group=survey.title,
                                )
                            )
    return options


def _share(share: float | None) -> str:
    return HIDDEN if share is None else format_percent(share * 100)


def _summary(result: QuestionResult) -> tuple[str, tuple[tuple[str, str], ...], bool]:
    """(summary line, details, withheld) of a published result."""
    if isinstance(result, ChoiceResult):
        if result.too_few:
            return _("Too few answers to show this result."), (), True
        rows = sorted((row for row in result.rows if row.share is not None), key=lambda row: -(row.share or 0))
        # The largest shares, then the categories the suppression hides (marked, so the reader knows).
        hidden = [row for row in result.rows if row.share is None and row.hidden]
        details = tuple((row.label, _share(row.share)) for row in [*rows[:5], *hidden])
        count = _("%(n)s companies answered.") % {"n": format_number(result.n) if result.n is not None else HIDDEN}
        return count, details, not details
    if isinstance(result, LikertResult):
        lines: list[tuple[str, str]] = []
        for item in result.items:
            visible = [segment for segment in item.segments if segment.share is not None]
            if item.too_few or not visible:
                lines.append((item.variable.label, HIDDEN))
                continue
            top = max(visible, key=lambda segment: segment.share or 0)
            lines.append((item.variable.label, f"{top.label}: {_share(top.share)}"))
        withheld = all(value == HIDDEN for _label, value in lines)
        return _("Most frequent answer per statement."), tuple(lines), withheld
    if isinstance(result, NumericResult):
        if result.too_few or result.mean is None:
            return _("Too few answers to show this result."), (), True
        details = (
            (_("Mean"), format_number(result.mean, 1)),
            (_("Median"), format_number(result.median, 1) if result.median is not None else HIDDEN),
        )
        return _("%(n)s companies answered.") % {"n": format_number(result.n or 0)}, details, False
    return _("Open answers; they are not shown as evidence."), (), True


@dataclass(frozen=True)
class _Shown:
    title: str
    summary: str
    details: tuple[tuple[str, str], ...]
    withheld: bool


def _breakdown(survey: Survey, question: str, breakdown: str, label: str) -> _Shown | None:
    raw = f"{survey_data_version(survey=survey)}|{question}|{breakdown}|{get_language()}"
    key = "surveys:evidence-breakdown:" + hashlib.sha256(raw.encode()).hexdigest()

    def compute() -> _Shown | None:
        dataset = results_dataset(survey=survey)
        try:
            row_variable = dataset.variable(question)
            column_variable = dataset.variable(breakdown)
        except KeyError:
            return None
        view = ResultsView(
            suppressed=True, threshold=survey.suppression_threshold, weighting=Weighting(False, False, explanation="")
        )
        table = published_crosstab(
            dataset=dataset, row_variable=row_variable, column_variable=column_variable, view=view
        )
        title = f"{row_variable.label} – {label}"
        if table.too_few or table.withheld or not table.rows:
            return _Shown(title, _("Too few answers to show this result."), (), True)
        totals = [total if total is not None else -1 for total in table.row_totals]
        top = max(range(len(table.rows)), key=lambda index: totals[index])
        answer = table.rows[top][1]
        # Categories nobody answered in (and the "no answer" column) are left out.
        details = tuple(
            (column_label, HIDDEN if table.hidden[top][index] else _share(table.shares[top][index]))
            for index, (column_key, column_label) in enumerate(table.columns)
            if column_key != NO_ANSWER and table.column_totals[index] != 0
        )
        summary = _("Share answering “%(answer)s”, per category.") % {"answer": answer}
        return _Shown(title, summary, details, all(value == HIDDEN for _label, value in details))

    result: _Shown | None = single_flight(key, compute, timeout=CACHE_SECONDS)
    return result


def survey_result_resolve_many(
    process: StrategyProcess, references: list[Reference], *, public: bool
) -> list[ResolvedEvidence | None]:
    """Many cited results: each survey and its (cached) results read once, not once per citation."""
    ids: set[int] = set()
    for reference in references:
        try:
            ids.add(int(reference.get("survey", 0)))
        except (TypeError, ValueError):
            continue
    surveys = {survey.pk: survey for survey in Survey.objects.filter(process=process, pk__in=ids)}
    overviews: dict[int, dict[str, tuple[str, QuestionResult]]] = {}
    answers: list[ResolvedEvidence | None] = []
    for reference in references:
        try:
            survey = surveys.get(int(reference.get("survey", 0)))
        except (TypeError, ValueError):
            survey = None
        if survey is None:
            answers.append(None)
            continue
        answers.append(_resolve_one(process, survey, reference, public=public, overviews=overviews))
    return answers


def _resolve_one(
    process: StrategyProcess,
    survey: Survey,
    reference: Reference,
    *,
    public: bool,
    overviews: dict[int, dict[str, tuple[str, QuestionResult]]],
) -> ResolvedEvidence | None:
    question = str(reference.get("question", ""))
    breakdown = str(reference.get("breakdown", "") or "")
    url = (
        ""
        if public
        else reverse(
            "surveys_manage:results_question",
            kwargs={"process_pk": process.pk, "survey_pk": survey.pk, "question": question},
        )
    )
    source = _("Company survey “%(survey)s”") % {"survey": survey.title}
    if breakdown:
        label = dict(_breakdowns(survey)).get(breakdown)
        if label is None:
            return None
        shown = _breakdown(survey, question, breakdown, label)
        if shown is None:
            return None
        return ResolvedEvidence(
            title=shown.title,
            summary=shown.summary,
            url=url,
            source=source,
            details=shown.details,
            suppressed=shown.withheld,
        )
    if survey.pk not in overviews:
        overview = cached_results_overview(survey=survey, suppressed=True, weighted=False)
        overviews[survey.pk] = {
            entry.name: (entry.label, entry.result) for group in overview.groups for entry in group.entries
        }
    found = overviews[survey.pk].get(question)
    if found is None:
        return None
    label, result = found
    summary, details, withheld = _summary(result)
    return ResolvedEvidence(title=label, summary=summary, url=url, source=source, details=details, suppressed=withheld)


def survey_result_resolve(process: StrategyProcess, reference: Reference, *, public: bool) -> ResolvedEvidence | None:
    return survey_result_resolve_many(process, [reference], public=public)[0]


SURVEY_RESULT = EvidenceKind(
    key=KIND,
    label=gettext_lazy("Survey result"),
    options=survey_result_options,
    resolve=survey_result_resolve,
    source_key=_source_key,
    order=30,
    resolve_many=survey_result_resolve_many,
)
