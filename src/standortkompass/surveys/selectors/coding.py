"""Read side of coding open answers: which questions of a survey are open (free text)."""

from __future__ import annotations

from standortkompass.surveys.dataset import survey_version
from standortkompass.surveys.models import Survey
from standortkompass.surveys.runtime import Runtime

OPEN_KINDS = {"text", "long_text"}


def open_question_names(*, survey: Survey) -> list[str]:
    """Names of the survey's open (text) questions, in questionnaire order."""
    version = survey_version(survey=survey)
    if version is None:
        return []
    return [name for name, question in Runtime(version.schema).questions.items() if question["kind"] in OPEN_KINDS]
