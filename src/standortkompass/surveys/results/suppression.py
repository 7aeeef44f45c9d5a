"""Small-cell suppression of results: the one place where it is applied (see the package docstring)."""

from __future__ import annotations

from dataclasses import replace
from typing import overload

import numpy as np

from standortkompass.analysis.survey import suppress_frequencies, suppress_linked_table
from standortkompass.surveys.results.types import (
    NO_ANSWER,
    AnyResult,
    ChoiceResult,
    CodeResult,
    CrossTabResult,
    LikertItem,
    LikertResult,
    NumericResult,
    QuestionResult,
    TextResult,
)


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
        if isinstance(result, CrossTabResult):
            return replace(_without_empty_no_answer(result), unsuppressed=True)
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


def _crosstab_margins(counts: np.ndarray, threshold: int, given: tuple[bool, ...], axis: int) -> np.ndarray:
    """Which margins of one side the question's own result hides (the "no answer" one with its number of
    respondents): as given, or by the one-way rule on the counts."""
    if given:
        return np.array(given, dtype=np.bool_)
    answered = counts.sum(axis=axis)[:-1]
    one_way = suppress_frequencies(answered, threshold=threshold, total=int(answered.sum()))
    return np.append(one_way.cells, one_way.total)


def _suppress_crosstab(result: CrossTabResult, threshold: int) -> CrossTabResult:
    """Cells hidden so that, with the questions' own results beside it, no hidden count can be worked out.

    The margins are the questions' own counts and hidden exactly where their results hide them; the
    secondary suppression (``analysis.survey.suppress_linked_table``) is computed with the question whose
    name comes first as rows, so that a cross-tab and its transpose hide the same cells.
    """
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
            too_few=True,
            any_hidden=True,
        )
    counts = np.array([[count or 0 for count in row] for row in result.counts], dtype=np.int64)
    if counts.size == 0:
        return result
    row_margins = _crosstab_margins(counts, threshold, result.row_margin_hidden, axis=1)
    column_margins = _crosstab_margins(counts, threshold, result.column_margin_hidden, axis=0)
    if result.row_variable.name > result.column_variable.name:
        turned = suppress_linked_table(
            counts.T, threshold=threshold, row_totals_hidden=column_margins, column_totals_hidden=row_margins
        )
        cells, withheld = turned.cells.T, turned.withheld
    else:
        hide = suppress_linked_table(
            counts, threshold=threshold, row_totals_hidden=row_margins, column_totals_hidden=column_margins
        )
        cells, withheld = hide.cells, hide.withheld
    hidden = cells.tolist()
    column_hidden = column_margins.tolist()
    published = replace(
        result,
        counts=tuple(
            tuple(None if hidden[i][j] else count for j, count in enumerate(row)) for i, row in enumerate(result.counts)
        ),
        # A share beside a hidden column total would give the total away.
        shares=tuple(
            tuple(None if hidden[i][j] or column_hidden[j] else share for j, share in enumerate(row))
            for i, row in enumerate(result.shares)
        ),
        hidden=tuple(tuple(bool(value) for value in row) for row in hidden),
        row_totals=tuple(None if h else t for t, h in zip(result.row_totals, row_margins.tolist(), strict=True)),
        column_totals=tuple(None if h else t for t, h in zip(result.column_totals, column_hidden, strict=True)),
        withheld=withheld,
        any_hidden=bool(cells.any() or row_margins.any() or column_margins.any()),
    )
    return _without_empty_no_answer(published)


def _without_empty_no_answer(result: CrossTabResult) -> CrossTabResult:
    """The cross-tab without its "no answer" row or column where its total is shown and 0: nobody skipped."""
    if result.too_few or not result.rows or not result.columns:
        return result
    if result.rows[-1][0] == NO_ANSWER and result.row_totals[-1] == 0:
        result = replace(
            result,
            rows=result.rows[:-1],
            counts=result.counts[:-1],
            shares=result.shares[:-1],
            hidden=result.hidden[:-1],
            row_totals=result.row_totals[:-1],
            row_margin_hidden=result.row_margin_hidden[:-1],
        )
    if result.columns[-1][0] == NO_ANSWER and result.column_totals[-1] == 0:
        result = replace(
            result,
            columns=result.columns[:-1],
            counts=tuple(row[:-1] for row in result.counts),
            shares=tuple(row[:-1] for row in result.shares),
            hidden=tuple(row[:-1] for row in result.hidden),
            column_totals=result.column_totals[:-1],
            column_margin_hidden=result.column_margin_hidden[:-1],
        )
    return result
