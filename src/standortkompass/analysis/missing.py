"""Missing and suppressed values: the policy and the record of what a result left out.

Policy
------
* A missing or suppressed value (the Regionaldatenbank symbols ``.`` and ``x``, a regional
  unit that did not exist that year, an empty cell) is ``NaN`` in every input. It is never
  read as 0 and never imputed.
* Every measure leaves a ``NaN`` out of its sums and ratios. Where a value is needed for a
  result and is missing, that result is ``NaN`` too.
* Every result carries ``excluded``: a tuple of :class:`Exclusion` records, each naming the
  region, sector and year of what was left out and the :class:`Reason`.
* Structural errors in the input (duplicate labels, negative counts, infinite values, sector
  codes that overlap in a way no partition can resolve) are not data gaps: they raise
  ``ValueError``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Reason(enum.StrEnum):
    """Why a value was left out of a computation."""

    MISSING = "missing or suppressed value"
    MISSING_IN_REFERENCE = "missing or suppressed value in the reference region"
    NOT_IN_TOTAL = "missing or suppressed value left out of the computed total"
    OFFICIAL_TOTAL_MISSING = "official total missing; the sum of the listed sectors is used"
    ZERO_IN_REFERENCE = "zero in the reference region; the ratio is undefined"
    ZERO_AT_START = "zero at the start of the period; the growth rate is undefined"
    ZERO_DENOMINATOR = "the denominator is zero; the ratio is undefined"
    AGGREGATE = "overlapping aggregate; its listed parts are used instead"
    PART_OF_AGGREGATE = "part of an aggregate whose other parts are not listed; the aggregate is used instead"
    TOTAL = "total; the measure is computed over the listed sectors"
    FEWER_THAN_TWO_SECTORS = "fewer than two sectors; the normalised index is undefined"
    NO_OTHER_REGION = "no other region with a value to compare with"
    REGION_WITHOUT_ADVANTAGE = "no sector with a revealed comparative advantage in this region"
    SECTOR_WITHOUT_ADVANTAGE = "no region with a revealed comparative advantage in this sector"


@dataclass(frozen=True, slots=True)
class Exclusion:
    """One value or item left out of a computation, and why.

    ``region``, ``sector`` and ``year`` are ``None`` where they do not apply.
    """

    reason: Reason
    region: str | None = None
    sector: str | None = None
    year: int | None = None

    def __str__(self) -> str:
        where = [
            part
            for part in (
                self.region,
                None if self.sector is None else f"sector {self.sector}",
                None if self.year is None else str(self.year),
            )
            if part is not None
        ]
        return f"{', '.join(where)}: {self.reason}" if where else str(self.reason)


def sorted_exclusions(exclusions: Iterable[Exclusion]) -> tuple[Exclusion, ...]:
    """Return the distinct exclusions in a stable order (region, sector, year, reason)."""
    return tuple(
        sorted(
            set(exclusions),
            key=lambda item: (item.region or "", item.sector or "", item.year or 0, item.reason.value),
        )
    )
