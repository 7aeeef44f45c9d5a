"""Checking survey answers and weights and turning them into fresh arrays, so that no caller's object is changed."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from standortkompass.analysis._arithmetic import FloatArray
from standortkompass.analysis._validation import float_array

IntArray = npt.NDArray[np.int64]

MISSING = -1
"""Code of an unanswered question in the arrays built by :func:`category_codes`."""

_CHOICE_LISTS = (list, tuple, set, frozenset)


def is_missing(value: object) -> bool:
    """``True`` for ``None``, ``NaN``, ``pd.NA`` and ``pd.NaT``."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float | np.floating) and math.isnan(value)


def series(values: object, *, what: str) -> pd.Series:
    """The Series itself, after checking that it is one."""
    if not isinstance(values, pd.Series):
        raise TypeError(f"{what}: expected a pandas Series, got {type(values).__name__}")
    return values


def category_list(categories: Sequence[str], *, what: str) -> tuple[str, ...]:
    """The categories as a tuple of strings, refusing duplicates and a bare string."""
    if isinstance(categories, str):
        raise TypeError(f"{what}: expected a sequence of category names, got a single string")
    result = tuple(str(category) for category in categories)
    duplicates = sorted({category for category in result if result.count(category) > 1})
    if duplicates:
        raise ValueError(f"{what}: duplicate categories {', '.join(duplicates)}")
    return result


def category_codes(values: pd.Series, categories: tuple[str, ...], *, what: str) -> IntArray:
    """The position of each answer in ``categories``; :data:`MISSING` for no answer.

    An answer is compared with the categories as a string (``str(value)``); an answer that
    is none of them raises ``ValueError`` naming it. Vectorised (pandas categoricals), since
    a results page runs this for every question over thousands of respondents; a
    categorical Series is read by its codes without looking at the answers one by one.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return _recoded(values, categories, what=what)
    missing = values.isna().to_numpy(dtype=np.bool_)
    codes = np.full(len(values), MISSING, dtype=np.int64)
    present = values[~missing]
    if len(present):
        labels = present.astype(str)
        found = pd.Categorical(labels, categories=list(categories)).codes.astype(np.int64)
        unknown = set(labels[found < 0])
        if unknown:
            raise ValueError(f"{what}: answers that are not among the categories: {', '.join(sorted(unknown))}")
        codes[~missing] = found
    return codes


_UNKNOWN = -2


def _recoded(values: pd.Series, categories: tuple[str, ...], *, what: str) -> IntArray:
    """The codes of a categorical Series translated to positions in ``categories`` (in any order)."""
    own = [str(category) for category in values.cat.categories]
    position = {name: index for index, name in enumerate(categories)}
    # The last entry is where the categorical's own code -1 (missing) lands.
    translation = np.array([position.get(name, _UNKNOWN) for name in own] + [MISSING], dtype=np.int64)
    codes = translation[values.cat.codes.to_numpy(dtype=np.int64)]
    if (codes == _UNKNOWN).any():
        unknown = {own[code] for code in np.unique(values.cat.codes.to_numpy()[codes == _UNKNOWN])}
        raise ValueError(f"{what}: answers that are not among the categories: {', '.join(sorted(unknown))}")
    return codes


def choice_matrix(values: pd.Series, categories: tuple[str, ...], *, what: str) -> npt.NDArray[np.bool_]:
    """Multiple-choice answers as a respondents × categories matrix of ``True`` where chosen.

    Each answer is a list, tuple or set of category names, or missing. A category named
    twice in one answer counts once.
    """
    chosen = np.zeros((len(values), len(categories)), dtype=np.bool_)
    answers = values.to_numpy(dtype=object)
    missing = values.isna().to_numpy(dtype=np.bool_)
    rows = np.flatnonzero(~missing)
    wrong = next((answers[row] for row in rows if not isinstance(answers[row], _CHOICE_LISTS)), None)
    if wrong is not None:
        raise TypeError(
            f"{what}: a multiple-choice answer must be a list of category names, got {type(wrong).__name__}"
        )
    if not len(rows):
        return chosen
    items = pd.Series(answers[rows], index=rows, dtype=object).explode().dropna()
    labels = items.astype(str)
    codes = pd.Categorical(labels, categories=list(categories)).codes.astype(np.int64)
    unknown = set(labels[codes < 0])
    if unknown:
        raise ValueError(f"{what}: answers that are not among the categories: {', '.join(sorted(unknown))}")
    chosen[items.index.to_numpy(dtype=np.int64), codes] = True
    return chosen


def indicator_matrix(values: pd.DataFrame, categories: tuple[str, ...], *, what: str) -> npt.NDArray[np.bool_]:
    """Multiple-choice answers given as one indicator column per category, as a matrix of ``True`` where chosen.

    The columns must be the categories in their order; a cell is 1 (chosen), 0 (not chosen)
    or missing (the respondent did not answer).
    """
    columns = tuple(str(column) for column in values.columns)
    if columns != categories:
        raise ValueError(f"{what}: the indicator columns must be the categories in their order")
    try:
        array = values.to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{what}: indicator columns must hold 0, 1 or nothing") from error
    present = array[~np.isnan(array)]
    if not np.isin(present, (0.0, 1.0)).all():
        raise ValueError(f"{what}: indicator columns must hold 0, 1 or nothing")
    chosen: npt.NDArray[np.bool_] = array == 1.0
    return chosen


def respondent_weights(weights: pd.Series[float] | None, index: pd.Index) -> FloatArray:
    """A new float array of one weight per respondent; all 1.0 without weights.

    The weights must carry the same index as the answers and be finite and non-negative
    for every respondent: a missing weight is refused, because leaving that respondent out
    or counting them with some weight is a decision for the caller.
    """
    if weights is None:
        return np.ones(len(index))
    weights = series(weights, what="weights")
    if not weights.index.equals(index):
        raise ValueError("weights: the index must be the same as the index of the answers")
    array = float_array(weights, what="weights", non_negative=True)
    missing = int(np.isnan(array).sum())
    if missing:
        raise ValueError(f"weights: {missing} respondents have no weight; leave them out or give them a weight")
    return array


def kish_effective_size(weights: FloatArray) -> float:
    r"""Kish's effective sample size :math:`n_{\mathrm{eff}} = (\sum w)^2 / \sum w^2`; NaN if all weights are 0."""
    total = float(weights.sum())
    squares = float(np.square(weights).sum())
    if squares == 0:
        return math.nan
    return total * total / squares
