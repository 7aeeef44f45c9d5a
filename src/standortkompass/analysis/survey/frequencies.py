"""Frequency tables of single- and multiple-choice questions, and summaries of numeric answers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._arithmetic import FloatArray, divide, ratio
from standortkompass.analysis._validation import float_array
from standortkompass.analysis.survey._input import (
    category_codes,
    category_list,
    choice_matrix,
    indicator_matrix,
    kish_effective_size,
    respondent_weights,
    series,
)
from standortkompass.analysis.survey.intervals import wilson_interval

FREQUENCY_COLUMNS = ("count", "weighted_count", "share", "ci_low", "ci_high")


@dataclass(frozen=True, slots=True, eq=False)
class FrequencyTable:
    """Answers to one choice question, category by category.

    Attributes
    ----------
    rows
        One row per category in the given order, zero counts included. Columns: ``count``
        (respondents, unweighted, int), ``weighted_count`` (sum of their weights),
        ``share`` (``weighted_count / n_weighted``, a fraction; unweighted without
        weights), ``ci_low`` and ``ci_high`` (95 % Wilson interval of the share, or the
        requested confidence).
    n
        Respondents who answered the question (unweighted).
    n_weighted
        Sum of their weights; equals ``n`` without weights.
    effective_n
        Kish's effective sample size of those respondents, used for the intervals; equals
        ``n`` without weights.
    multiple
        ``True`` for a multiple-choice question: the shares add up to more than 1 when
        respondents chose several categories.
    """

    rows: pd.DataFrame
    n: int
    n_weighted: float
    effective_n: float
    multiple: bool


@dataclass(frozen=True, slots=True, eq=False)
class NumericSummary:
    """Summary of a numeric answer (employees, turnover, a rating), missing answers left out.

    ``mean``, ``median`` and ``std`` are weighted when weights are given; ``minimum``,
    ``maximum`` and the quartiles are always taken over the unweighted answers. Every
    statistic is NaN when there is no answer; ``std`` also when there is only one.
    """

    n: int
    n_weighted: float
    mean: float
    median: float
    std: float
    minimum: float
    lower_quartile: float
    upper_quartile: float
    maximum: float


def frequency_table(
    values: pd.Series | pd.DataFrame,
    *,
    categories: Sequence[str],
    weights: pd.Series[float] | None = None,
    multiple: bool = False,
    confidence: float = 0.95,
) -> FrequencyTable:
    r"""Counts, shares and confidence intervals of the categories of a choice question.

    For category :math:`k`, with :math:`A` the respondents who answered and :math:`w_i`
    their weights (all 1 without weights):

    .. math::

        p_k = \frac{\sum_{i \in A} w_i \, [k \in \text{answer}_i]}{\sum_{i \in A} w_i},
        \qquad n_{\mathrm{eff}} = \frac{\left(\sum_{i \in A} w_i\right)^2}{\sum_{i \in A} w_i^2}

    and the interval is the Wilson interval of :math:`p_k n_{\mathrm{eff}}` successes in
    :math:`n_{\mathrm{eff}}` trials (:func:`wilson_interval`). Kish's effective sample
    size accounts for the loss of precision through unequal weights; it equals :math:`n`
    for equal weights. The interval assumes a simple random sample; it does not cover
    non-response bias.

    Parameters
    ----------
    values
        One answer per respondent. Single choice: a category name, or ``None``/NaN for no
        answer. Multiple choice: a list (tuple, set) of category names, or ``None``/NaN;
        an empty list also counts as no answer, because survey tools do not tell an
        unticked list from a skipped one (offer a category such as "none of these" to
        record it). Answers are compared with the categories as strings; any other answer
        raises ``ValueError``. A multiple-choice question may also be given as a DataFrame
        with one indicator column per category (named and ordered as ``categories``; 1
        chosen, 0 not chosen, NaN not answered), as analysis files carry it; a row without
        a 1 counts as no answer, like an empty list.
    categories
        All categories, in the order of the table.
    weights
        Optional weight per respondent, with the index of ``values``; finite and
        non-negative (see :func:`poststratification_weights`).
    multiple
        ``True`` for a multiple-choice question: shares are relative to the respondents
        who answered the question, not to the choices made.
    confidence
        Confidence level of the intervals.

    References
    ----------
    Kish, L. (1965). *Survey Sampling*. Wiley, New York.
    Wilson, E. B. (1927), see :func:`wilson_interval`.
    """
    names = category_list(categories, what="categories")
    if multiple and isinstance(values, pd.DataFrame):
        chosen = indicator_matrix(values, names, what="values")
    elif multiple:
        values = series(values, what="values")
        chosen = choice_matrix(values, names, what="values")
    else:
        values = series(values, what="values")
        codes = category_codes(values, names, what="values")
        chosen = codes[:, np.newaxis] == np.arange(len(names))[np.newaxis, :]
    # No category chosen: not answered (a missing answer, an empty list, a row of zeros).
    answered = chosen.any(axis=1)
    weight = respondent_weights(weights, values.index)
    counts = chosen[answered].sum(axis=0).astype(np.int64)
    weighted_counts = (chosen[answered] * weight[answered, np.newaxis]).sum(axis=0)
    n = int(answered.sum())
    n_weighted = float(weight[answered].sum())
    shares = divide(weighted_counts, n_weighted)
    if weights is None:
        effective_n = float(n)
        successes = counts.astype(np.float64)
    else:
        effective_n = kish_effective_size(weight[answered])
        successes = shares * effective_n
    intervals = [wilson_interval(float(x), effective_n, confidence=confidence) for x in successes]
    rows = pd.DataFrame(
        {
            "count": counts,
            "weighted_count": weighted_counts,
            "share": shares,
            "ci_low": [low for low, _ in intervals],
            "ci_high": [high for _, high in intervals],
        },
        index=pd.Index(names, name="category"),
    )
    return FrequencyTable(rows=rows, n=n, n_weighted=n_weighted, effective_n=effective_n, multiple=multiple)


def numeric_summary(values: pd.Series[float], *, weights: pd.Series[float] | None = None) -> NumericSummary:
    r"""Number, mean, median, standard deviation, range and quartiles of a numeric answer.

    Over the :math:`n` answers :math:`x_i` that are not missing, with weights :math:`w_i`
    (all 1 without weights) and :math:`W = \sum w_i`:

    .. math::

        \bar x_w = \frac{\sum w_i x_i}{W}, \qquad
        s_w^2 = \frac{n}{n - 1} \cdot \frac{\sum w_i (x_i - \bar x_w)^2}{W}

    :math:`s_w` does not depend on the scale of the weights and is the usual sample
    standard deviation for equal weights (the analytic-weights estimator of Stata's
    ``summarize``). The weighted median is the smallest :math:`x_{(k)}` of the sorted
    answers whose cumulative weight reaches :math:`W/2`; where the cumulative weight
    equals :math:`W/2` exactly, the mean of :math:`x_{(k)}` and the next answer, so that
    equal weights give the ordinary median. Answers with weight 0 do not enter the
    weighted statistics. Quartiles are unweighted, by linear interpolation between order
    statistics (Hyndman & Fan's type 7).

    References
    ----------
    Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages. *The
    American Statistician* 50(4), 361–365.
    StataCorp (2023). *Stata Base Reference Manual, Release 18*: summarize, Methods and
    formulas. Stata Press, College Station.
    """
    values = series(values, what="values")
    answers = float_array(values, what="values", non_negative=False)
    weight = respondent_weights(weights, values.index)
    present = ~np.isnan(answers)
    x = answers[present]
    w = weight[present]
    n = int(x.size)
    if n == 0:
        return NumericSummary(0, 0.0, *([math.nan] * 7))
    total = float(w.sum())
    mean = ratio(float((w * x).sum()), total)
    std = math.nan if n < 2 or total == 0 else math.sqrt(n / (n - 1) * float((w * np.square(x - mean)).sum()) / total)
    lower, upper = np.quantile(x, [0.25, 0.75])
    return NumericSummary(
        n=n,
        n_weighted=total,
        mean=mean,
        median=_weighted_median(x, w),
        std=std,
        minimum=float(x.min()),
        lower_quartile=float(lower),
        upper_quartile=float(upper),
        maximum=float(x.max()),
    )


def _weighted_median(x: FloatArray, w: FloatArray) -> float:
    positive = w > 0
    if not positive.any():
        return math.nan
    order = np.argsort(x[positive], kind="stable")
    sorted_x = x[positive][order]
    cumulative = np.cumsum(w[positive][order])
    half = cumulative[-1] / 2
    k = int(np.searchsorted(cumulative, half * (1 - 1e-12)))
    if math.isclose(float(cumulative[k]), float(half), rel_tol=1e-12) and k + 1 < sorted_x.size:
        return float((sorted_x[k] + sorted_x[k + 1]) / 2)
    return float(sorted_x[k])
