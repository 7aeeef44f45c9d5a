"""Division and logarithms that return NaN for undefined cases instead of warning."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def divide(numerator: npt.ArrayLike, denominator: npt.ArrayLike) -> FloatArray:
    """Element-wise ``numerator / denominator``; NaN where the denominator is 0 or NaN."""
    top, bottom = np.broadcast_arrays(
        np.asarray(numerator, dtype=np.float64), np.asarray(denominator, dtype=np.float64)
    )
    result = np.full(top.shape, np.nan)
    np.divide(top, bottom, out=result, where=(bottom != 0) & ~np.isnan(bottom))
    return result


def ratio(numerator: float, denominator: float) -> float:
    """Scalar ``numerator / denominator``; NaN where the denominator is 0 or NaN."""
    if denominator == 0 or math.isnan(denominator):
        return math.nan
    return numerator / denominator


def x_log_x_over_y(x: FloatArray, y: FloatArray) -> FloatArray:
    """Element-wise ``x * ln(x / y)`` with the limit 0 for ``x == 0``; NaN where ``y`` is 0 and ``x`` is not."""
    quotient = divide(x, y)
    logarithm = np.zeros(quotient.shape)
    np.log(quotient, out=logarithm, where=quotient > 0)
    result = x * logarithm
    result[np.isnan(quotient) & (x != 0)] = np.nan
    return result
