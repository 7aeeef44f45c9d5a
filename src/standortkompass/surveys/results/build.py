"""Raw (not yet publishable) results of questions and cross-tabs, built with ``analysis.survey``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

import numpy as np
import pandas as pd
from django.utils.translation import gettext

from standortkompass.analysis.survey import (
    crosstab,
    frequency_table,
    likert_diverging,
    numeric_summary,
)
from standortkompass.surveys.dataset import Dataset, Variable
from standortkompass.surveys.results.types import (
    DONT_KNOW_LABELS,
    DONT_KNOW_NAMES,
    NO_ANSWER,
    ChoiceResult,
    CrossTabResult,
    LikertItem,
    LikertResult,
    NumericResult,
    QuestionResult,
    Row,
    Segment,
    TextResult,
)


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


T = TypeVar("T")


def _at(frame: pd.DataFrame, row: str, column: str) -> float:
    return float(frame[column].to_numpy(dtype=np.float64)[frame.index.get_loc(row)])


def _clean(value: float) -> float | None:
    return None if value is None or np.isnan(value) else float(value)


def _valid(values: pd.Series, variable: Variable) -> pd.Series:
    """Single-choice answers that are among the choices (others, e.g. of a choice removed in a newer
    version, as no answer)."""
    known = {name for name, _label in variable.choices}
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = list(values.cat.categories)
        return values if set(categories) <= known else values.cat.set_categories([c for c in categories if c in known])
    present = values[values.notna()]
    if pd.api.types.infer_dtype(present, skipna=True) in {"string", "empty"} and set(present.unique()) <= known:
        return values
    return values.map(lambda v: v if isinstance(v, str) and v in known else None)


def _counted(
    compute: Callable[[pd.Series, pd.Series | None], T],
    source: pd.Series,
    variable: Variable,
    weights: pd.Series | None,
) -> T:
    """``compute`` on the single-choice answers as they are. Only when one is not among the choices
    (e.g. of a choice removed in a newer version: the statistics refuse it) are the answers cleaned
    first, so the common case costs no extra pass over every response."""
    answers, answer_weights = _answered(source, weights)
    try:
        return compute(answers, answer_weights)
    except (TypeError, ValueError):
        answers, answer_weights = _answered(_valid(source, variable), weights)
        return compute(answers, answer_weights)


def _answered(values: pd.Series, weights: pd.Series | None) -> tuple[pd.Series, pd.Series | None]:
    """Only the respondents who answered: the statistics leave the others out anyway, and skipped
    questions (filters) then cost nothing."""
    mask = values.notna()
    if bool(mask.all()):
        return values, weights
    return values[mask], None if weights is None else weights[mask]


def _choice_frame(dataset: Dataset, variable: Variable) -> pd.DataFrame:
    """The 0/1 columns (multiple choice) or rank positions (ranking) of a question, named by its choices."""
    names = [name for name, _label in variable.choices]
    return dataset.frame[[f"{variable.name}__{name}" for name in names]].set_axis(names, axis=1)


def choice_result(
    dataset: Dataset, variable: Variable, weights: pd.Series | None, *, values: pd.Series | None = None
) -> ChoiceResult:
    multiple = variable.kind == "select_multiple"
    names = [name for name, _label in variable.choices]
    if multiple:
        # The 0/1 columns hold only the choices of the questionnaire: nothing to clean.
        table = frequency_table(_choice_frame(dataset, variable), categories=names, weights=weights, multiple=True)
    else:
        table = _counted(
            lambda answers, answer_weights: frequency_table(answers, categories=names, weights=answer_weights),
            dataset.frame[variable.name] if values is None else values,
            variable,
            weights,
        )
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
    positions = _choice_frame(dataset, variable)
    first = positions.to_numpy() == 1
    codes = np.where(first.any(axis=1), first.argmax(axis=1), -1)
    firsts = pd.Series(pd.Categorical.from_codes(codes.tolist(), categories=positions.columns), index=positions.index)
    base = choice_result(dataset, replace(variable, kind="select_one"), weights, values=firsts)
    rows = tuple(replace(row, mean_position=_clean(float(positions[row.key].mean()))) for row in base.rows)
    return replace(base, variable=variable, rows=rows)


def likert_result(
    dataset: Dataset, variables: list[Variable], weights: pd.Series | None, *, key: str, label: str
) -> LikertResult:
    scale, others, reverse = likert_scale(variables[0])
    items = []
    for variable in variables:
        row = _counted(
            lambda answers, answer_weights: likert_diverging(
                answers, scale=[n for n, _l in scale], dont_know=[n for n, _l in others], weights=answer_weights
            ),
            dataset.frame[variable.name],
            variable,
            weights,
        )
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
    values, answered_weights = _answered(dataset.frame[variable.name].astype(float), weights)
    summary = numeric_summary(values, weights=answered_weights)
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
    return TextResult(variable, texts_given(dataset.frame[variable.name]))


def texts_given(column: pd.Series) -> int:
    """How many respondents answered an open question: its column holds the texts, or (in the
    results form of the table) ``True`` where one was given."""
    if column.dtype == np.bool_:
        return int(column.sum())
    return int(column.map(lambda v: isinstance(v, str) and bool(v.strip())).sum())


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


def _or_no_answer(values: pd.Series) -> pd.Series:
    """The answers with :data:`NO_ANSWER` where there is none (skipped, not asked, or not among the choices)."""
    return values.astype(object).where(values.notna(), NO_ANSWER)


def crosstab_result(
    dataset: Dataset, row_variable: Variable, column_variable: Variable, weights: pd.Series | None
) -> CrossTabResult:
    """Every respondent, by the answers to two questions; those who skipped one are in its "no answer" line.

    With the "no answer" row and column, the margins are the two questions' own counts (their one-way tables)
    and the grand total is the number of respondents, so the cross-tab and the questions' results agree.
    """
    rows = _or_no_answer(_valid(dataset.frame[row_variable.name], row_variable))
    columns = _or_no_answer(_valid(dataset.frame[column_variable.name], column_variable))
    row_choices = (*row_variable.choices, (NO_ANSWER, gettext("No answer")))
    column_choices = (*column_variable.choices, (NO_ANSWER, gettext("No answer")))
    table = crosstab(
        rows,
        columns,
        row_categories=[n for n, _l in row_choices],
        column_categories=[n for n, _l in column_choices],
        weights=weights,
    )
    counts = table.counts.to_numpy().tolist()
    shares = table.column_shares.to_numpy().tolist()
    return CrossTabResult(
        row_variable,
        column_variable,
        row_choices,
        column_choices,
        tuple(tuple(int(c) for c in row) for row in counts),
        tuple(tuple(_clean(s) for s in row) for row in shares),
        tuple(tuple(False for _ in row) for row in counts),
        tuple(int(v) for v in table.row_totals.tolist()),
        tuple(int(v) for v in table.column_totals.tolist()),
        table.grand_total,
        weights is not None,
    )
