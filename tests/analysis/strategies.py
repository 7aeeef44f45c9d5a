"""Hypothesis strategies for the analysis tests: sector vectors, matrices and panels of employment counts."""

from __future__ import annotations

import pandas as pd
from hypothesis import settings
from hypothesis import strategies as st

# The non-overlapping partition of the employment table 13111-07-05-4.
PARTITION = ("A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U")

FAST = settings(max_examples=25, deadline=None)

counts = st.integers(min_value=0, max_value=200_000).map(float)
positive_counts = st.integers(min_value=1, max_value=200_000).map(float)


@st.composite
def sector_lists(draw: st.DrawFn, min_size: int = 2) -> list[str]:
    return draw(st.lists(st.sampled_from(PARTITION), min_size=min_size, max_size=len(PARTITION), unique=True))


@st.composite
def region_and_reference(draw: st.DrawFn, positive: bool = True) -> tuple[pd.Series, pd.Series]:
    """A region and a reference that contains it (reference = region + rest of the country)."""
    sectors = draw(sector_lists())
    values = positive_counts if positive else counts
    region = [draw(values) for _ in sectors]
    rest = [draw(positive_counts) for _ in sectors]
    return (
        pd.Series(region, index=sectors, name="08118"),
        pd.Series([a + b for a, b in zip(region, rest, strict=True)], index=sectors, name="DG"),
    )


@st.composite
def two_periods(draw: st.DrawFn) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Region and reference at the start and at the end of a period; start values positive."""
    sectors = draw(sector_lists())

    def series(name: str, elements: st.SearchStrategy[float]) -> pd.Series:
        return pd.Series([draw(elements) for _ in sectors], index=sectors, name=name)

    region_start, region_end = series("08118", positive_counts), series("08118", counts)
    rest_start, rest_end = series("DG", positive_counts), series("DG", counts)
    return region_start, region_end, region_start + rest_start, region_end + rest_end


@st.composite
def matrices(draw: st.DrawFn, min_regions: int = 2, max_regions: int = 6) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sector matrices of several regions at two dates (start values positive)."""
    sectors = draw(sector_lists())
    regions = draw(
        st.lists(
            st.sampled_from(["08111", "08115", "08116", "08117", "08118", "08119", "09162", "11000"]),
            min_size=min_regions,
            max_size=max_regions,
            unique=True,
        )
    )
    start = pd.DataFrame([[draw(positive_counts) for _ in sectors] for _ in regions], index=regions, columns=sectors)
    end = pd.DataFrame([[draw(counts) for _ in sectors] for _ in regions], index=regions, columns=sectors)
    return start, end


@st.composite
def panels(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A region panel and a reference panel (years × sectors) over three to six consecutive years."""
    sectors = draw(sector_lists())
    first = draw(st.integers(min_value=2008, max_value=2015))
    years = list(range(first, first + draw(st.integers(min_value=3, max_value=6))))
    region = pd.DataFrame([[draw(positive_counts) for _ in sectors] for _ in years], index=years, columns=sectors)
    rest = pd.DataFrame([[draw(positive_counts) for _ in sectors] for _ in years], index=years, columns=sectors)
    return region, region + rest
