"""Services of the Standortanalyse: the analysis of a region and of all districts, the statistics upload."""

from standortkompass.standortanalyse.services.analysis.data import (
    employment_from_long_csv,
    employment_observations,
    is_superset_region,
)
from standortkompass.standortanalyse.services.analysis.districts import (
    AllDistrictsAnalysis,
    DistrictComparison,
    all_districts_analysis,
)
from standortkompass.standortanalyse.services.analysis.errors import (
    AnalysisDataError,
    AnalysisError,
    PeriodError,
    ReferenceNotSupersetError,
    UnknownRegionError,
    YearsOutsideDataError,
)
from standortkompass.standortanalyse.services.analysis.region import ExcludedItem, RegionAnalysis, region_analysis

__all__ = [
    "AllDistrictsAnalysis",
    "AnalysisDataError",
    "AnalysisError",
    "DistrictComparison",
    "ExcludedItem",
    "PeriodError",
    "ReferenceNotSupersetError",
    "RegionAnalysis",
    "UnknownRegionError",
    "YearsOutsideDataError",
    "all_districts_analysis",
    "employment_from_long_csv",
    "employment_observations",
    "is_superset_region",
    "region_analysis",
]
