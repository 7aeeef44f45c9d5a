"""Confidence intervals for proportions: the Wilson score interval."""

from __future__ import annotations

import math
from statistics import NormalDist


def wilson_interval(successes: float, n: float, *, confidence: float = 0.95) -> tuple[float, float]:
    r"""Wilson score interval for a proportion.

    With :math:`\hat p = x / n` and :math:`z` the :math:`1 - \alpha/2` quantile of the
    standard normal distribution (:math:`z = 1.95996` for 95 %),

    .. math::

        \frac{\hat p + \frac{z^2}{2n}}{1 + \frac{z^2}{n}}
        \pm \frac{z}{1 + \frac{z^2}{n}} \sqrt{\frac{\hat p (1 - \hat p)}{n} + \frac{z^2}{4 n^2}}

    Unlike the Wald interval :math:`\hat p \pm z \sqrt{\hat p(1-\hat p)/n}` it stays
    inside [0, 1], is not degenerate at :math:`\hat p = 0` or 1 and keeps close to its
    nominal coverage in the small samples of company surveys.

    Parameters
    ----------
    successes
        :math:`x`, the number of respondents with the property; ``0 <= successes <= n``.
    n
        :math:`n`, the number of respondents. Non-integer counts are accepted: for weighted
        data pass :math:`x = \hat p_w n_{\mathrm{eff}}` and :math:`n = n_{\mathrm{eff}}`
        with Kish's effective sample size :math:`n_{\mathrm{eff}} = (\sum w)^2 / \sum w^2`.
    confidence
        :math:`1 - \alpha`, strictly between 0 and 1.

    Returns
    -------
    tuple of float
        Lower and upper limit as fractions; ``(nan, nan)`` if ``n`` is 0 or either count is NaN.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. *Journal of the American Statistical Association* 22(158), 209–212.
    Brown, L. D., Cai, T. T. & DasGupta, A. (2001). Interval estimation for a binomial
    proportion. *Statistical Science* 16(2), 101–133.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence}")
    if math.isnan(successes) or math.isnan(n) or n == 0:
        return (math.nan, math.nan)
    if math.isinf(successes) or math.isinf(n):
        raise ValueError("wilson_interval: counts must be finite")
    if n < 0 or successes < 0:
        raise ValueError(f"wilson_interval: counts must not be negative (successes={successes}, n={n})")
    if successes > n * (1 + 1e-12):
        raise ValueError(f"wilson_interval: successes ({successes}) exceed n ({n})")
    proportion = min(successes / n, 1.0)
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    z_squared_over_n = z * z / n
    centre = (proportion + z_squared_over_n / 2) / (1 + z_squared_over_n)
    half_width = z / (1 + z_squared_over_n) * math.sqrt(proportion * (1 - proportion) / n + z_squared_over_n / (4 * n))
    # At x = 0 (x = n) the lower (upper) limit is 0 (1) exactly; rounding would leave a tiny residue.
    low = 0.0 if successes == 0 else max(0.0, centre - half_width)
    high = 1.0 if proportion == 1 else min(1.0, centre + half_width)
    return (low, high)
