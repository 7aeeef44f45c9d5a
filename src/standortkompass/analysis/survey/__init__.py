"""Statistics of company-survey results: pure functions, no Django, no files.

Answers come in as one ``pd.Series`` per question with one entry per respondent (the
respondents as the index): a category name for a single-choice question, a list of
category names for a multiple-choice question, a number for a numeric question, and
``None`` or NaN for no answer. Weights, where used, are a float Series with the same index.
Shares and interval limits are fractions (0.05 = 5 %); the diverging bar layout of rating
scales is in percentage points from -100 to 100.

Modules
-------
``intervals`` Wilson score interval · ``frequencies`` frequency tables and numeric summaries ·
``likert`` rating scales and the diverging bar · ``crosstabs`` two-way tables ·
``suppression`` small-cell suppression for publication · ``anonymity`` k-anonymity of
respondent-level exports · ``weighting`` post-stratification.
"""

from standortkompass.analysis.survey.crosstabs import CrossTab, crosstab
from standortkompass.analysis.survey.frequencies import FrequencyTable, NumericSummary, frequency_table, numeric_summary
from standortkompass.analysis.survey.intervals import wilson_interval
from standortkompass.analysis.survey.likert import LikertRow, likert_diverging
from standortkompass.analysis.survey.suppression import (
    FrequencySuppression,
    SuppressionResult,
    suppress_frequencies,
    suppress_linked_table,
    suppress_table,
)
from standortkompass.analysis.survey.weighting import WeightingResult, poststratification_weights

__all__ = [
    "CrossTab",
    "FrequencySuppression",
    "FrequencyTable",
    "LikertRow",
    "NumericSummary",
    "SuppressionResult",
    "WeightingResult",
    "crosstab",
    "frequency_table",
    "likert_diverging",
    "numeric_summary",
    "poststratification_weights",
    "suppress_frequencies",
    "suppress_linked_table",
    "suppress_table",
    "wilson_interval",
]
