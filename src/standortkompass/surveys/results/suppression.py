"""Small-cell suppression of results: the one place where it is applied (see the package docstring)."""

from __future__ import annotations

from dataclasses import replace
from typing import overload

import numpy as np

from standortkompass.analysis.survey import (
    suppress_frequencies,
    suppress_table,
)
from standortkompass.surveys.results.types import (
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
