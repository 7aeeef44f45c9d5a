"""Result containers shared by several measures.

Results are frozen dataclasses. Fields that hold pandas objects are new objects built by
the measure; they share no memory with the inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from standortkompass.analysis.missing import Exclusion


@dataclass(frozen=True, slots=True, eq=False)
class RegionValues:
    """One value per region (or per sector), and what was left out.

    Attributes
    ----------
    values
        Float Series; ``NaN`` where the value is undefined (see ``excluded``).
    excluded
        What was left out, and why.
    """

    values: pd.Series[float]
    excluded: tuple[Exclusion, ...]


@dataclass(frozen=True, slots=True, eq=False)
class RegionTable:
    """Several values per region (one row per region, one column per quantity), and what was left out."""

    values: pd.DataFrame
    excluded: tuple[Exclusion, ...]
