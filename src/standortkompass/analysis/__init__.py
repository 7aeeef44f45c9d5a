"""Standortkompass analysis library: the measures of a regional economic structure analysis.

Pure functions on pandas objects: no Django, no files, no plotting, no changes to the
caller's objects. Each measure is documented with its formula and a literature reference
in its module; results are frozen dataclasses or new pandas objects.

Input convention
----------------
Codes are strings: region codes (AGS such as ``"08118"``, ``"08"``, ``"DG"``) and sector
codes (WZ 2008 such as ``"C"``, ``"B-E"``, ``"TOTAL"``). Values are floats; a missing
or suppressed value is ``NaN``.

* **Sector vector** – one region, one year: a ``pd.Series`` indexed by sector code, its
  ``name`` the region code. Two-region measures take one for the region and one for the
  reference region (Land, Bund).
* **Sector matrix** – many regions, one year: a ``pd.DataFrame`` with one row per region
  (index: region codes) and one column per sector code. The ``*_by_region`` and
  ``*_matrix`` functions take it and compute for all rows at once.
* **Sector panel** – one region over time: a ``pd.DataFrame`` with one row per year and
  one column per sector code; for many regions the rows are indexed by (region, year).
* **Values by region** – one indicator: a ``pd.Series`` indexed by region code (or, for a
  time series, by year).
* The **long table** of the project's simple CSV (columns ``region``, ``sector``,
  ``year``, ``value``) is turned into the above by :mod:`standortkompass.analysis.tables`.

Results are indexed in sorted code order, so they do not depend on the order of the
input's rows or columns. Rates and shares are plain fractions (0.05 = 5 %).

Missing values and totals
-------------------------
See :mod:`standortkompass.analysis.missing` (NaN, never 0; left out of sums; every
result reports its exclusions; never imputed) and :mod:`standortkompass.analysis.totals`
(location quotients and shares use the official total when the data has one; shift-share,
specialisation, portfolio and complexity use the listed non-overlapping sectors; an
overlapping aggregate is never summed with its parts).

Modules
-------
``sectors`` codes, nesting, partition · ``tables`` long table reshaping · ``growth`` shares,
growth, CAGR · ``location_quotients`` · ``shift_share`` Dunn, Esteban-Marquillas, Gerfin,
dynamic · ``specialisation`` Krugman, Hachman, Herfindahl, Theil, entropy · ``benchmarks``
rank and percentile · ``portfolio`` · ``productivity`` · ``commuting`` · ``labour_market`` ·
``demography`` · ``company_size`` · ``resilience`` · ``complexity`` ECI/PCI and density.
"""

from standortkompass.analysis.benchmarks import Benchmark, benchmark, rank_regions
from standortkompass.analysis.commuting import Commuting, commuting
from standortkompass.analysis.company_size import size_structure
from standortkompass.analysis.complexity import (
    MIN_REGIONS,
    MIN_SECTORS,
    ComplexityStatus,
    EconomicComplexity,
    economic_complexity,
)
from standortkompass.analysis.demography import age_bounds, age_structure, old_age_dependency_ratio
from standortkompass.analysis.growth import Growth, Shares, cagr, growth, index_series, sector_shares
from standortkompass.analysis.labour_market import unemployment_rate
from standortkompass.analysis.location_quotients import LocationQuotients, location_quotient_matrix, location_quotients
from standortkompass.analysis.missing import Exclusion, Reason
from standortkompass.analysis.portfolio import Portfolio, portfolio_matrix
from standortkompass.analysis.productivity import productivity
from standortkompass.analysis.resilience import Resilience, resilience, resilience_by_region
from standortkompass.analysis.results import RegionTable, RegionValues
from standortkompass.analysis.sectors import (
    TOTAL,
    SectorPartition,
    check_non_overlapping,
    coverage,
    overlapping_pairs,
    select_partition,
)
from standortkompass.analysis.shift_share.classic import (
    DunnShiftShare,
    GerfinShiftShare,
    dunn_by_region,
    dunn_shift_share,
    gerfin_by_region,
    gerfin_shift_share,
)
from standortkompass.analysis.shift_share.dynamic import DynamicShiftShare, dynamic_by_region, dynamic_shift_share
from standortkompass.analysis.shift_share.esteban_marquillas import (
    EstebanMarquillasShiftShare,
    esteban_marquillas_by_region,
    esteban_marquillas_shift_share,
)
from standortkompass.analysis.specialisation import (
    Concentration,
    SpecialisationIndices,
    concentration,
    hachman_index,
    krugman_index,
    specialisation_by_region,
    specialisation_indices,
    theil_index,
)
from standortkompass.analysis.tables import sector_matrix, sector_panel, sector_panels, sector_vector, year_matrix

__all__ = [
    "MIN_REGIONS",
    "MIN_SECTORS",
    "TOTAL",
    "Benchmark",
    "Commuting",
    "ComplexityStatus",
    "Concentration",
    "DunnShiftShare",
    "DynamicShiftShare",
    "EconomicComplexity",
    "EstebanMarquillasShiftShare",
    "Exclusion",
    "GerfinShiftShare",
    "Growth",
    "LocationQuotients",
    "Portfolio",
    "Reason",
    "RegionTable",
    "RegionValues",
    "Resilience",
    "SectorPartition",
    "Shares",
    "SpecialisationIndices",
    "age_bounds",
    "age_structure",
    "benchmark",
    "cagr",
    "check_non_overlapping",
    "commuting",
    "concentration",
    "coverage",
    "dunn_by_region",
    "dunn_shift_share",
    "dynamic_by_region",
    "dynamic_shift_share",
    "economic_complexity",
    "esteban_marquillas_by_region",
    "esteban_marquillas_shift_share",
    "gerfin_by_region",
    "gerfin_shift_share",
    "growth",
    "hachman_index",
    "index_series",
    "krugman_index",
    "location_quotient_matrix",
    "location_quotients",
    "old_age_dependency_ratio",
    "overlapping_pairs",
    "portfolio_matrix",
    "productivity",
    "rank_regions",
    "resilience",
    "resilience_by_region",
    "sector_matrix",
    "sector_panel",
    "sector_panels",
    "sector_shares",
    "sector_vector",
    "select_partition",
    "size_structure",
    "specialisation_by_region",
    "specialisation_indices",
    "theil_index",
    "unemployment_rate",
    "year_matrix",
]
