"""Checking inputs and turning them into fresh float arrays, so that no caller's object is changed."""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pandas as pd

from standortkompass.analysis._arithmetic import FloatArray


def label_of(values: pd.Series[float], default: str) -> str:
    """The region code a Series carries in its ``name``, or ``default``."""
    return default if values.name is None else str(values.name)


def codes(labels: pd.Index, *, what: str) -> tuple[str, ...]:
    """The labels of an index as strings, refusing duplicates."""
    result = tuple(str(label).strip() for label in labels)
    if len(set(result)) != len(result):
        duplicates = sorted({code for code in result if result.count(code) > 1})
        raise ValueError(f"{what}: duplicate labels {', '.join(duplicates)}")
    return result


def float_array(values: pd.Series[float] | pd.DataFrame, *, what: str, non_negative: bool) -> FloatArray:
    """A new float64 array of the values; NaN stays NaN; infinities and (optionally) negatives are refused."""
    try:
        array = np.array(values.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64, copy=True)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{what}: values must be numbers or NaN ({error})") from error
    if np.isinf(array).any():
        raise ValueError(f"{what}: infinite values are not allowed")
    if non_negative and (array < 0).any():
        raise ValueError(f"{what}: negative values are not allowed")
    return array


def vector(values: pd.Series[float], *, what: str, non_negative: bool = True) -> tuple[tuple[str, ...], FloatArray]:
    """The labels and a new float array of a Series."""
    if not isinstance(values, pd.Series):
        raise TypeError(f"{what}: expected a pandas Series, got {type(values).__name__}")
    return codes(values.index, what=what), float_array(values, what=what, non_negative=non_negative)


def matrix(
    frame: pd.DataFrame, *, what: str, non_negative: bool = True
) -> tuple[tuple[str, ...], tuple[str, ...], FloatArray]:
    """Row labels, column labels and a new 2-D float array of a DataFrame."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(frame).__name__}")
    rows = codes(frame.index, what=f"{what} (rows)")
    columns = codes(frame.columns, what=f"{what} (columns)")
    return rows, columns, float_array(frame, what=what, non_negative=non_negative)


def reindexed(labels: tuple[str, ...], array: FloatArray, order: tuple[str, ...], axis: int = -1) -> FloatArray:
    """The array with its labelled axis put into ``order``; labels it lacks become NaN columns."""
    position = {label: index for index, label in enumerate(labels)}
    shape = list(array.shape)
    shape[axis] = len(order)
    result = np.full(shape, np.nan)
    source = [position[label] for label in order if label in position]
    target = [index for index, label in enumerate(order) if label in position]
    if axis in (-1, array.ndim - 1):
        result[..., target] = array[..., source]
    else:
        result[target, ...] = array[source, ...]
    return result


def year_labels(labels: pd.Index, *, what: str) -> tuple[int, ...]:
    """Index labels that must be years (integers), refusing duplicates and other labels."""
    years = tuple(year_of(label, what=what) for label in labels)
    if len(set(years)) != len(years):
        raise ValueError(f"{what}: duplicate years")
    return years


def year_of(label: Hashable, *, what: str) -> int:
    """A label that must be a year: an integer or a string of digits."""
    if isinstance(label, int | np.integer) and not isinstance(label, bool):
        return int(label)
    if isinstance(label, str) and label.strip().isdigit():
        return int(label.strip())
    raise ValueError(f"{what}: {label!r} is not a year")
