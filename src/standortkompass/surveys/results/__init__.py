"""Results of a survey per question and as cross-tabs, with small-cell suppression and optional weighting.

Every figure shown on a page, drawn in a chart or written to a CSV download comes from a result
that went through :func:`publishable`, the one place where suppression is applied: with
``suppressed`` a count below the survey's threshold (and, secondarily, what would give it away)
becomes ``None`` and is marked hidden; a question answered by fewer respondents than the
threshold shows nothing but "too few answers". Administration may ask for the unsuppressed figures.

Weighting: the shipped register gives the district's local units by size class only (not by WZ
section), so post-stratification uses the size class alone. Counts are always unweighted.
"""

from standortkompass.surveys.results.build import is_likert, is_personal, likert_scale
from standortkompass.surveys.results.selectors import (
    CACHE_SECONDS,
    Overview,
    PageGroup,
    QuestionEntry,
    ResponseCounts,
    ResultsView,
    analysable_variables,
    cached_results_overview,
    crosstab_variables,
    published_codes,
    published_crosstab,
    published_question,
    response_counts,
    results_overview,
    results_view,
    survey_data_version,
)
from standortkompass.surveys.results.suppression import publishable
from standortkompass.surveys.results.types import (
    HIDDEN,
    AnyResult,
    ChoiceResult,
    CodeResult,
    CrossTabResult,
    LikertItem,
    LikertResult,
    NumericResult,
    QuestionResult,
    Row,
    Segment,
    TextResult,
)
from standortkompass.surveys.results.weighting import Weighting, survey_weighting

__all__ = [
    "CACHE_SECONDS",
    "HIDDEN",
    "AnyResult",
    "ChoiceResult",
    "CodeResult",
    "CrossTabResult",
    "LikertItem",
    "LikertResult",
    "NumericResult",
    "Overview",
    "PageGroup",
    "QuestionEntry",
    "QuestionResult",
    "ResponseCounts",
    "ResultsView",
    "Row",
    "Segment",
    "TextResult",
    "Weighting",
    "analysable_variables",
    "cached_results_overview",
    "crosstab_variables",
    "is_likert",
    "is_personal",
    "likert_scale",
    "publishable",
    "published_codes",
    "published_crosstab",
    "published_question",
    "response_counts",
    "results_overview",
    "results_view",
    "survey_data_version",
    "survey_weighting",
]
