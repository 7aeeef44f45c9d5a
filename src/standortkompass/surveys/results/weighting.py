"""Post-stratification weights by size class to the register's local units of the district."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from django.utils.translation import gettext as _

from standortkompass.analysis.survey import (
    poststratification_weights,
)
from standortkompass.regiondata.selectors import observations_list
from standortkompass.surveys.dataset import Dataset
from standortkompass.surveys.models import Survey
from standortkompass.surveys.results.build import _valid

# Lower bound of a size class (employees) → register indicator of the district's local units.
REGISTER_BY_LOWER_BOUND = {
    0: "local_units_0_to_10",
    10: "local_units_10_to_50",
    50: "local_units_50_to_250",
    250: "local_units_250_plus",
}


@dataclass(frozen=True)
class Weighting:
    """Whether the results can be and are weighted, the weights, and what the page must say about them."""

    available: bool
    active: bool
    weights: pd.Series | None = None
    explanation: str = ""
    year: int | None = None
    without_cell: int = 0
    empty_cells: tuple[str, ...] = ()
    design_effect: float | None = None


def _lower_bound(choice: str) -> int | None:
    match = re.match(r"\D*(\d+)", choice)
    return int(match.group(1)) if match else None


def survey_weighting(*, survey: Survey, dataset: Dataset, requested: bool) -> Weighting:
    """Post-stratification weights by size class to the district's local units in the business register."""
    if not survey.weighting_enabled or not survey.size_question:
        return Weighting(available=False, active=False)
    try:
        size = dataset.variable(survey.size_question)
    except KeyError:
        return Weighting(False, False, explanation=_("The question for the size class is not in the questionnaire."))
    indicators: dict[str, str] = {}
    for choice, _label in size.choices:
        bound = _lower_bound(choice)
        if bound not in REGISTER_BY_LOWER_BOUND:
            return Weighting(
                False,
                False,
                explanation=_(
                    "The size classes of the questionnaire do not match those of the register (0–9, 10–49, 50–249, "
                    "250 and more employees), so the results cannot be weighted."
                ),
            )
        indicators[choice] = REGISTER_BY_LOWER_BOUND[bound]
    population, year = _register_population(survey, set(indicators.values()))
    if population is None:
        return Weighting(
            False,
            False,
            explanation=_("The register figures of local units by size class are not loaded for this district."),
        )
    cells = {choice: population[indicator] for choice, indicator in indicators.items()}
    missing = [label for choice, label in size.choices if not cells.get(choice)]
    answers = dataset.frame[size.name] if size.name in dataset.frame else pd.Series(dtype=object)
    if missing and answers.isin([c for c, _l in size.choices if not cells.get(c)]).any():
        return Weighting(
            False,
            False,
            explanation=_("The register has no figure for these size classes: %(classes)s.")
            % {"classes": ", ".join(missing)},
        )
    if not requested:
        return Weighting(available=True, active=False, year=year)
    result = poststratification_weights(_valid(answers, size), {k: v for k, v in cells.items() if v})
    without = int(result.weights.isna().sum())
    weights = result.weights.fillna(1.0)
    labels = dict(size.choices)
    return Weighting(
        available=True,
        active=True,
        weights=weights,
        year=year,
        without_cell=without,
        empty_cells=tuple(labels.get(cell, cell) for cell in result.empty_cells),
        design_effect=result.design_effect,
    )


def _register_population(survey: Survey, indicators: set[str]) -> tuple[dict[str, float] | None, int | None]:
    region = survey.process.region
    values: dict[int, dict[str, float]] = {}
    for indicator in indicators:
        for row in observations_list(indicator=indicator, regions=[region.code]):
            if row.sector in ("", "TOTAL") and row.value is not None:
                values.setdefault(row.year, {})[indicator] = float(row.value)
    complete = [year for year, found in values.items() if indicators <= set(found)]
    if not complete:
        return None, None
    year = max(complete)
    return values[year], year
