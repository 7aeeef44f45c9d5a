"""Putting region matrices and reference vectors onto one partition of their sector codes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from standortkompass.analysis._arithmetic import FloatArray
from standortkompass.analysis._validation import label_of, matrix, reindexed, vector
from standortkompass.analysis.missing import Exclusion
from standortkompass.analysis.sectors import select_partition


@dataclass(frozen=True, slots=True)
class OnPartition:
    """Arrays on a common, sorted region order and a common sector partition.

    ``regions[k]`` and ``references[k]`` are the k-th inputs as arrays of shape
    (regions, sectors) and (sectors,); a region or sector missing from one input is NaN there.
    """

    region_codes: tuple[str, ...]
    reference_code: str
    sectors: tuple[str, ...]
    regions: tuple[FloatArray, ...]
    references: tuple[FloatArray, ...]
    dropped: tuple[Exclusion, ...]


def on_partition(
    regions: tuple[pd.DataFrame, ...], references: tuple[pd.Series[float], ...], *, what: tuple[str, ...]
) -> OnPartition:
    """Validate the inputs and align them on the partition of the union of their sector codes."""
    region_inputs = [matrix(frame, what=label) for frame, label in zip(regions, what, strict=False)]
    reference_inputs = [
        vector(series, what=label) for series, label in zip(references, what[len(regions) :], strict=False)
    ]
    all_codes = {code for _, columns, _ in region_inputs for code in columns}
    all_codes |= {code for labels, _ in reference_inputs for code in labels}
    partition = select_partition(all_codes)
    region_codes = tuple(sorted({code for rows, _, _ in region_inputs for code in rows}))
    aligned_regions = tuple(
        reindexed(rows, reindexed(columns, values, partition.sectors), region_codes, axis=0)
        for rows, columns, values in region_inputs
    )
    aligned_references = tuple(reindexed(labels, values, partition.sectors) for labels, values in reference_inputs)
    return OnPartition(
        region_codes=region_codes,
        reference_code=label_of(references[0], "reference") if references else "reference",
        sectors=partition.sectors,
        regions=aligned_regions,
        references=aligned_references,
        dropped=partition.dropped,
    )


def one_row(region: pd.Series[float], *, what: str) -> pd.DataFrame:
    """A one-region Series as a one-row DataFrame, labelled with the region code (its ``name``)."""
    labels, values = vector(region, what=what)
    return pd.DataFrame(values[np.newaxis, :], index=pd.Index([label_of(region, "region")]), columns=pd.Index(labels))
