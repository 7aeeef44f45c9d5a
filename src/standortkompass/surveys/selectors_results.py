"""Results of a survey per question and as cross-tabs, with small-cell suppression and optional weighting.

Every figure shown on a page, drawn in a chart or written to a CSV download comes from a result
that went through :func:`publishable`, the one place where suppression is applied: with
``suppressed`` a count below the survey's threshold (and, secondarily, what would give it away)
becomes ``None`` and is marked hidden; a question answered by fewer respondents than the
threshold shows nothing but "too few answers". Administration may ask for the unsuppressed figures.

Weighting: the shipped register gives the district's local units by size class only (not by WZ
section), so post-stratification uses the size class alone. Counts are always unweighted.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from typing import overload

import numpy as np
import pandas as pd
from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from standortkompass.analysis.survey import (
    crosstab,
    frequency_table,
    likert_diverging,
    numeric_summary,
    poststratification_weights,
    suppress_frequencies,
    suppress_table,
)
from standortkompass.regiondata.selectors import observations_list
from standortkompass.surveys.dataset import Dataset, Variable, survey_dataset, survey_version
from standortkompass.surveys.models import Code, Response, ResponseStatus, Survey, SurveyInvitation

HIDDEN = "•"
DONT_KNOW_NAMES = {"weiss_nicht", "weiß_nicht", "wn", "keine_angabe", "ka", "dont_know", "nicht_relevant", "wn_ka"}
DONT_KNOW_LABELS = ("weiß nicht", "weiss nicht", "keine angabe", "don't know", "don’t know", "nicht relevant")
# Lower bound of a size class (employees) → register indicator of the district's local units.
REGISTER_BY_LOWER_BOUND = {
    0: "local_units_0_to_10",
    10: "local_units_10_to_50",
    50: "local_units_50_to_250",
    250: "local_units_250_plus",
}


# Results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One category: unweighted count, (weighted) share with its 95 % Wilson interval; ``None`` when hidden."""

    key: str
    label: str
    count: int | None
    share: float | None
    ci_low: float | None
    ci_high: float | None
    hidden: bool = False
    mean_position: float | None = None  # ranking questions


@dataclass(frozen=True)
class ChoiceResult:
    variable: Variable
    rows: tuple[Row, ...]
    n: int | None
    multiple: bool
    weighted: bool
    too_few: bool = False
    any_hidden: bool = False
    unsuppressed: bool = False
    kind: str = "choice"


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    count: int | None
    share: float | None
    start: float | None
    end: float | None
    hidden: bool = False


@dataclass(frozen=True)
class LikertItem:
    variable: Variable
    segments: tuple[Segment, ...]
    dont_know: tuple[Row, ...]
    n: int | None  # substantive answers
    n_answered: int | None  # scale points and "don't know"
    mean: float | None  # on the choice names' numbers when they are numbers, else 1..k
    hidden: bool = False  # not drawn: too few answers or a hidden cell
    too_few: bool = False
    any_hidden: bool = False


@dataclass(frozen=True)
class LikertResult:
    key: str
    label: str
    items: tuple[LikertItem, ...]
    scale: tuple[tuple[str, str], ...]  # negative → positive, as drawn
    dont_know: tuple[tuple[str, str], ...]
    weighted: bool
    unsuppressed: bool = False
    kind: str = "likert"

    @property
    def any_hidden(self) -> bool:
        return any(item.any_hidden or item.too_few for item in self.items)

    @property
    def variable(self) -> Variable:
        return self.items[0].variable


@dataclass(frozen=True)
class NumericResult:
    variable: Variable
    n: int | None
    mean: float | None
    median: float | None
    std: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    minimum: float | None
    maximum: float | None
    weighted: bool
    too_few: bool = False
    extremes_hidden: bool = False
    unsuppressed: bool = False
    kind: str = "numeric"

    @property
    def any_hidden(self) -> bool:
        return self.extremes_hidden


@dataclass(frozen=True)
class TextResult:
    variable: Variable
    n: int | None
    too_few: bool = False
    unsuppressed: bool = False
    any_hidden: bool = False
    weighted: bool = False
    kind: str = "text"


QuestionResult = ChoiceResult | LikertResult | NumericResult | TextResult


@dataclass(frozen=True)
class CrossTabResult:
    row_variable: Variable
    column_variable: Variable
    rows: tuple[tuple[str, str], ...]
    columns: tuple[tuple[str, str], ...]
    counts: tuple[tuple[int | None, ...], ...]
    shares: tuple[tuple[float | None, ...], ...]  # column shares
    hidden: tuple[tuple[bool, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    grand_total: int | None
    n_missing: int | None
    weighted: bool
    too_few: bool = False
    any_hidden: bool = False
    unsuppressed: bool = False

    def body(self) -> list[tuple[str, list[tuple[int | None, float | None, bool]], int | None]]:
        """(row label, [(count, column share, hidden) per column], row total) per row."""
        return [
            (label, list(zip(self.counts[i], self.shares[i], self.hidden[i], strict=True)), self.row_totals[i])
            for i, (_key, label) in enumerate(self.rows)
        ]


@dataclass(frozen=True)
class CodeResult:
    """How many answers to an open question have each code (an answer can have several)."""

    question: str
    codes: tuple[tuple[int, str, int | None], ...]  # (code id, label, answers with the code)
    answered: int
    any_hidden: bool = False
    unsuppressed: bool = False


# Suppression: the one place ------------------------------------------------------------------

AnyResult = ChoiceResult | LikertResult | NumericResult | TextResult | CrossTabResult | CodeResult


@overload
def publishable(result: ChoiceResult, *, suppressed: bool, threshold: int) -> ChoiceResult: ...
@overload
def publishable(result: LikertResult, *, suppressed: bool, threshold: int) -> LikertResult: ...
@overload
def publishable(result: NumericResult, *, suppressed: bool, threshold: int) -> NumericResult: ...
@overload
def publishable(result: TextResult, *, suppressed: bool, threshold: int) -> TextResult: ...
@overload
def publishable(result: CrossTabResult, *, suppressed: bool, threshold: int) -> CrossTabResult: ...
@overload
def publishable(result: CodeResult, *, suppressed: bool, threshold: int) -> CodeResult: ...
@overload
def publishable(result: QuestionResult, *, suppressed: bool, threshold: int) -> QuestionResult: ...
def publishable(result: AnyResult, *, suppressed: bool, threshold: int) -> AnyResult:
    """The result as it may be shown: with ``suppressed``, small cells and what reveals them are hidden.

    Without ``suppressed`` (Administration asked for it) the result is marked ``unsuppressed``.
    """
    if not suppressed:
        return replace(result, unsuppressed=True)
    if isinstance(result, ChoiceResult):
        return _suppress_choice(result, threshold)
    if isinstance(result, LikertResult):
        return replace(result, items=tuple(_suppress_likert_item(item, threshold) for item in result.items))
    if isinstance(result, NumericResult):
        if result.n is not None and 0 < result.n < threshold:
            return _numeric_too_few(result)
        # The smallest and largest answer are single companies' figures.
        return replace(result, minimum=None, maximum=None, extremes_hidden=result.n is not None and result.n > 0)
    if isinstance(result, TextResult):
        return replace(result, n=None, too_few=True) if result.n is not None and 0 < result.n < threshold else result
    if isinstance(result, CodeResult):
        if not result.codes:
            return result
        counts = [count or 0 for _pk, _label, count in result.codes]
        hide = suppress_frequencies(counts, threshold=threshold, total=max(result.answered, max(counts))).cells
        codes = tuple(
            (pk, label, None if hidden else count)
            for (pk, label, count), hidden in zip(result.codes, hide.tolist(), strict=True)
        )
        return replace(result, codes=codes, any_hidden=bool(hide.any()))
    return _suppress_crosstab(result, threshold)


def _suppress_choice(result: ChoiceResult, threshold: int) -> ChoiceResult:
    n = result.n or 0
    counts = np.array([row.count or 0 for row in result.rows], dtype=np.int64)
    if 0 < n < threshold:
        return replace(result, rows=(), n=None, too_few=True, any_hidden=True)
    hide = suppress_frequencies(counts, threshold=threshold, total=n)
    rows = tuple(
        replace(row, count=None, share=None, ci_low=None, ci_high=None, mean_position=None, hidden=True)
        if hidden
        else row
        for row, hidden in zip(result.rows, hide.cells.tolist(), strict=True)
    )
    return replace(result, rows=rows, n=None if hide.total else result.n, any_hidden=bool(hide.cells.any()))


def _suppress_likert_item(item: LikertItem, threshold: int) -> LikertItem:
    total = item.n_answered or 0
    if 0 < total < threshold:
        return replace(item, segments=(), dont_know=(), n=None, n_answered=None, mean=None, hidden=True, too_few=True)
    counts = np.array([s.count or 0 for s in item.segments] + [r.count or 0 for r in item.dont_know], dtype=np.int64)
    hide = suppress_frequencies(counts, threshold=threshold, total=total).cells.tolist()
    if not any(hide):
        return item
    k = len(item.segments)
    segments = tuple(
        replace(s, count=None, share=None, start=None, end=None, hidden=True) if h else s
        for s, h in zip(item.segments, hide[:k], strict=True)
    )
    dont_know = tuple(
        replace(r, count=None, share=None, ci_low=None, ci_high=None, hidden=True) if h else r
        for r, h in zip(item.dont_know, hide[k:], strict=True)
    )
    # The substantive n and the mean would give the hidden cells away; the bar is not drawn.
    return replace(item, segments=segments, dont_know=dont_know, n=None, mean=None, hidden=True, any_hidden=True)


def _numeric_too_few(result: NumericResult) -> NumericResult:
    return replace(
        result,
        n=None,
        mean=None,
        median=None,
        std=None,
        lower_quartile=None,
        upper_quartile=None,
        minimum=None,
        maximum=None,
        too_few=True,
    )


def _suppress_crosstab(result: CrossTabResult, threshold: int) -> CrossTabResult:
    grand = result.grand_total or 0
    if 0 < grand < threshold:
        return replace(
            result,
            counts=tuple(tuple(None for _ in row) for row in result.counts),
            shares=tuple(tuple(None for _ in row) for row in result.shares),
            hidden=tuple(tuple(True for _ in row) for row in result.hidden),
            row_totals=tuple(None for _ in result.row_totals),
            column_totals=tuple(None for _ in result.column_totals),
            grand_total=None,
            n_missing=None,
            too_few=True,
            any_hidden=True,
        )
    counts = np.array([[count or 0 for count in row] for row in result.counts], dtype=np.int64)
    if counts.size == 0:
        return result
    hide = suppress_table(counts, threshold=threshold)
    cells = hide.cells.tolist()
    column_hidden = hide.column_totals.tolist()
    return replace(
        result,
        counts=tuple(
            tuple(None if cells[i][j] else count for j, count in enumerate(row)) for i, row in enumerate(result.counts)
        ),
        # A share beside a hidden column total would give the total away.
        shares=tuple(
            tuple(None if cells[i][j] or column_hidden[j] else share for j, share in enumerate(row))
            for i, row in enumerate(result.shares)
        ),
        hidden=tuple(tuple(bool(value) for value in row) for row in cells),
        row_totals=tuple(None if h else t for t, h in zip(result.row_totals, hide.row_totals.tolist(), strict=True)),
        column_totals=tuple(None if h else t for t, h in zip(result.column_totals, column_hidden, strict=True)),
        grand_total=None if hide.grand_total else result.grand_total,
        n_missing=None if hide.grand_total else result.n_missing,
        any_hidden=bool(hide.cells.any() or hide.row_totals.any() or hide.column_totals.any() or hide.grand_total),
    )


# Weighting -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Weighting:
    """Whether the results can be and are weighted, the weights, and what the page must say about them."""

    available: bool
    active: bool
    weights: pd.Series | None = None
    explanation: str = ""
    year: int | None = None
    without_cell: int = 0
    empty_cells: tuple[str, ...] = ()
    design_effect: float | None = None


def _lower_bound(choice: str) -> int | None:
    match = re.match(r"\D*(\d+)", choice)
    return int(match.group(1)) if match else None


def survey_weighting(*, survey: Survey, dataset: Dataset, requested: bool) -> Weighting:
    """Post-stratification weights by size class to the district's local units in the business register."""
    if not survey.weighting_enabled or not survey.size_question:
        return Weighting(available=False, active=False)
    try:
        size = dataset.variable(survey.size_question)
    except KeyError:
        return Weighting(False, False, explanation=_("The question for the size class is not in the questionnaire."))
    indicators: dict[str, str] = {}
    for choice, _label in size.choices:
        bound = _lower_bound(choice)
        if bound not in REGISTER_BY_LOWER_BOUND:
            return Weighting(
                False,
                False,
                explanation=_(
                    "The size classes of the questionnaire do not match those of the register (0–9, 10–49, 50–249, "
                    "250 and more employees), so the results cannot be weighted."
                ),
            )
        indicators[choice] = REGISTER_BY_LOWER_BOUND[bound]
    population, year = _register_population(survey, set(indicators.values()))
    if population is None:
        return Weighting(
            False,
            False,
            explanation=_("The register figures of local units by size class are not loaded for this district."),
        )
    cells = {choice: population[indicator] for choice, indicator in indicators.items()}
    missing = [label for choice, label in size.choices if not cells.get(choice)]
    answers = dataset.frame[size.name] if size.name in dataset.frame else pd.Series(dtype=object)
    if missing and answers.isin([c for c, _l in size.choices if not cells.get(c)]).any():
        return Weighting(
            False,
            False,
            explanation=_("The register has no figure for these size classes: %(classes)s.")
            % {"classes": ", ".join(missing)},
        )
    if not requested:
        return Weighting(available=True, active=False, year=year)
    result = poststratification_weights(_valid(answers, size, multiple=False), {k: v for k, v in cells.items() if v})
    without = int(result.weights.isna().sum())
    weights = result.weights.fillna(1.0)
    labels = dict(size.choices)
    return Weighting(
        available=True,
        active=True,
        weights=weights,
        year=year,
        without_cell=without,
        empty_cells=tuple(labels.get(cell, cell) for cell in result.empty_cells),
        design_effect=result.design_effect,
    )


def _register_population(survey: Survey, indicators: set[str]) -> tuple[dict[str, float] | None, int | None]:
    region = survey.process.region
    values: dict[int, dict[str, float]] = {}
    for indicator in indicators:
        for row in observations_list(indicator=indicator, regions=[region.code]):
            if row.sector in ("", "TOTAL") and row.value is not None:
                values.setdefault(row.year, {})[indicator] = float(row.value)
    complete = [year for year, found in values.items() if indicators <= set(found)]
    if not complete:
        return None, None
    year = max(complete)
    return values[year], year


# Building results ----------------------------------------------------------------------------


def is_dont_know(name: str, label: str) -> bool:
    lowered = label.strip().lower()
    return name.lower() in DONT_KNOW_NAMES or any(lowered.startswith(text) for text in DONT_KNOW_LABELS)


def is_likert(dataset: Dataset, variable: Variable) -> bool:
    if variable.kind != "select_one":
        return False
    if variable.matrix:
        return True
    question = dataset.runtime.questions.get(variable.question)
    return bool(question and "likert" in question["appearance"].split())


def likert_scale(variable: Variable) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], bool]:
    """(scale points negative → positive, "don't know" choices, whether the questionnaire order was reversed).

    German rating scales number their points like school grades, 1 the best: a scale whose choice
    names are the numbers 1, 2, … is drawn reversed, so that the negative end is on the left.
    """
    scale = tuple(choice for choice in variable.choices if not is_dont_know(*choice))
    others = tuple(choice for choice in variable.choices if is_dont_know(*choice))
    numbers = [name for name, _label in scale]
    reverse = all(name.isdigit() for name in numbers) and numbers == sorted(numbers, key=int) and len(numbers) > 1
    return (tuple(reversed(scale)) if reverse else scale), others, reverse


def _at(frame: pd.DataFrame, row: str, column: str) -> float:
    return float(frame[column].to_numpy(dtype=np.float64)[frame.index.get_loc(row)])


def _clean(value: float) -> float | None:
    return None if value is None or np.isnan(value) else float(value)


def _valid(values: pd.Series, variable: Variable, *, multiple: bool) -> pd.Series:
    """Answers that are among the choices (others, e.g. of a choice removed in a newer version, as no answer)."""
    known = {name for name, _label in variable.choices}
    present = values[values.notna()]
    if multiple:
        # Quick check in compiled code first; clean row by row only when something does not fit.
        if present.map(type).isin([list]).all() and set(present.explode().dropna().unique()) <= known:
            return values
        return values.map(lambda v: [c for c in v if c in known] if isinstance(v, list) else None)
    if present.map(type).isin([str]).all() and set(present.unique()) <= known:
        return values
    return values.map(lambda v: v if isinstance(v, str) and v in known else None)


def choice_result(
    dataset: Dataset, variable: Variable, weights: pd.Series | None, *, values: pd.Series | None = None
) -> ChoiceResult:
    multiple = variable.kind == "select_multiple"
    source = dataset.frame[variable.name] if values is None else values
    valid = _valid(source, variable, multiple=multiple)
    names = [name for name, _label in variable.choices]
    table = frequency_table(valid, categories=names, weights=weights, multiple=multiple)
    rows = tuple(
        Row(
            key=name,
            label=label,
            count=int(_at(table.rows, name, "count")),
            share=_clean(_at(table.rows, name, "share")),
            ci_low=_clean(_at(table.rows, name, "ci_low")),
            ci_high=_clean(_at(table.rows, name, "ci_high")),
        )
        for name, label in variable.choices
    )
    return ChoiceResult(variable, rows, table.n, multiple, weights is not None)


def rank_result(dataset: Dataset, variable: Variable, weights: pd.Series | None) -> ChoiceResult:
    """Ranking: how often each choice was put first (share, interval) and its mean position."""
    firsts = dataset.frame[variable.name].map(lambda v: v[0] if isinstance(v, list) and v else None)
    base = choice_result(dataset, replace(variable, kind="select_one"), weights, values=firsts)
    rows = []
    for row in base.rows:
        column = f"{variable.name}__{row.key}"
        positions = dataset.frame[column] if column in dataset.frame else pd.Series(dtype=float)
        mean = float(positions.mean()) if positions.notna().any() else None
        rows.append(replace(row, mean_position=mean))
    return replace(base, variable=variable, rows=tuple(rows))


def likert_result(
    dataset: Dataset, variables: list[Variable], weights: pd.Series | None, *, key: str, label: str
) -> LikertResult:
    scale, others, reverse = likert_scale(variables[0])
    items = []
    for variable in variables:
        values = _valid(dataset.frame[variable.name], variable, multiple=False)
        row = likert_diverging(values, scale=[n for n, _l in scale], dont_know=[n for n, _l in others], weights=weights)
        segments = tuple(
            Segment(
                name,
                text,
                int(_at(row.segments, name, "count")),
                _clean(_at(row.segments, name, "share")),
                _clean(_at(row.segments, name, "start")),
                _clean(_at(row.segments, name, "end")),
            )
            for name, text in scale
        )
        dont_know = tuple(
            Row(
                name,
                text,
                int(_at(row.dont_know, name, "count")),
                _clean(_at(row.dont_know, name, "share")),
                None,
                None,
            )
            for name, text in others
        )
        mean = _clean(row.mean)
        if mean is not None and reverse:
            mean = len(scale) + 1 - mean  # back on the choice names' numbers
        items.append(LikertItem(variable, segments, dont_know, row.n, row.n_answered, mean))
    return LikertResult(key, label, tuple(items), scale, others, weights is not None)


def numeric_result(dataset: Dataset, variable: Variable, weights: pd.Series | None) -> NumericResult:
    summary = numeric_summary(dataset.frame[variable.name].astype(float), weights=weights)
    return NumericResult(
        variable,
        summary.n,
        _clean(summary.mean),
        _clean(summary.median),
        _clean(summary.std),
        _clean(summary.lower_quartile),
        _clean(summary.upper_quartile),
        _clean(summary.minimum),
        _clean(summary.maximum),
        weights is not None,
    )


def text_result(dataset: Dataset, variable: Variable) -> TextResult:
    column = dataset.frame[variable.name]
    answered = int(column.map(lambda v: isinstance(v, str) and bool(v.strip())).sum())
    return TextResult(variable, answered)


def is_personal(dataset: Dataset, variable: Variable) -> bool:
    question = dataset.runtime.questions.get(variable.question)
    return bool(question and str(question["extra"].get("personal_data", "")).lower() in {"yes", "true", "1", "ja"})


def question_result(dataset: Dataset, variable: Variable, weights: pd.Series | None) -> QuestionResult:
    """The raw result of one question (a matrix item gives its matrix's Likert result); not yet publishable."""
    if is_likert(dataset, variable):
        if variable.matrix:
            items = [v for v in dataset.question_variables() if v.matrix == variable.matrix]
            matrix = dataset.runtime.questions[variable.matrix]
            return likert_result(
                dataset, items, weights, key=variable.matrix, label=dataset.runtime.text(matrix["label"])
            )
        return likert_result(dataset, [variable], weights, key=variable.name, label=variable.label)
    if variable.kind in {"select_one", "select_multiple"}:
        return choice_result(dataset, variable, weights)
    if variable.kind == "rank":
        return rank_result(dataset, variable, weights)
    if variable.kind in {"integer", "decimal"}:
        return numeric_result(dataset, variable, weights)
    return text_result(dataset, variable)


def crosstab_result(
    dataset: Dataset, row_variable: Variable, column_variable: Variable, weights: pd.Series | None
) -> CrossTabResult:
    rows = _valid(dataset.frame[row_variable.name], row_variable, multiple=False)
    columns = _valid(dataset.frame[column_variable.name], column_variable, multiple=False)
    row_names = [n for n, _l in row_variable.choices]
    column_names = [n for n, _l in column_variable.choices]
    table = crosstab(rows, columns, row_categories=row_names, column_categories=column_names, weights=weights)
    counts = table.counts.to_numpy().tolist()
    shares = table.column_shares.to_numpy().tolist()
    return CrossTabResult(
        row_variable,
        column_variable,
        row_variable.choices,
        column_variable.choices,
        tuple(tuple(int(c) for c in row) for row in counts),
        tuple(tuple(_clean(s) for s in row) for row in shares),
        tuple(tuple(False for _ in row) for row in counts),
        tuple(int(v) for v in table.row_totals.tolist()),
        tuple(int(v) for v in table.column_totals.tolist()),
        table.grand_total,
        table.n_missing,
        weights is not None,
    )


# What the pages ask for ----------------------------------------------------------------------


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
    raw = crosstab_result(dataset, row_variable, column_variable, _weights(view))
    return publishable(raw, suppressed=view.suppressed, threshold=view.threshold)


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
    """Changes whenever a response is added, saved, completed or deleted, or the survey or questionnaire changes."""
    figures = Response.objects.filter(survey=survey).aggregate(
        count=Count("id"),
        last=Max("id"),
        revisions=Sum("revision"),
        completed=Count("id", filter=Q(status=ResponseStatus.COMPLETED)),
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
    found = cache.get(key)
    if isinstance(found, Overview):
        return found
    dataset = survey_dataset(survey=survey)
    view = results_view(survey=survey, dataset=dataset, suppressed=suppressed, weighted=weighted)
    found = Overview(
        groups=results_overview(dataset=dataset, view=view),
        weighting=replace(view.weighting, weights=None),
        threshold=view.threshold,
        suppressed=suppressed,
    )
    cache.set(key, found, CACHE_SECONDS)
    return found


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
    column = dataset.frame[question] if question in dataset.frame else pd.Series(dtype=object)
    answered = int(column.map(lambda v: isinstance(v, str) and bool(v.strip())).sum())
    raw = CodeResult(question, tuple(codes), answered)
    return publishable(raw, suppressed=view.suppressed, threshold=view.threshold)
