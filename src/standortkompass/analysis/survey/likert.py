"""Rating-scale (Likert) questions: shares and the layout of a diverging stacked bar."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._arithmetic import divide, ratio
from standortkompass.analysis.survey._input import (
    MISSING,
    category_codes,
    category_list,
    respondent_weights,
    series,
)


@dataclass(frozen=True, slots=True, eq=False)
class LikertRow:
    """One rating-scale question, ready for a diverging stacked bar.

    Attributes
    ----------
    segments
        One row per scale point, in scale order. Columns: ``count`` (unweighted, int),
        ``weighted_count``, ``share`` (fraction of the substantive answers), ``start`` and
        ``end`` (the segment's ends on the axis from -100 to 100, in percentage points).
        Shares and ends are NaN when nobody gave a substantive answer.
    dont_know
        One row per "don't know" category: ``count``, ``weighted_count`` and ``share``
        (fraction of all answers, substantive ones and "don't know").
    n
        Respondents with a substantive answer (a scale point), unweighted.
    n_weighted
        Sum of their weights.
    n_answered
        Respondents with any answer, substantive or "don't know", unweighted.
    mean
        Mean score, the scale points numbered 1 to k (weighted with weights).
    """

    segments: pd.DataFrame
    dont_know: pd.DataFrame
    n: int
    n_weighted: float
    n_answered: int
    mean: float


def likert_diverging(
    values: pd.Series,
    *,
    scale: Sequence[str],
    dont_know: Sequence[str] = (),
    weights: pd.Series[float] | None = None,
) -> LikertRow:
    r"""Shares of a rating scale and their layout as a diverging stacked bar.

    Scale points :math:`1, \dots, k` (from the most negative to the most positive) have
    the shares :math:`p_j` of the substantive answers; "don't know" answers are not part
    of that base and are reported with their own share of all answers. The bar is centred
    on 0 as Robbins & Heiberger recommend: the lower half of the scale lies left of 0, the
    upper half right of it and, for odd :math:`k`, the middle point straddles 0, half on
    each side. In percentage points, with :math:`m = \lfloor k/2 \rfloor`,

    .. math::

        L = 100 \left(\sum_{j \le m} p_j + [k \text{ odd}] \, \frac{p_{m+1}}{2}\right),
        \qquad
        \mathrm{start}_j = -L + 100 \sum_{l < j} p_l, \qquad
        \mathrm{end}_j = \mathrm{start}_j + 100 \, p_j

    so the segments follow each other in scale order from :math:`-L` to :math:`100 - L`,
    the most negative point at the far left. The length of the left part is the share of
    negative answers (plus half the neutral ones), the right part likewise for positive
    answers. The mean score is :math:`\sum_j j \, p_j`.

    Parameters
    ----------
    values
        One answer per respondent: a scale point, a "don't know" category, or
        ``None``/NaN for no answer; compared as strings.
    scale
        The scale points from most negative to most positive.
    dont_know
        Categories that are answers but not on the scale ("weiß nicht", "keine Angabe").
    weights
        Optional weight per respondent, with the index of ``values``.

    References
    ----------
    Robbins, N. B. & Heiberger, R. M. (2011). Plotting Likert and other rating scales.
    *Proceedings of the 2011 Joint Statistical Meetings, Section on Survey Research
    Methods*, 1058–1066. Heiberger, R. M. & Robbins, N. B. (2014). Design of diverging
    stacked bar charts for Likert scales and other applications. *Journal of Statistical
    Software* 57(5), 1–32.
    """
    values = series(values, what="values")
    points = category_list(scale, what="scale")
    others = category_list(dont_know, what="dont_know")
    if not points:
        raise ValueError("scale: at least one scale point is needed")
    category_list(points + others, what="scale and dont_know")
    codes = category_codes(values, points + others, what="values")
    weight = respondent_weights(weights, values.index)

    k = len(points)
    every = np.arange(k + len(others))
    chosen = codes[:, np.newaxis] == every[np.newaxis, :]
    counts = chosen.sum(axis=0).astype(np.int64)
    weighted = (chosen * weight[:, np.newaxis]).sum(axis=0)
    substantive = (codes != MISSING) & (codes < k)
    n_weighted = float(weighted[:k].sum())
    shares = divide(weighted[:k], n_weighted)

    half = k // 2
    left = 100 * (shares[:half].sum() + (shares[half] / 2 if k % 2 else 0.0))
    ends = -left + 100 * np.cumsum(shares)
    starts = ends - 100 * shares
    segments = pd.DataFrame(
        {"count": counts[:k], "weighted_count": weighted[:k], "share": shares, "start": starts, "end": ends},
        index=pd.Index(points, name="category"),
    )
    all_weighted = float(weighted.sum())
    dont_know_table = pd.DataFrame(
        {"count": counts[k:], "weighted_count": weighted[k:], "share": divide(weighted[k:], all_weighted)},
        index=pd.Index(others, name="category"),
    )
    mean = ratio(float((np.arange(1, k + 1) * weighted[:k]).sum()), n_weighted)
    return LikertRow(
        segments=segments,
        dont_know=dont_know_table,
        n=int(substantive.sum()),
        n_weighted=n_weighted,
        n_answered=int((codes != MISSING).sum()),
        mean=mean,
    )
