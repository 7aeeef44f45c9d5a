"""Post-stratification weights: the sample brought into line with the population's cells."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._arithmetic import divide
from standortkompass.analysis.survey._input import is_missing, kish_effective_size, series


@dataclass(frozen=True, slots=True, eq=False)
class WeightingResult:
    """Post-stratification weights and what they cost in precision.

    Attributes
    ----------
    weights
        One weight per respondent, with the index of the sample (name ``weight``); NaN for
        respondents without a cell.
    cells
        One row per population cell, in the order given. Columns: ``population``
        (:math:`N_h`), ``population_share`` (:math:`N_h / N`), ``target_share`` (the share
        the weighted sample gets after the empty cells' shares are redistributed),
        ``respondents`` (:math:`n_h`, int), ``sample_share`` (:math:`n_h / n`) and
        ``weight`` (NaN for an empty cell).
    empty_cells
        Cells with population but no respondent.
    unweighted
        Respondents without a cell: their weight is NaN.
    design_effect
        Kish's design effect of unequal weighting, :math:`1 + CV^2`.
    effective_sample_size
        :math:`n / \\text{design effect}`.
    """

    weights: pd.Series[float]
    cells: pd.DataFrame
    empty_cells: tuple[str, ...]
    unweighted: int
    design_effect: float
    effective_sample_size: float


def poststratification_weights(sample_cells: pd.Series, population: Mapping[str, float]) -> WeightingResult:
    r"""Post-stratification weights from the population's counts per cell.

    Respondent :math:`i` in cell :math:`h` (for instance sector × size class,
    ``"C|10-49"``) gets

    .. math::

        w_i = \frac{N_h / N}{n_h / n}, \qquad \sum_i w_i = n

    where :math:`N_h` is the population of cell :math:`h` (from the business register),
    :math:`N` the population of the cells that have respondents, :math:`n_h` the
    respondents in the cell and :math:`n` all respondents with a cell. The weighted
    sample then has each cell's population share, and the weights average 1, so weighted
    counts stay on the scale of respondents.

    **Empty cells.** A cell with population but no respondent cannot be represented. It
    is reported in ``empty_cells`` and left out of :math:`N`, which spreads its population
    share over the other cells in proportion to their shares; that assumes the firms of
    the empty cell answer like the average of the others. Where that is doubtful, merge
    the empty cell with a similar neighbour (the next size class of the same sector) and
    weight again.

    **Respondents without a cell** (size class not given) get the weight NaN and are
    counted in ``unweighted``; they are not in :math:`n`. The caller decides whether to
    leave them out or to give them a weight (for instance 1); the other functions of this
    package refuse a missing weight.

    **Design effect.** With the weights of the :math:`n` weighted respondents,

    .. math::

        \mathrm{deff} = 1 + CV_w^2 = \frac{n \sum w_i^2}{\left(\sum w_i\right)^2},
        \qquad n_{\mathrm{eff}} = \frac{n}{\mathrm{deff}} = \frac{\left(\sum w_i\right)^2}{\sum w_i^2}

    where :math:`CV_w` is the coefficient of variation of the weights (standard deviation
    with divisor :math:`n`). It is the variance inflation of a mean through unequal
    weights alone.

    Parameters
    ----------
    sample_cells
        One cell label per respondent (a string), ``None``/NaN where unknown.
    population
        Population count :math:`N_h` per cell label; finite and non-negative.

    Raises
    ------
    ValueError
        If a respondent's cell is not in ``population`` or has population 0 (the message
        lists those cells), or a population count is negative or not finite.

    References
    ----------
    Kish, L. (1965). *Survey Sampling*. Wiley, New York.
    Kish, L. (1992). Weighting for unequal :math:`P_i`. *Journal of Official Statistics*
    8(2), 183–200.
    Little, R. J. A. (1993). Post-stratification: a modeler's perspective. *Journal of the
    American Statistical Association* 88(423), 1001–1012.
    """
    sample_cells = series(sample_cells, what="sample_cells")
    names = tuple(str(name) for name in population)
    if len(set(names)) != len(names):
        raise ValueError("population: duplicate cell labels")
    sizes = np.array([_population_count(name, value) for name, value in population.items()], dtype=np.float64)
    labels = [None if is_missing(value) else str(value) for value in sample_cells.tolist()]

    size_of = dict(zip(names, sizes.tolist(), strict=True))
    unknown = sorted({label for label in labels if label is not None and size_of.get(label, 0.0) == 0})
    if unknown:
        raise ValueError(
            "sample_cells: respondents in cells that are not in the population or have population 0: "
            + ", ".join(unknown)
        )

    counted = Counter(label for label in labels if label is not None)
    respondents = np.array([counted[name] for name in names], dtype=np.int64)
    n = int(respondents.sum())
    covered = respondents > 0
    target = np.where(covered, divide(sizes, sizes[covered].sum()), 0.0)
    cell_weights = np.where(covered, divide(target * n, respondents), np.nan)
    weight_of = dict(zip(names, cell_weights.tolist(), strict=True))
    weights = np.array([math.nan if label is None else weight_of[label] for label in labels], dtype=np.float64)

    used = weights[~np.isnan(weights)]
    effective = kish_effective_size(used)
    cells = pd.DataFrame(
        {
            "population": sizes,
            "population_share": divide(sizes, sizes.sum()),
            "target_share": target,
            "respondents": respondents,
            "sample_share": divide(respondents, n),
            "weight": cell_weights,
        },
        index=pd.Index(names, name="cell"),
    )
    return WeightingResult(
        weights=pd.Series(weights, index=sample_cells.index.copy(), name="weight"),
        cells=cells,
        empty_cells=tuple(names[h] for h in np.flatnonzero((sizes > 0) & ~covered)),
        unweighted=sum(label is None for label in labels),
        design_effect=n / effective if n else math.nan,
        effective_sample_size=effective,
    )


def _population_count(name: str, value: float) -> float:
    try:
        count = float(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"population: the count of {name} is not a number") from error
    if not math.isfinite(count) or count < 0:
        raise ValueError(f"population: the count of {name} must be finite and non-negative, got {value!r}")
    return count
