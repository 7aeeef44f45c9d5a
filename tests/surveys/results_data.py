"""A survey on the test questionnaire (tests/surveys/forms.py) with responses, for the results tests."""

from __future__ import annotations

from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Response, ResponseStatus, Survey
from standortkompass.surveys.services import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create
from surveys.forms import xlsx


def results_survey(process: StrategyProcess, answers: list[dict[str, object]], *, partial: int = 0) -> Survey:
    version = questionnaire_import(process=process, data=xlsx(), filename="befragung.xlsx")
    questionnaire_publish(version=version, actor=None)
    survey = survey_create(process=process, questionnaire=version.questionnaire, actor=None)
    for entry in answers:
        Response.objects.create(survey=survey, version=version, status=ResponseStatus.COMPLETED, answers=entry)
    for _ in range(partial):
        Response.objects.create(survey=survey, version=version, answers={"firma": "Halb"})
    return survey


def grid(branche_by_groesse: dict[tuple[str, str], int]) -> list[dict[str, object]]:
    """Responses with the given number per (branche, groesse)."""
    found: list[dict[str, object]] = []
    for (branche, groesse), count in branche_by_groesse.items():
        found += [{"firma": "X", "branche": branche, "groesse": groesse} for _ in range(count)]
    return found
