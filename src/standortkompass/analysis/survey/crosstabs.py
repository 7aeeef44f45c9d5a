"""Cross-tabulation of two choice questions (or a question by a respondent group)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._arithmetic import divide
from standortkompass.analysis.survey._input import (
    MISSING,
    category_codes,
    category_list,
    respondent_weights,
    series,
)


@dataclass(frozen=True, slots=True, eq=False)
class CrossTab:
    """Respondents by row category and column category.

    Attributes
    ----------
    counts
        Unweighted counts (int), rows × columns in the given category order.
    weighted_counts
        Sums of weights (float); equal to ``counts`` without weights.
    row_totals, column_totals, grand_total
        Unweighted margins.
    weighted_row_totals, weighted_column_totals, weighted_grand_total
        Weighted margins.
    column_shares
        ``weighted_counts`` divided by the weighted column total: each column sums to 1
        (NaN in a column without respondents).
    n_missing
        Respondents left out because the row or the column answer is missing.
    """

    counts: pd.DataFrame
    weighted_counts: pd.DataFrame
    row_totals: pd.Series[int]
    column_totals: pd.Series[int]
    grand_total: int
    weighted_row_totals: pd.Series[float]
    weighted_column_totals: pd.Series[float]
    weighted_grand_total: float
    column_shares: pd.DataFrame
    n_missing: int


def crosstab(
    rows: pd.Series,
    columns: pd.Series,
    *,
    row_categories: Sequence[str],
    column_categories: Sequence[str],
    weights: pd.Series[float] | None = None,
) -> CrossTab:
    r"""Cross-tabulation with margins and column percentages.

    .. math::

        n_{jk} = \sum_i [r_i = j][c_i = k], \qquad
        \hat N_{jk} = \sum_i w_i [r_i = j][c_i = k], \qquad
        p_{j \mid k} = \frac{\hat N_{jk}}{\sum_{j'} \hat N_{j'k}}

    Only respondents who answered both questions are counted (complete cases); the
    others are reported in ``n_missing``. Column shares answer "of the firms in column
    :math:`k`, how many answered :math:`j`?", which is the usual reading when the columns
    are groups (sector, size class).

    Parameters
    ----------
    rows, columns
        One answer per respondent (single choice), with the same index; ``None``/NaN for
        no answer; compared with the categories as strings.
    row_categories, column_categories
        All categories in table order; categories nobody chose appear with 0.
    weights
        Optional weight per respondent, with the same index.

    References
    ----------
    Agresti, A. (2013). *Categorical Data Analysis*, 3rd ed. Wiley, Hoboken.
    """
    rows = series(rows, what="rows")
    columns = series(columns, what="columns")
    if not columns.index.equals(rows.index):
        raise ValueError("columns: the index must be the same as the index of rows")
    row_names = category_list(row_categories, what="row_categories")
    column_names = category_list(column_categories, what="column_categories")
    row_codes = category_codes(rows, row_names, what="rows")
    column_codes = category_codes(columns, column_names, what="columns")
    weight = respondent_weights(weights, rows.index)

    complete = (row_codes != MISSING) & (column_codes != MISSING)
    shape = (len(row_names), len(column_names))
    counts = np.zeros(shape, dtype=np.int64)
    weighted = np.zeros(shape)
    np.add.at(counts, (row_codes[complete], column_codes[complete]), 1)
    np.add.at(weighted, (row_codes[complete], column_codes[complete]), weight[complete])

    row_index = pd.Index(row_names, name="row")
    column_index = pd.Index(column_names, name="column")
    weighted_column_totals = weighted.sum(axis=0)
    return CrossTab(
        counts=pd.DataFrame(counts, index=row_index, columns=column_index),
        weighted_counts=pd.DataFrame(weighted, index=row_index, columns=column_index),
        row_totals=pd.Series(counts.sum(axis=1), index=row_index, dtype=np.int64),
        column_totals=pd.Series(counts.sum(axis=0), index=column_index, dtype=np.int64),
        grand_total=int(counts.sum()),
        weighted_row_totals=pd.Series(weighted.sum(axis=1), index=row_index, dtype=np.float64),
        weighted_column_totals=pd.Series(weighted_column_totals, index=column_index, dtype=np.float64),
        weighted_grand_total=float(weighted.sum()),
        column_shares=pd.DataFrame(
            divide(weighted, weighted_column_totals[np.newaxis, :]), index=row_index, columns=column_index
        ),
        n_missing=int((~complete).sum()),
    )
