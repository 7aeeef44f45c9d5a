"""A survey on the test questionnaire (tests/surveys/forms.py) with responses, for the results tests.

The choices differ from the form's in two ways: the size classes are the register's (0_9 … 250_plus)
and the rating scale has a "weiß nicht" choice.
"""

from __future__ import annotations

import itertools
import uuid

from standortkompass.processes.models import StrategyProcess
from standortkompass.regiondata.models import Indicator, Observation, Region
from standortkompass.surveys.models import Response, ResponseStatus, Survey
from standortkompass.surveys.services import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create, survey_update
from surveys.forms import CHOICES, xlsx

RESULTS_CHOICES = [row for row in CHOICES if row[0] not in {"groesse", "ort"}] + [
    ["groesse", "0_9", "0 bis 9", "0 to 9", ""],
    ["groesse", "10_49", "10 bis 49", "10 to 49", ""],
    ["groesse", "50_249", "50 bis 249", "50 to 249", ""],
    ["groesse", "250_plus", "250 und mehr", "250 and more", ""],
    ["ort", "a", "Altstadt", "Old town", "0_9"],
    ["ort", "b", "Bahnhof", "Station", "10_49"],
    ["skala", "weiss_nicht", "weiß nicht", "don't know", ""],
]


# Keys in the order the tests create the responses (the app's keys are random), so that a test reads the rows
# in the order it wrote them; below every random key the app gives (version 4 sets a high bit).
_KEYS = itertools.count(1)


def ordered_key() -> uuid.UUID:
    return uuid.UUID(int=next(_KEYS))


def results_survey(
    process: StrategyProcess, answers: list[dict[str, object]], *, partial: int = 0, **settings: object
) -> Survey:
    version = questionnaire_import(process=process, data=xlsx(choices=RESULTS_CHOICES), filename="befragung.xlsx")
    questionnaire_publish(version=version, actor=None)
    survey = survey_create(process=process, questionnaire=version.questionnaire, actor=None)
    if settings:
        survey = survey_update(survey=survey, actor=None, **settings)
    Response.objects.bulk_create(
        [
            Response(id=ordered_key(), survey=survey, version=version, status=ResponseStatus.COMPLETED, answers=entry)
            for entry in answers
        ]
    )
    for _ in range(partial):
        Response.objects.create(id=ordered_key(), survey=survey, version=version, answers={"firma": "Halb"})
    return survey


def grid(cells: dict[tuple[str, str], int], **more: object) -> list[dict[str, object]]:
    """Responses with the given number per (branche, groesse)."""
    found: list[dict[str, object]] = []
    for (branche, groesse), count in cells.items():
        found += [{"firma": "X", "branche": branche, "groesse": groesse, **more} for _ in range(count)]
    return found


def load_register(region: Region, values: dict[str, float], year: int = 2021) -> None:
    """Local units of the district by size class, as the official import stores them."""
    for code, value in values.items():
        indicator, _created = Indicator.objects.get_or_create(code=code, defaults={"name": code})
        Observation.objects.create(indicator=indicator, region=region, year=year, value=value)
